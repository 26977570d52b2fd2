import { CustomAttributeType, Entity } from 'electrodb';
import { entityBase, fixedStrings, unlisted } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';
import { type ReminderKind, taskPriorities, taskStatuses } from '../../domain/model.js';

/** Every task item of an event shares one partition: its graph is one Query, its purge too. */
export const tasksPk = key('pk', ['orgId', 'eventId'], '${orgId}#tasks#event#${eventId}');

/**
 * An event's task. Every write is conditional on `version`; writes that change the event's graph
 * of dependencies are also conditional on the graph head's version (task-graph.ts).
 *
 * Key templates:
 * - table: pk `${orgId}#tasks#event#${eventId}`  sk `task#${taskId}`
 * - gsi2:  pk `${orgId}#tasks#reminders`         sk `${remindAt}#${taskId}`
 *   Only while a reminder is still to come (`remindAt` is `none` otherwise): what the nightly run
 *   reads of an organization's due reminders. Tasks are written by a few people a day, so one
 *   partition per organization takes them all.
 */
export const taskEntity = new Entity({
  model: { ...entityBase, entity: 'task' },
  attributes: {
    ...fixedStrings('orgId', 'eventId', 'taskId', 'createdBy', 'createdAt'),
    title: { type: 'string', required: true },
    description: { type: 'string' },
    assigneeId: { type: 'string' },
    dueAt: { type: 'string' },
    status: { type: taskStatuses, required: true },
    priority: { type: taskPriorities, required: true },
    dependsOn: { type: 'list', items: { type: 'string' }, required: true },
    templateId: { type: 'string' },
    specKey: { type: 'string' },
    /** Stored as strings; the custom type narrows them to the domain's kinds. */
    remindersSent: {
      type: 'list',
      items: { type: CustomAttributeType<ReminderKind>('string') },
      required: true,
    },
    /** When the next reminder falls due, or `none`: the reminder index's key (reminders.ts). */
    remindAt: { type: 'string', required: true },
    version: { type: 'number', required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byEvent: {
      pk: tasksPk,
      sk: key('sk', ['taskId'], 'task#${taskId}'),
    },
    byReminder: {
      index: 'gsi2',
      condition: (a) => a.remindAt !== unlisted,
      pk: key('gsi2pk', ['orgId'], '${orgId}#tasks#reminders'),
      sk: key('gsi2sk', ['remindAt', 'taskId'], '${remindAt}#${taskId}'),
    },
  },
});
