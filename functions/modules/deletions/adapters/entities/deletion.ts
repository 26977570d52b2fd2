import { Entity } from 'electrodb';
import { entityBase } from '../../../../kernel/dynamo/entity-base.js';

export const deletionEntity = new Entity({
  model: { ...entityBase, entity: 'deletion' },
  attributes: {
    orgId: { type: 'string', required: true, readOnly: true },
    targetId: { type: 'string', required: true, readOnly: true },
    kind: { type: ['venue', 'event', 'session'] as const, required: true, readOnly: true },
    status: { type: ['running', 'completed'] as const, required: true },
    requestedBy: { type: 'string', required: true, readOnly: true },
    requestedAt: { type: 'string', required: true, readOnly: true },
    completedAt: { type: 'string' },
    deletedItems: { type: 'number', required: true },
  },
  indexes: {
    /** Deletions of one organization, by the id of what they delete. */
    byOrg: {
      pk: { field: 'pk', composite: ['orgId'], template: '${orgId}#deletions', casing: 'none' },
      sk: { field: 'sk', composite: ['targetId'], template: '${targetId}', casing: 'none' },
    },
  },
});
