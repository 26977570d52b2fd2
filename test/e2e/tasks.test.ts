import { describe, expect, it } from 'vitest';
import { type ApiResponse, useLocalRuntime } from '../support/local-runtime.js';

/**
 * An event's tasks over HTTP (the `operations` function): an event created from a task template
 * gets the template's tasks due at their local times in the venue's zone (Berlin, across the
 * spring-forward change); a dependency that would close a cycle is refused naming the field; a
 * task is not done before the tasks it depends on.
 */

const rt = useLocalRuntime();

const ok = <T>(res: ApiResponse<T>, status = 200): T => {
  expect(res.status, res.text).toBe(status);
  return res.json;
};

interface Task {
  taskId: string;
  specKey: string | null;
  dueAt: string | null;
  dependsOn: string[];
  status: string;
}
interface Problem {
  code: string;
  details?: Record<string, unknown>;
}

const world = async () => {
  const owner = await rt.mintToken({ sub: 'tasks-owner', email: 'owner@tasks.example' });
  const { orgId } = ok(
    await rt.call<{ orgId: string }>('POST', '/v1/orgs', { token: owner, body: { name: 'Tasks' } }),
    201,
  );
  const { venueId } = ok(
    await rt.call<{ venueId: string }>('POST', `/v1/orgs/${orgId}/venues`, {
      token: owner,
      body: {
        name: 'Hall',
        address: 'Street 1',
        city: 'Berlin',
        timezone: 'Europe/Berlin',
        rooms: [{ name: 'A' }],
      },
    }),
    201,
  );
  const { templateId } = ok(
    await rt.call<{ templateId: string }>('POST', `/v1/orgs/${orgId}/task-templates`, {
      token: owner,
      body: {
        name: 'Launch checklist',
        specs: [
          { key: 'venue', title: 'Confirm the venue', priority: 'high', offsetDays: -7, timeOfDay: '09:00' },
          {
            key: 'signs',
            title: 'Print the signs',
            offsetDays: -1,
            timeOfDay: '17:30',
            dependsOn: ['venue'],
          },
          { key: 'doors', title: 'Open the doors', offsetDays: 0, timeOfDay: '18:00', dependsOn: ['signs'] },
        ],
      },
    }),
    201,
  );
  // 19:00 in Berlin on Friday 2 April 2027 (CEST); the clocks went forward on Sunday 28 March.
  const { eventId } = ok(
    await rt.call<{ eventId: string }>('POST', `/v1/orgs/${orgId}/events`, {
      token: owner,
      body: {
        venueId,
        title: 'Launch',
        defaultCapacity: 50,
        startsAt: '2027-04-02T17:00:00Z',
        taskTemplateId: templateId,
      },
    }),
    201,
  );
  const base = `/v1/orgs/${orgId}/events/${eventId}/tasks`;
  const tasks = ok(await rt.call<{ items: Task[] }>('GET', `${base}?limit=50`, { token: owner })).items;
  const byKey = Object.fromEntries(tasks.map((t) => [t.specKey, t])) as Record<string, Task>;
  return { owner, orgId, base, templateId, tasks, byKey };
};

describe('tasks over HTTP', () => {
  it("creates an event's tasks from its template, due at local times in the venue's zone", async () => {
    const w = await world();
    expect(w.tasks).toHaveLength(3);
    // 09:00 CET a week before (UTC+1), 17:30 and 18:00 CEST (UTC+2) around the start.
    expect(w.byKey.venue?.dueAt).toBe('2027-03-26T08:00:00.000Z');
    expect(w.byKey.signs?.dueAt).toBe('2027-04-01T15:30:00.000Z');
    expect(w.byKey.doors?.dueAt).toBe('2027-04-02T16:00:00.000Z');
    expect(w.byKey.doors?.dependsOn).toEqual([w.byKey.signs?.taskId]);
    // Generating again from the same template adds nothing.
    const again = ok(
      await rt.call<{ created: number; existing: number }>('POST', `${w.base}/generate`, {
        token: w.owner,
        body: { templateId: w.templateId },
      }),
    );
    expect(again).toMatchObject({ created: 0, existing: 3 });
  });

  it('refuses a dependency that would close a cycle, naming the field and the cycle', async () => {
    const w = await world();
    const venue = w.byKey.venue as Task;
    const doors = w.byKey.doors as Task;
    const res = await rt.call<Problem>('PATCH', `${w.base}/${venue.taskId}`, {
      token: w.owner,
      body: { dependsOn: [doors.taskId] },
    });
    expect(res.status, res.text).toBe(409);
    expect(res.json.code).toBe('DEPENDENCY_CYCLE');
    expect(res.json.details).toMatchObject({ field: 'dependsOn' });
    expect(res.json.details?.cycle).toEqual([
      venue.taskId,
      doors.taskId,
      w.byKey.signs?.taskId,
      venue.taskId,
    ]);
  });

  it('keeps a task from done until every task it depends on is done', async () => {
    const w = await world();
    const move = (t: Task | undefined, status: string) =>
      rt.call<Task & Problem>('POST', `${w.base}/${t?.taskId}/status`, { token: w.owner, body: { status } });
    ok(await move(w.byKey.signs, 'in_progress'));
    const refused = await move(w.byKey.signs, 'done');
    expect(refused.status, refused.text).toBe(409);
    expect(refused.json).toMatchObject({
      code: 'TASK_BLOCKED',
      details: { blockingTaskIds: [w.byKey.venue?.taskId] },
    });
    // Straight from todo to done is no move.
    expect((await move(w.byKey.venue, 'done')).json.code).toBe('INVALID_TRANSITION');
    ok(await move(w.byKey.venue, 'in_progress'));
    ok(await move(w.byKey.venue, 'done'));
    expect(ok(await move(w.byKey.signs, 'done')).status).toBe('done');
  });
});
