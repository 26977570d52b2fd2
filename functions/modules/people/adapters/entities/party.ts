import { Entity } from 'electrodb';
import { entityBase } from '../../../../kernel/dynamo/entity-base.js';

/**
 * Key templates:
 * - pk `${orgId}#parties`, sk `${partyId}`: an organization's parties (list, get).
 * Members are listed on the party (at most maxPartySize); each member's attendee item carries the
 * partyId, both written in one transaction.
 */
export const partyEntity = new Entity({
  model: { ...entityBase, entity: 'party' },
  attributes: {
    orgId: { type: 'string', required: true, readOnly: true },
    partyId: { type: 'string', required: true, readOnly: true },
    name: { type: 'string', required: true },
    leaderId: { type: 'string' },
    memberIds: { type: 'list', items: { type: 'string' }, required: true },
    version: { type: 'number', required: true },
    createdAt: { type: 'string', required: true, readOnly: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byOrg: {
      pk: { field: 'pk', composite: ['orgId'], template: '${orgId}#parties', casing: 'none' },
      sk: { field: 'sk', composite: ['partyId'], template: '${partyId}', casing: 'none' },
    },
  },
});
