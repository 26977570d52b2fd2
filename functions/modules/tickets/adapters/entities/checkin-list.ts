import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * A check-in list of an organization: the sessions its scanners admit and their door rules.
 * Each change is conditional on the version as read.
 *
 * Key templates:
 * - table: pk `${orgId}#checkin-lists`   sk `list#${listId}`
 */
export const checkinListEntity = new Entity({
  model: { ...entityBase, entity: 'checkinList' },
  attributes: {
    ...fixedStrings('orgId', 'listId', 'createdAt'),
    name: { type: 'string', required: true },
    sessionIds: { type: 'list', items: { type: 'string' }, required: true },
    reentry: { type: 'boolean', required: true },
    opensMinutesBefore: { type: 'number', required: true },
    closesMinutesAfter: { type: 'number', required: true },
    version: { type: 'number', required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byOrg: {
      pk: key('pk', ['orgId'], '${orgId}#checkin-lists'),
      sk: key('sk', ['listId'], 'list#${listId}'),
    },
  },
});
