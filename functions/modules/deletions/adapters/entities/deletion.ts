import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

export const deletionEntity = new Entity({
  model: { ...entityBase, entity: 'deletion' },
  attributes: {
    ...fixedStrings('orgId', 'targetId'),
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
      pk: key('pk', ['orgId'], '${orgId}#deletions'),
      sk: key('sk', ['targetId'], '${targetId}'),
    },
  },
});
