import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * Key templates:
 * - pk `${orgId}#parties`, sk `${partyId}`: an organization's parties (list, get).
 * Members are listed on the party (at most maxPartySize); each member's attendee item carries the
 * partyId, both written in one transaction.
 */
export const partyEntity = new Entity({
  model: { ...entityBase, entity: 'party' },
  attributes: {
    ...fixedStrings('orgId', 'partyId'),
    name: { type: 'string', required: true },
    leaderId: { type: 'string' },
    memberIds: { type: 'list', items: { type: 'string' }, required: true },
    version: { type: 'number', required: true },
    createdAt: { type: 'string', required: true, readOnly: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byOrg: {
      pk: key('pk', ['orgId'], '${orgId}#parties'),
      sk: key('sk', ['partyId'], '${partyId}'),
    },
  },
});
