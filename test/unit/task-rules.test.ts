import { describe, expect, it } from 'vitest';
import { dueAtFrom } from '../../functions/modules/tasks/domain/due-dates.js';
import { cycleThrough, dependencyOrder, specIssues } from '../../functions/modules/tasks/domain/graph.js';
import { type Task, type TaskSpec, taskMoves } from '../../functions/modules/tasks/domain/model.js';
import { nextReminderAt, reminderDue } from '../../functions/modules/tasks/domain/reminders.js';
import { assertMove, checkedDependencies } from '../../functions/modules/tasks/domain/task-rules.js';

/** The pure rules of tasks: cycles, status moves, due dates across DST, reminders. */

const task = (taskId: string, over: Partial<Task> = {}): Task => ({
  orgId: 'org_1',
  eventId: 'evt_1',
  taskId,
  title: taskId,
  description: null,
  assigneeId: null,
  dueAt: null,
  status: 'todo',
  priority: 'medium',
  dependsOn: [],
  templateId: null,
  specKey: null,
  remindersSent: [],
  createdBy: 'u',
  version: 1,
  createdAt: '2027-01-01T00:00:00.000Z',
  updatedAt: '2027-01-01T00:00:00.000Z',
  ...over,
});

const codeOf = (act: () => unknown): string | undefined => {
  try {
    act();
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code;
  }
};

describe('dependency cycles', () => {
  const graph = new Map([
    ['a', ['b']],
    ['b', ['c']],
    ['c', []],
  ]);

  it('finds the cycle a new dependency would close, as a path', () => {
    expect(cycleThrough(graph, 'c', ['a'])).toEqual(['c', 'a', 'b', 'c']);
    expect(cycleThrough(graph, 'a', ['a'])).toEqual(['a', 'a']);
  });

  it('lets through dependencies that close none', () => {
    expect(cycleThrough(graph, 'a', ['c'])).toBeNull();
    expect(cycleThrough(graph, 'd', ['a', 'c'])).toBeNull();
  });

  it('orders an acyclic graph dependencies first, and refuses a cyclic one', () => {
    expect(dependencyOrder(graph)).toEqual(['c', 'b', 'a']);
    expect(dependencyOrder(new Map([...graph, ['c', ['a']]]))).toBeNull();
  });

  it("refuses a task's unknown, own and cycle-closing dependencies, naming the field", () => {
    const tasks = [task('a', { dependsOn: ['b'] }), task('b')];
    expect(checkedDependencies(tasks, 'a', ['b', 'b'])).toEqual(['b']);
    expect(codeOf(() => checkedDependencies(tasks, 'a', ['x']))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => checkedDependencies(tasks, 'a', ['a']))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => checkedDependencies(tasks, 'b', ['a']))).toBe('DEPENDENCY_CYCLE');
  });

  it("checks a template's specs: unique keys, known dependencies, no cycle", () => {
    const spec = (key: string, dependsOn: string[] = []): TaskSpec => ({
      key,
      title: key,
      description: null,
      priority: 'low',
      offsetDays: 0,
      timeOfDay: '09:00',
      dependsOn,
    });
    expect(specIssues([spec('a'), spec('b', ['a'])])).toEqual([]);
    expect(specIssues([spec('a'), spec('a')]).map((i) => i.field)).toEqual(['specs.1.key']);
    expect(specIssues([spec('a', ['z'])]).map((i) => i.field)).toEqual(['specs.0.dependsOn']);
    expect(specIssues([spec('a', ['b']), spec('b', ['a'])])[0]?.message).toMatch(/cycle: a -> b -> a/);
  });
});

describe('status moves', () => {
  it('keeps done and cancelled final, and reaches done only from in progress', () => {
    expect(taskMoves.done).toEqual([]);
    expect(taskMoves.cancelled).toEqual([]);
    const from = Object.entries(taskMoves).filter(([, to]) => to.includes('done'));
    expect(from.map(([f]) => f)).toEqual(['in_progress']);
  });

  it('refuses a move not in the table, and done while a dependency is not done', () => {
    const dep = task('dep', { status: 'in_progress' });
    const t = task('t', { status: 'in_progress', dependsOn: ['dep', 'gone'] });
    expect(codeOf(() => assertMove(task('x'), 'done', []))).toBe('INVALID_TRANSITION');
    try {
      assertMove(t, 'done', [dep, t]);
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({ code: 'TASK_BLOCKED', details: { blockingTaskIds: ['dep', 'gone'] } });
    }
    // A cancelled dependency will never be done: it no longer holds anything up.
    expect(() =>
      assertMove(task('t', { status: 'in_progress', dependsOn: ['d'] }), 'done', [
        task('d', { status: 'cancelled' }),
      ]),
    ).not.toThrow();
  });
});

describe('due dates in the venue zone', () => {
  it('keeps the local time across a DST change (Berlin, spring forward on 2027-03-28)', () => {
    // The event starts on 2027-04-02 at 19:00 CEST (UTC+2); a week before is still CET (UTC+1).
    const start = '2027-04-02T17:00:00.000Z';
    expect(dueAtFrom(start, 'Europe/Berlin', -7, '09:00')).toBe('2027-03-26T08:00:00.000Z');
    expect(dueAtFrom(start, 'Europe/Berlin', 0, '09:00')).toBe('2027-04-02T07:00:00.000Z');
    expect(dueAtFrom(start, 'Europe/Berlin', 1, '00:30')).toBe('2027-04-02T22:30:00.000Z');
  });

  it('reads the start date on the venue clock, not in UTC', () => {
    // 00:30 on 2027-06-10 in Berlin is still 2027-06-09 in UTC.
    expect(dueAtFrom('2027-06-09T22:30:00.000Z', 'Europe/Berlin', -1, '12:00')).toBe(
      '2027-06-09T10:00:00.000Z',
    );
  });

  it('moves a time in the spring-forward gap forward by the gap, and takes the earlier of a fall-back overlap', () => {
    expect(dueAtFrom('2027-03-30T10:00:00.000Z', 'Europe/Berlin', -2, '02:30')).toBe(
      '2027-03-28T01:30:00.000Z',
    );
    // 2027-10-31 02:30 happens twice in Berlin: the summer-time one (UTC+2).
    expect(dueAtFrom('2027-11-01T10:00:00.000Z', 'Europe/Berlin', -1, '02:30')).toBe(
      '2027-10-31T00:30:00.000Z',
    );
  });
});

describe('reminders', () => {
  const due = '2027-05-10T09:00:00.000Z';
  const open = task('t', { assigneeId: 'u1', dueAt: due });

  it('reminds once due soon (48 hours ahead), once overdue, then never', () => {
    expect(nextReminderAt(open)).toBe('2027-05-08T09:00:00.000Z');
    expect(nextReminderAt({ ...open, remindersSent: ['due_soon'] })).toBe(due);
    expect(nextReminderAt({ ...open, remindersSent: ['due_soon', 'overdue'] })).toBeNull();
    expect(nextReminderAt({ ...open, remindersSent: ['overdue'] })).toBeNull();
  });

  it('has none for closed, unassigned or undated tasks', () => {
    expect(nextReminderAt({ ...open, status: 'done' })).toBeNull();
    expect(nextReminderAt({ ...open, assigneeId: null })).toBeNull();
    expect(nextReminderAt({ ...open, dueAt: null })).toBeNull();
  });

  it('says which reminder is due now: none before the window, overdue once past due', () => {
    expect(reminderDue(open, new Date('2027-05-07T09:00:00Z'))).toBeNull();
    expect(reminderDue(open, new Date('2027-05-09T09:00:00Z'))).toBe('due_soon');
    expect(reminderDue(open, new Date('2027-05-11T09:00:00Z'))).toBe('overdue');
    expect(
      reminderDue({ ...open, remindersSent: ['due_soon'] }, new Date('2027-05-09T10:00:00Z')),
    ).toBeNull();
  });
});
