import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import type { Deps } from '../../functions/kernel/domain/deps.js';
import { createEvent } from '../../functions/modules/catalog/domain/events.js';
import { generateEventTasks } from '../../functions/modules/tasks/domain/generation.js';
import type { Task } from '../../functions/modules/tasks/domain/model.js';
import { sendTaskReminders } from '../../functions/modules/tasks/domain/reminding.js';
import { createTask, deleteTask, moveTask, updateTask } from '../../functions/modules/tasks/domain/tasks.js';
import { createTaskTemplate } from '../../functions/modules/tasks/domain/templates.js';
import { eventInput, orgWith, venueIn } from './catalog-world.js';
import { freshContainer, user } from './fixtures.js';

/**
 * Tasks on DynamoDB Local: generation from a template that a retry (or a second run after a lost
 * task) completes without duplicates, concurrent dependency edits that cannot close a cycle (the
 * graph version refuses the second writer, which then sees the cycle), the done rule, reminders
 * sent once per kind however often the run repeats, and an event's purge.
 */

const owner = user('task-owner');
const staff = user('task-staff');

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (err) {
    return (err as { code: string }).code;
  }
  throw new Error('expected a refusal');
};

describe('tasks on DynamoDB Local', () => {
  let c: Container & { tableName: string };
  let orgId: string;
  let eventId: string;

  beforeAll(async () => {
    c = await freshContainer();
    orgId = await orgWith(c, owner.sub, { [staff.sub]: 'staff' });
    const venue = await venueIn(c, owner.sub, orgId);
    ({ eventId } = await createEvent(
      c.deps,
      owner,
      orgId,
      eventInput(venue.venueId, { title: 'Planned', startsAt: '2027-04-02T17:00:00.000Z' }),
    ));
  });

  const at = (t: Task) => ({ orgId, eventId, taskId: t.taskId });
  const newTask = (title: string, over: Partial<Parameters<typeof createTask>[4]> = {}) =>
    createTask(c.deps, owner, orgId, eventId, { title, priority: 'medium', dependsOn: [], ...over });

  it('generates from a template once: a rerun creates nothing, a lost task is made again', async () => {
    const template = await createTaskTemplate(c.deps, owner, orgId, {
      name: 'Checklist',
      specs: [
        {
          key: 'venue',
          title: 'Venue',
          description: null,
          priority: 'high',
          offsetDays: -7,
          timeOfDay: '09:00',
          dependsOn: [],
        },
        {
          key: 'signs',
          title: 'Signs',
          description: null,
          priority: 'low',
          offsetDays: 0,
          timeOfDay: '08:00',
          dependsOn: ['venue'],
        },
      ],
    });
    const generate = () => generateEventTasks(c.deps, owner, orgId, eventId, template.templateId);
    const [first, second] = [await generate(), await generate()];
    expect(first).toMatchObject({ created: 2, existing: 0 });
    expect(second).toMatchObject({ created: 0, existing: 2 });
    const { tasks } = await c.deps.tasks.graph(orgId, eventId);
    const signs = tasks.find((t) => t.specKey === 'signs');
    const venue = tasks.find((t) => t.specKey === 'venue');
    // Berlin: a week before the start is CET (UTC+1), the start day CEST (UTC+2).
    expect(venue?.dueAt).toBe('2027-03-26T08:00:00.000Z');
    expect(signs?.dueAt).toBe('2027-04-02T06:00:00.000Z');
    expect(signs?.dependsOn).toEqual([venue?.taskId]);
    // A task lost (deleted) is generated again under the same id; the rest stay as they are.
    await deleteTask(c.deps, owner, at(signs as Task));
    expect(await generate()).toMatchObject({ created: 1, existing: 1 });
    expect((await c.deps.tasks.graph(orgId, eventId)).tasks.filter((t) => t.templateId)).toHaveLength(2);
  });

  it('refuses the second of two dependency edits read against the same graph version', async () => {
    const a = await newTask('A');
    const b = await newTask('B');
    const graph = await c.deps.tasks.graph(orgId, eventId);
    const bump = (t: Task, dependsOn: string[]) => ({ ...t, dependsOn, version: t.version + 1 });
    // Each edit alone closes no cycle in the graph it read; together they would.
    expect(await c.deps.tasks.save(a, bump(a, [b.taskId]), graph.version)).toBe(true);
    expect(await c.deps.tasks.save(b, bump(b, [a.taskId]), graph.version)).toBe(false);
  });

  it('lets concurrent dependency edits through one at a time: never both, whatever the order', async () => {
    for (let round = 0; round < 3; round++) {
      const a = await newTask(`A${round}`);
      const b = await newTask(`B${round}`);
      const results = await Promise.allSettled([
        updateTask(c.deps, owner, at(a), { dependsOn: [b.taskId] }),
        updateTask(c.deps, owner, at(b), { dependsOn: [a.taskId] }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({ code: 'DEPENDENCY_CYCLE', details: { field: 'dependsOn' } });
    }
  });

  it('keeps a task from done until its dependencies are, and a depended-on task from deletion', async () => {
    const first = await newTask('First');
    const then = await newTask('Then', { dependsOn: [first.taskId] });
    await moveTask(c.deps, owner, at(then), 'in_progress');
    expect(await codeOf(moveTask(c.deps, owner, at(then), 'done'))).toBe('TASK_BLOCKED');
    expect(await codeOf(deleteTask(c.deps, owner, at(first)))).toBe('TASK_HAS_DEPENDENTS');
    expect(await codeOf(moveTask(c.deps, owner, at(first), 'done'))).toBe('INVALID_TRANSITION');
    await moveTask(c.deps, owner, at(first), 'in_progress');
    await moveTask(c.deps, owner, at(first), 'done');
    expect((await moveTask(c.deps, owner, at(then), 'done')).status).toBe('done');
    // Asked again, the move answers the task as it is.
    expect((await moveTask(c.deps, owner, at(then), 'done')).status).toBe('done');
  });

  it("lets a task's assignee move it, and nobody else without task.manage", async () => {
    const mine = await newTask('Mine', { assigneeId: staff.sub });
    const other = await newTask('Other');
    expect((await moveTask(c.deps, staff, at(mine), 'in_progress')).status).toBe('in_progress');
    expect(await codeOf(moveTask(c.deps, staff, at(other), 'in_progress'))).toBe('FORBIDDEN');
  });

  it('reminds each task once when due soon and once when overdue, however often the run repeats', async () => {
    const dueAt = '2027-03-10T09:00:00.000Z';
    const reminded = await newTask('Reminded', { assigneeId: staff.sub, due: { at: dueAt } });
    const runAt = (iso: string) =>
      sendTaskReminders(
        { ...c.deps, clock: { now: () => new Date(iso) } } as Pick<Deps, 'tasks' | 'clock'>,
        orgId,
      );
    expect(await runAt('2027-03-07T09:00:00Z')).toEqual({ sent: 0, skipped: 0 });
    expect((await runAt('2027-03-09T02:00:00Z')).sent).toBe(1);
    expect((await runAt('2027-03-09T03:00:00Z')).sent).toBe(0);
    expect((await runAt('2027-03-11T02:00:00Z')).sent).toBe(1);
    expect((await runAt('2027-03-12T02:00:00Z')).sent).toBe(0);
    const inbox = await c.deps.notifications.listByUser(staff.sub, { limit: 50 });
    const mine = inbox.items.filter((n) => n.payload.taskId === reminded.taskId);
    expect(mine.map((n) => n.type).sort()).toEqual(['task.due_soon', 'task.overdue']);
    expect((await c.deps.tasks.get(orgId, eventId, reminded.taskId))?.remindersSent).toEqual([
      'due_soon',
      'overdue',
    ]);
  });

  it("purges the event's tasks, graph head and reminders page by page", async () => {
    let removed = 0;
    let page: number;
    do {
      page = await c.deps.tasks.purgeEvent(orgId, eventId, 5);
      removed += page;
    } while (page === 5);
    expect(removed).toBeGreaterThan(10);
    expect((await c.deps.tasks.graph(orgId, eventId)).tasks).toEqual([]);
    expect((await c.deps.tasks.graph(orgId, eventId)).version).toBe(0);
    const inbox = await c.deps.notifications.listByUser(staff.sub, { limit: 50 });
    expect(inbox.items.filter((n) => n.type.startsWith('task.'))).toEqual([]);
  });
});
