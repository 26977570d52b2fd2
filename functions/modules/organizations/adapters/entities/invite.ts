import { Entity } from 'electrodb';
import { roles } from '../../../../kernel/domain/roles.js';
import { entityBase } from '../../../../kernel/dynamo/entity-base.js';

export const inviteEntity = new Entity({
  model: { ...entityBase, entity: 'invite' },
  attributes: {
    orgId: { type: 'string', required: true, readOnly: true },
    inviteId: { type: 'string', required: true, readOnly: true },
    email: { type: 'string', required: true, readOnly: true },
    role: { type: roles, required: true, readOnly: true },
    status: { type: ['pending', 'accepted', 'revoked', 'expired'] as const, required: true },
    /** SHA-256 of the token's secret; the raw token is never stored. */
    tokenHash: { type: 'string', required: true, readOnly: true },
    invitedBy: { type: 'string', required: true, readOnly: true },
    expiresAt: { type: 'string', required: true, readOnly: true },
    createdAt: { type: 'string', required: true, readOnly: true },
    respondedAt: { type: 'string' },
  },
  indexes: {
    byOrg: {
      pk: { field: 'pk', composite: ['orgId'], template: '${orgId}#invites', casing: 'none' },
      sk: { field: 'sk', composite: ['inviteId'], template: '${inviteId}', casing: 'none' },
    },
  },
});
