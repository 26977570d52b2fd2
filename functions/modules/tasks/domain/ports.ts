import type { Page, PageRequest } from '../../../kernel/domain/types.js';
import type { ReminderKind, Task, TaskStatus, TaskTemplate } from './model.js';

export interface TaskFilter {
  status?: TaskStatus | undefined;
  assigneeId?: string | undefined;
}

/** An event's tasks with the version of their graph, read before them. */
export interface TaskGraph {
  version: number;
  tasks: Task[];
}

export interface TaskReminder {
  kind: ReminderKind;
  /** When it fell due: the notification's time, fixed by the task (a rerun writes the same item). */
  at: string;
}

/**
 * An event's tasks, in one partition with the head that versions their graph. Every change of
 * the graph (a task created or deleted, dependencies changed) is conditional on the graph version
 * it was checked against and moves it on in the same transaction: of two concurrent dependency
 * edits the second is refused and checked again against what the first wrote.
 */
export interface TaskStore {
  get(orgId: string, eventId: string, taskId: string): Promise<Task | undefined>;
  list(orgId: string, eventId: string, filter: TaskFilter, page: PageRequest): Promise<Page<Task>>;
  graph(orgId: string, eventId: string): Promise<TaskGraph>;
  /** Creates the task if the graph is still at `graphVersion`; false when it moved. EVENT_DELETING when the event is. */
  create(task: Task, graphVersion: number): Promise<boolean>;
  /**
   * Writes `after` over `before` (same version); with `graphVersion` (its dependencies changed)
   * also only while the graph is at it. False when either moved.
   */
  save(before: Task, after: Task, graphVersion: number | null): Promise<boolean>;
  /** Deletes the task (same version) while the graph is at `graphVersion`; false when either moved. */
  remove(task: Task, graphVersion: number): Promise<boolean>;
  /** Creates a generated task unless one of its id exists ('exists'). EVENT_DELETING when the event is. */
  createGenerated(task: Task): Promise<'created' | 'exists'>;
  /** Up to `limit` tasks of the organization whose next reminder fell due by `now`. */
  remindersDue(orgId: string, now: string, limit: number): Promise<Task[]>;
  /**
   * Writes `after` (the reminder recorded) over `before` and the assignee's notification in one
   * transaction; false when the task changed meanwhile.
   */
  remind(before: Task, after: Task, reminder: TaskReminder): Promise<boolean>;
  /** Deletes up to `limit` task items of the event (the graph head and reminders included); fewer means none is left. */
  purgeEvent(orgId: string, eventId: string, limit: number): Promise<number>;
}

export interface TaskTemplateStore {
  create(template: TaskTemplate): Promise<void>;
  get(orgId: string, templateId: string): Promise<TaskTemplate | undefined>;
  list(orgId: string, page: PageRequest): Promise<Page<TaskTemplate>>;
  /** Writes `after` over `before` (same version); false when it changed meanwhile. */
  save(before: TaskTemplate, after: TaskTemplate): Promise<boolean>;
  remove(orgId: string, templateId: string): Promise<boolean>;
  /** Deletes up to `limit` templates of the organization; fewer means none is left. */
  purgeOrg(orgId: string, limit: number): Promise<number>;
}

export interface GenerationRequest {
  orgId: string;
  eventId: string;
  templateId: string;
  /** The event's start; null leaves the generated tasks without due dates. */
  startsAt: string | null;
  /** The venue's IANA zone, in which the specs' days and times are read. */
  timeZone: string;
  by: string;
}

export interface GenerationResult {
  templateId: string;
  created: number;
  existing: number;
}

/**
 * How the catalog's event creation generates tasks from a template without importing this
 * module (docs/tasks.md, "Generating").
 */
export interface TaskGeneration {
  templateExists(orgId: string, templateId: string): Promise<boolean>;
  generate(request: GenerationRequest): Promise<GenerationResult>;
}
