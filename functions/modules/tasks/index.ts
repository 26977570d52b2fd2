/** The tasks module's entry: an event's tasks, the organization's task templates, reminders (docs/tasks.md). */

export type { Task, TaskTemplate } from './domain/model.js';
export { sendTaskReminders } from './domain/reminding.js';
