import type { Deps } from '../../../kernel/domain/deps.js';
import { notFound } from '../../../kernel/domain/errors.js';
import { authorizeForEvent, type EventAccessDeps } from '../../../kernel/domain/event-access.js';
import { derivedId } from '../../../kernel/domain/ids.js';
import type { Principal } from '../../../kernel/domain/types.js';
import { dueAtFrom } from './due-dates.js';
import { dependencyOrder } from './graph.js';
import type { Task, TaskSpec } from './model.js';
import type { GenerationRequest, GenerationResult, TaskGeneration } from './ports.js';
import { taskEvent, venueZone } from './task-event.js';

/**
 * An event's tasks from a template. Each task's id derives from the event, the template and its
 * spec's key, and is created only if it does not exist: a retry, or a second generation from the
 * same template, creates nothing twice and fills in whatever an interrupted run left out. Tasks
 * are created in dependency order, so at every moment each created task's dependencies exist.
 */

export const generatedTaskId = (orgId: string, eventId: string, templateId: string, key: string) =>
  derivedId('tsk', orgId, eventId, templateId, key);

const taskOf = (r: GenerationRequest, spec: TaskSpec, now: string): Task => ({
  orgId: r.orgId,
  eventId: r.eventId,
  taskId: generatedTaskId(r.orgId, r.eventId, r.templateId, spec.key),
  title: spec.title,
  description: spec.description,
  assigneeId: null,
  dueAt: r.startsAt ? dueAtFrom(r.startsAt, r.timeZone, spec.offsetDays, spec.timeOfDay) : null,
  status: 'todo',
  priority: spec.priority,
  dependsOn: spec.dependsOn.map((k) => generatedTaskId(r.orgId, r.eventId, r.templateId, k)),
  templateId: r.templateId,
  specKey: spec.key,
  remindersSent: [],
  createdBy: r.by,
  version: 1,
  createdAt: now,
  updatedAt: now,
});

export const generateFromTemplate = async (
  deps: Pick<Deps, 'tasks' | 'taskTemplates' | 'clock'>,
  request: GenerationRequest,
): Promise<GenerationResult> => {
  const template = await deps.taskTemplates.get(request.orgId, request.templateId);
  if (!template) throw notFound('task template');
  const specs = new Map(template.specs.map((s) => [s.key, s]));
  // Templates are checked acyclic when saved.
  const order = dependencyOrder(new Map(template.specs.map((s) => [s.key, s.dependsOn]))) ?? [];
  const now = deps.clock.now().toISOString();
  let created = 0;
  for (const key of order) {
    const spec = specs.get(key);
    if (spec && (await deps.tasks.createGenerated(taskOf(request, spec, now))) === 'created') created++;
  }
  return { templateId: template.templateId, created, existing: order.length - created };
};

/** The `taskGeneration` port the catalog's event creation calls. */
export const taskGeneration = (deps: Pick<Deps, 'tasks' | 'taskTemplates' | 'clock'>): TaskGeneration => ({
  templateExists: async (orgId, templateId) =>
    (await deps.taskTemplates.get(orgId, templateId)) !== undefined,
  generate: (request) => generateFromTemplate(deps, request),
});

/** The route: generates (or completes) the event's tasks from a template, at any time. */
export const generateEventTasks = async (
  deps: Pick<Deps, 'tasks' | 'taskTemplates' | 'events' | 'venues' | 'clock'> & EventAccessDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  templateId: string,
): Promise<GenerationResult> => {
  await authorizeForEvent(deps, orgId, eventId, principal, 'task.manage');
  const event = await taskEvent(deps, orgId, eventId, true);
  return generateFromTemplate(deps, {
    orgId,
    eventId,
    templateId,
    startsAt: event.startsAt,
    timeZone: await venueZone(deps, event),
    by: principal.sub,
  });
};
