import { Entity } from 'electrodb';
import { roles } from '../../../../kernel/domain/roles.js';
import { entityBase, fixedStrings, unlisted } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * An invite to join an organization.
 *
 * Key templates:
 * - table: pk `${orgId}#invites`                     sk `${inviteId}` (an organization's invites)
 * - gsi1:  pk `user#${listedAcceptor}#org-invites`  sk `${orgId}#${inviteId}`
 *   Only accepted invites that still hold the invitee's email, under the user who accepted: what
 *   an account's erasure finds them by (the erasure removes the email, and the item leaves the
 *   index). Never `user#${userId}` alone: that partition holds the user's memberships (member.ts).
 */
export const inviteEntity = new Entity({
  model: { ...entityBase, entity: 'invite' },
  attributes: {
    ...fixedStrings('orgId', 'inviteId'),
    /** The invitee's address; removed by the erasure of the account that accepted it. */
    email: { type: 'string' },
    role: { type: roles, required: true, readOnly: true },
    status: { type: ['pending', 'accepted', 'revoked', 'expired'] as const, required: true },
    /** SHA-256 of the token's secret; the raw token is never stored. */
    tokenHash: { type: 'string', required: true, readOnly: true },
    invitedBy: { type: 'string', required: true, readOnly: true },
    expiresAt: { type: 'string', required: true, readOnly: true },
    createdAt: { type: 'string', required: true, readOnly: true },
    respondedAt: { type: 'string' },
    /** The user who accepted it. */
    acceptedBy: { type: 'string' },
    /**
     * Index-only, always present (ElectroDB requires every composite of an index with a
     * condition): the accepting user while the item holds the email, else `none`.
     */
    listedAcceptor: { type: 'string', required: true },
  },
  indexes: {
    byOrg: {
      pk: key('pk', ['orgId'], '${orgId}#invites'),
      sk: key('sk', ['inviteId'], '${inviteId}'),
    },
    byAcceptor: {
      index: 'gsi1',
      condition: (a) => a.listedAcceptor !== unlisted,
      pk: key('gsi1pk', ['listedAcceptor'], 'user#${listedAcceptor}#org-invites'),
      sk: key('gsi1sk', ['orgId', 'inviteId'], '${orgId}#${inviteId}'),
    },
  },
});
