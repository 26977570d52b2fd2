import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';
import { tasksPk } from './task.js';

/**
 * The head of an event's task graph: its version moves with every task created or deleted and
 * every change of a task's dependencies, each conditional on the version it was checked against
 * (so two concurrent dependency edits cannot together close a cycle neither saw).
 *
 * Key templates:
 * - table: pk `${orgId}#tasks#event#${eventId}`  sk `graph`
 */
export const taskGraphEntity = new Entity({
  model: { ...entityBase, entity: 'taskGraph' },
  attributes: {
    ...fixedStrings('orgId', 'eventId'),
    version: { type: 'number', required: true },
  },
  indexes: {
    byEvent: {
      pk: tasksPk,
      sk: key('sk', [], 'graph'),
    },
  },
});
