import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, validationFailed } from '../../../kernel/domain/errors.js';
import { isAllowed } from '../../../kernel/domain/permissions.js';
import { cycleThrough } from './graph.js';
import { blockingDependencies, type Task, type TaskStatus, taskMoves } from './model.js';

/**
 * The checks a task's write passes against the event's graph and its people: the assignee, the
 * dependencies (existing tasks of the event, no cycle), the status move.
 */

/**
 * The assignee must be an active member of the organization. When the event has a team, a member
 * on it (active place) or one whose role manages every event's tasks; a member the team left out
 * (no place, or an inactive one) is refused.
 */
export const assertAssignee = async (
  deps: Pick<Deps, 'members' | 'eventTeams'>,
  orgId: string,
  eventId: string,
  userId: string,
): Promise<void> => {
  const [member, place, team] = await Promise.all([
    deps.members.get(orgId, userId),
    deps.eventTeams.get(orgId, eventId, userId),
    deps.eventTeams.list(orgId, eventId, { limit: 1 }),
  ]);
  if (member?.status !== 'active')
    throw validationFailed([
      { field: 'assigneeId', message: 'is not an active member of this organization' },
    ]);
  if (team.items.length > 0 && place?.status !== 'active' && !isAllowed(member.role, 'task.manage'))
    throw validationFailed([{ field: 'assigneeId', message: "is not an active member of the event's team" }]);
};

/**
 * `dependsOn` (deduplicated) for `taskId` in the event's `tasks`: each an existing task of the
 * event other than itself (422 naming the field), none closing a cycle (409 DEPENDENCY_CYCLE,
 * naming the field and the cycle).
 */
export const checkedDependencies = (tasks: readonly Task[], taskId: string, dependsOn: readonly string[]) => {
  const unique = [...new Set(dependsOn)];
  const known = new Set(tasks.map((t) => t.taskId));
  const issues = unique.flatMap((d) =>
    d === taskId
      ? [{ field: 'dependsOn', message: 'names the task itself' }]
      : known.has(d)
        ? []
        : [{ field: 'dependsOn', message: `names no task of this event: ${d}` }],
  );
  if (issues.length > 0) throw validationFailed(issues);
  const graph = new Map(tasks.map((t) => [t.taskId, t.dependsOn]));
  const cycle = cycleThrough(graph, taskId, unique);
  if (cycle)
    throw new DomainError('DEPENDENCY_CYCLE', `dependsOn would close a cycle: ${cycle.join(' -> ')}`, {
      field: 'dependsOn',
      cycle,
    });
  return unique;
};

/** The move of `task` to `to` against its event's tasks: INVALID_TRANSITION, or TASK_BLOCKED naming what it waits for. */
export const assertMove = (task: Task, to: TaskStatus, tasks: readonly Task[]): void => {
  const allowed = taskMoves[task.status];
  if (!allowed.includes(to))
    throw new DomainError(
      'INVALID_TRANSITION',
      `the task is ${task.status}: it can become ${allowed.join(' or ') || 'nothing else'}, not ${to}`,
      { currentStatus: task.status, requestedStatus: to, allowedStatuses: allowed },
    );
  if (to !== 'done') return;
  const status = new Map(tasks.map((t) => [t.taskId, t.status]));
  const blocking = blockingDependencies(task, (id) => status.get(id));
  if (blocking.length > 0)
    throw new DomainError('TASK_BLOCKED', `the task waits for tasks not done: ${blocking.join(', ')}`, {
      blockingTaskIds: blocking,
    });
};
