import type { Deps } from '../../../kernel/domain/deps.js';
import type { Task } from './model.js';
import { reminderAt, reminderDue } from './reminders.js';

/** Tasks read per page of the organization's due reminders. */
const pageSize = 100;

/**
 * Sends the organization's due task reminders (the nightly run's step 0): each to the task's
 * assignee through the outbox, in one transaction with the task's record of it, conditional on the
 * task's version. So each task is reminded once per kind, however often this runs: a reminder
 * sent leaves the task out of the index of due reminders (or moves it to its overdue time), and a
 * rerun that read it before that finds its version moved and writes nothing.
 */
export const sendTaskReminders = async (
  deps: Pick<Deps, 'tasks' | 'clock'>,
  orgId: string,
): Promise<{ sent: number; skipped: number }> => {
  const now = deps.clock.now();
  let sent = 0;
  let skipped = 0;
  for (;;) {
    const due = await deps.tasks.remindersDue(orgId, now.toISOString(), pageSize);
    let progressed = 0;
    for (const task of due) {
      const kind = reminderDue(task, now);
      if (!kind || !task.dueAt) continue;
      const after: Task = {
        ...task,
        remindersSent: [...task.remindersSent, kind],
        version: task.version + 1,
        updatedAt: now.toISOString(),
      };
      if (await deps.tasks.remind(task, after, { kind, at: reminderAt(task.dueAt, kind) })) {
        sent++;
        progressed++;
      } else skipped++;
    }
    // A short page was the last; a page where nothing moved would come back the same.
    if (due.length < pageSize || progressed === 0) return { sent, skipped };
  }
};
