import { Entity } from 'electrodb';
import { roles } from '../../../../kernel/domain/roles.js';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

export const memberEntity = new Entity({
  model: { ...entityBase, entity: 'member' },
  attributes: {
    ...fixedStrings('orgId', 'userId'),
    name: { type: 'string', required: true },
    email: { type: 'string', required: true },
    role: { type: roles, required: true },
    status: { type: ['active', 'suspended'] as const, required: true },
    joinedAt: { type: 'string', required: true, readOnly: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    /** Members of one organization. */
    byOrg: {
      pk: key('pk', ['orgId'], '${orgId}#members'),
      sk: key('sk', ['userId'], '${userId}'),
    },
    /**
     * Organizations of one user (`GET /v1/me/memberships`). The only index not led by the org id:
     * it answers a question that spans organizations by nature, and returns only the caller's rows.
     */
    byUser: {
      index: 'gsi1',
      pk: key('gsi1pk', ['userId'], 'user#${userId}'),
      sk: key('gsi1sk', ['orgId'], '${orgId}'),
    },
  },
});
