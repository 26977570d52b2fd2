import { isClosed, type ReminderKind, type Task } from './model.js';

/** A task due within this many hours is "due soon": the daily run reminds it one to two days ahead. */
export const dueSoonHours = 48;
const dueSoonMs = dueSoonHours * 3_600_000;

/**
 * When the task's next reminder falls due, or null when it has none left: an open task with an
 * assignee and a due date is reminded once when it is due soon and once when it is overdue, and
 * no more once the overdue one went (a task first seen already overdue skips the due-soon one).
 */
export const nextReminderAt = (
  t: Pick<Task, 'status' | 'assigneeId' | 'dueAt' | 'remindersSent'>,
): string | null => {
  if (isClosed(t.status) || !t.assigneeId || !t.dueAt || t.remindersSent.includes('overdue')) return null;
  return reminderAt(t.dueAt, t.remindersSent.includes('due_soon') ? 'overdue' : 'due_soon');
};

/** The moment a reminder of `kind` stands for: the due date, or the start of its due-soon window. */
export const reminderAt = (dueAt: string, kind: ReminderKind): string =>
  kind === 'overdue' ? dueAt : new Date(Date.parse(dueAt) - dueSoonMs).toISOString();

/** The reminder a task whose reminder fell due gets at `now`; null when it has none due. */
export const reminderDue = (t: Task, now: Date): ReminderKind | null => {
  const at = nextReminderAt(t);
  if (!at || Date.parse(at) > now.getTime() || !t.dueAt) return null;
  return now.getTime() >= Date.parse(t.dueAt) ? 'overdue' : 'due_soon';
};
