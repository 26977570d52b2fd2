/**
 * An event's tasks and the organization's task templates (docs/tasks.md). Pure types and rules:
 * the moves of a task's status, and what a template's spec says.
 */

export const taskStatuses = ['todo', 'in_progress', 'blocked', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

export const taskPriorities = ['low', 'medium', 'high', 'urgent'] as const;
export type TaskPriority = (typeof taskPriorities)[number];

export const reminderKinds = ['due_soon', 'overdue'] as const;
export type ReminderKind = (typeof reminderKinds)[number];

export interface Task {
  orgId: string;
  eventId: string;
  taskId: string;
  title: string;
  description: string | null;
  /** A member of the organization (user id). */
  assigneeId: string | null;
  /** An absolute UTC instant, given or computed from the event's start in the venue's zone. */
  dueAt: string | null;
  status: TaskStatus;
  priority: TaskPriority;
  /** Task ids of the same event this task waits for. */
  dependsOn: string[];
  /** The template and spec it was generated from, if any. */
  templateId: string | null;
  specKey: string | null;
  /** The reminders already sent for the current due date (reset when the due date changes). */
  remindersSent: ReminderKind[];
  createdBy: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * Where a task's status may go. Done and cancelled are final: a task another one waits for never
 * leaves done, so "its dependencies are done" cannot stop holding once checked.
 */
export const taskMoves: Record<TaskStatus, readonly TaskStatus[]> = {
  todo: ['in_progress', 'blocked', 'cancelled'],
  in_progress: ['todo', 'blocked', 'done', 'cancelled'],
  blocked: ['todo', 'in_progress', 'cancelled'],
  done: [],
  cancelled: [],
};

export const isClosed = (status: TaskStatus): boolean => status === 'done' || status === 'cancelled';

/**
 * The dependencies that keep a task from being done: those not done. A cancelled dependency will
 * never be done, and no longer holds anything up.
 */
export const blockingDependencies = (
  task: Pick<Task, 'dependsOn'>,
  statusOf: (id: string) => TaskStatus | undefined,
) =>
  task.dependsOn.filter((id) => {
    const status = statusOf(id);
    return status !== 'done' && status !== 'cancelled';
  });

/** One task of a template: its key names it to the template's other specs. */
export interface TaskSpec {
  key: string;
  title: string;
  description: string | null;
  priority: TaskPriority;
  /** Days from the event's start date in the venue's zone (negative: before). */
  offsetDays: number;
  /** The venue-local time of day, `HH:MM`. */
  timeOfDay: string;
  /** Keys of other specs of the same template. */
  dependsOn: string[];
}

export interface TaskTemplate {
  orgId: string;
  templateId: string;
  name: string;
  description: string | null;
  specs: TaskSpec[];
  createdBy: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}
