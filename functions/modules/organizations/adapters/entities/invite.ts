import { Entity } from 'electrodb';
import { roles } from '../../../../kernel/domain/roles.js';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

export const inviteEntity = new Entity({
  model: { ...entityBase, entity: 'invite' },
  attributes: {
    ...fixedStrings('orgId', 'inviteId', 'email'),
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
      pk: key('pk', ['orgId'], '${orgId}#invites'),
      sk: key('sk', ['inviteId'], '${inviteId}'),
    },
  },
});
