import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound, validationFailed } from '../../../kernel/domain/errors.js';
import { authorizeForEvent, type EventAccessDeps } from '../../../kernel/domain/event-access.js';
import { newId } from '../../../kernel/domain/ids.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import type { Event } from '../../catalog/index.js';
import { dueAtFrom } from './due-dates.js';
import { isClosed, type Task, type TaskPriority, type TaskStatus } from './model.js';
import type { TaskFilter, TaskGraph } from './ports.js';
import { taskEvent, venueZone } from './task-event.js';
import { assertAssignee, assertMove, checkedDependencies } from './task-rules.js';

/**
 * An event's tasks (docs/tasks.md): organizers (and the event's team with `manage_event`) create,
 * edit and delete them; every member reads them; a task's assignee moves its status too.
 */

/** A due date: an instant, or days from the event's start at a venue-local time. */
export type DueInput = { at: string | null } | { offsetDays: number; timeOfDay: string };

export interface TaskInput {
  title: string;
  description?: string | null | undefined;
  assigneeId?: string | null | undefined;
  due?: DueInput | undefined;
  priority: TaskPriority;
  dependsOn: readonly string[];
}

export interface TaskChange {
  title?: string | undefined;
  description?: string | null | undefined;
  assigneeId?: string | null | undefined;
  due?: DueInput | undefined;
  priority?: TaskPriority | undefined;
  dependsOn?: readonly string[] | undefined;
}

export interface TaskRef {
  orgId: string;
  eventId: string;
  taskId: string;
}

type TaskWriteDeps = Pick<Deps, 'tasks' | 'events' | 'venues' | 'clock'> & EventAccessDeps;
type TaskReadDeps = Pick<Deps, 'tasks' | 'events'> & EventAccessDeps;

/** Writes that lose to a concurrent change of the task or its graph read again, a few times. */
const attempts = 5;

const busy = () =>
  new DomainError('TEMPORARILY_UNAVAILABLE', "the event's tasks kept changing; retry shortly");

const resolveDue = async (
  deps: Pick<Deps, 'venues'>,
  event: Event,
  due: DueInput,
): Promise<string | null> => {
  if ('at' in due) return due.at;
  if (!event.startsAt)
    throw validationFailed([
      { field: 'due', message: 'is relative to the event start, and the event has none' },
    ]);
  return dueAtFrom(event.startsAt, await venueZone(deps, event), due.offsetDays, due.timeOfDay);
};

export const createTask = async (
  deps: TaskWriteDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  input: TaskInput,
): Promise<Task> => {
  await authorizeForEvent(deps, orgId, eventId, principal, 'task.manage');
  const event = await taskEvent(deps, orgId, eventId, true);
  if (input.assigneeId) await assertAssignee(deps, orgId, eventId, input.assigneeId);
  const dueAt = input.due ? await resolveDue(deps, event, input.due) : null;
  const taskId = newId('tsk');
  const now = deps.clock.now().toISOString();
  for (let i = 0; i < attempts; i++) {
    const graph = await deps.tasks.graph(orgId, eventId);
    const task: Task = {
      orgId,
      eventId,
      taskId,
      title: input.title,
      description: input.description ?? null,
      assigneeId: input.assigneeId ?? null,
      dueAt,
      status: 'todo',
      priority: input.priority,
      dependsOn: checkedDependencies(graph.tasks, taskId, input.dependsOn),
      templateId: null,
      specKey: null,
      remindersSent: [],
      createdBy: principal.sub,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    if (await deps.tasks.create(task, graph.version)) return task;
  }
  throw busy();
};

const taskIn = (graph: TaskGraph, taskId: string): Task => {
  const task = graph.tasks.find((t) => t.taskId === taskId);
  if (!task) throw notFound('task');
  return task;
};

export const getTask = async (deps: TaskReadDeps, principal: Principal, at: TaskRef): Promise<Task> => {
  await authorizeForEvent(deps, at.orgId, at.eventId, principal, 'task.read');
  await taskEvent(deps, at.orgId, at.eventId, false);
  const task = await deps.tasks.get(at.orgId, at.eventId, at.taskId);
  if (!task) throw notFound('task');
  return task;
};

export const listTasks = async (
  deps: TaskReadDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  filter: TaskFilter,
  page: PageRequest,
): Promise<Page<Task>> => {
  await authorizeForEvent(deps, orgId, eventId, principal, 'task.read');
  await taskEvent(deps, orgId, eventId, false);
  return deps.tasks.list(orgId, eventId, filter, page);
};

/**
 * Reads the event's graph, asks `next` for the task's new form (undefined: nothing to write) and
 * whether its dependencies changed, and writes it conditionally on the task's version (and then
 * the graph's); a write that lost reads again.
 */
const writeTask = async (
  deps: Pick<Deps, 'tasks'>,
  at: TaskRef,
  next: (before: Task, graph: TaskGraph) => { after: Task; graphChanged: boolean } | undefined,
): Promise<Task> => {
  for (let i = 0; i < attempts; i++) {
    const graph = await deps.tasks.graph(at.orgId, at.eventId);
    const before = taskIn(graph, at.taskId);
    const change = next(before, graph);
    if (!change) return before;
    if (await deps.tasks.save(before, change.after, change.graphChanged ? graph.version : null))
      return change.after;
  }
  throw busy();
};

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

export const updateTask = async (
  deps: TaskWriteDeps,
  principal: Principal,
  at: TaskRef,
  change: TaskChange,
): Promise<Task> => {
  await authorizeForEvent(deps, at.orgId, at.eventId, principal, 'task.manage');
  const event = await taskEvent(deps, at.orgId, at.eventId, true);
  if (change.assigneeId) await assertAssignee(deps, at.orgId, at.eventId, change.assigneeId);
  const dueAt = change.due ? await resolveDue(deps, event, change.due) : undefined;
  return writeTask(deps, at, (before, graph) => {
    if (isClosed(before.status))
      throw new DomainError('TASK_CLOSED', `the task is ${before.status}: it takes no more edits`, {
        currentStatus: before.status,
      });
    const dependsOn =
      change.dependsOn === undefined
        ? before.dependsOn
        : checkedDependencies(graph.tasks, before.taskId, change.dependsOn);
    const newDue = dueAt === undefined ? before.dueAt : dueAt;
    const after: Task = {
      ...before,
      ...(change.title !== undefined ? { title: change.title } : {}),
      ...(change.description !== undefined ? { description: change.description } : {}),
      ...(change.assigneeId !== undefined ? { assigneeId: change.assigneeId } : {}),
      ...(change.priority !== undefined ? { priority: change.priority } : {}),
      dependsOn,
      dueAt: newDue,
      // A new due date deserves its own reminders.
      remindersSent: newDue === before.dueAt ? before.remindersSent : [],
      version: before.version + 1,
      updatedAt: deps.clock.now().toISOString(),
    };
    return { after, graphChanged: !sameList(dependsOn, before.dependsOn) };
  });
};

/** True when the caller may manage the event's tasks; false when their role and team place do not allow it. */
const managesTasks = (deps: EventAccessDeps, at: TaskRef, principal: Principal): Promise<boolean> =>
  authorizeForEvent(deps, at.orgId, at.eventId, principal, 'task.manage').then(
    () => true,
    (err: unknown) => {
      if (err instanceof DomainError && err.code === 'FORBIDDEN') return false;
      throw err;
    },
  );

/**
 * Moves the task's status (taskMoves); to done only once every task it depends on is done
 * (TASK_BLOCKED). A task's assignee may move it; anyone else needs `task.manage`. Asked again
 * once there, it answers the task as it is.
 */
export const moveTask = async (
  deps: TaskWriteDeps,
  principal: Principal,
  at: TaskRef,
  to: TaskStatus,
): Promise<Task> => {
  const manages = await managesTasks(deps, at, principal);
  if (!manages) await authorizeForEvent(deps, at.orgId, at.eventId, principal, 'task.read');
  await taskEvent(deps, at.orgId, at.eventId, true);
  return writeTask(deps, at, (before, graph) => {
    if (!manages && before.assigneeId !== principal.sub)
      throw new DomainError('FORBIDDEN', "only the task's assignee or a task manager may move it", {
        action: 'task.manage',
      });
    if (before.status === to) return undefined;
    assertMove(before, to, graph.tasks);
    const after: Task = {
      ...before,
      status: to,
      version: before.version + 1,
      updatedAt: deps.clock.now().toISOString(),
    };
    return { after, graphChanged: false };
  });
};

/** Deletes a task none other depends on (TASK_HAS_DEPENDENTS names them otherwise). */
export const deleteTask = async (
  deps: Pick<Deps, 'tasks' | 'events'> & EventAccessDeps,
  principal: Principal,
  at: TaskRef,
): Promise<void> => {
  await authorizeForEvent(deps, at.orgId, at.eventId, principal, 'task.manage');
  await taskEvent(deps, at.orgId, at.eventId, true);
  for (let i = 0; i < attempts; i++) {
    const graph = await deps.tasks.graph(at.orgId, at.eventId);
    const task = taskIn(graph, at.taskId);
    const dependents = graph.tasks.filter((t) => t.dependsOn.includes(task.taskId)).map((t) => t.taskId);
    if (dependents.length > 0)
      throw new DomainError('TASK_HAS_DEPENDENTS', `tasks depend on it: ${dependents.join(', ')}`, {
        dependentTaskIds: dependents,
      });
    if (await deps.tasks.remove(task, graph.version)) return;
  }
  throw busy();
};
