import { Entity } from 'electrodb';
import { roles } from '../../../../kernel/domain/roles.js';
import { entityBase } from '../../../../kernel/dynamo/entity-base.js';

export const memberEntity = new Entity({
  model: { ...entityBase, entity: 'member' },
  attributes: {
    orgId: { type: 'string', required: true, readOnly: true },
    userId: { type: 'string', required: true, readOnly: true },
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
      pk: { field: 'pk', composite: ['orgId'], template: '${orgId}#members', casing: 'none' },
      sk: { field: 'sk', composite: ['userId'], template: '${userId}', casing: 'none' },
    },
    /**
     * Organizations of one user (`GET /v1/me/memberships`). The only index not led by the org id:
     * it answers a question that spans organizations by nature, and returns only the caller's rows.
     */
    byUser: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['userId'], template: 'user#${userId}', casing: 'none' },
      sk: { field: 'gsi1sk', composite: ['orgId'], template: '${orgId}', casing: 'none' },
    },
  },
});
