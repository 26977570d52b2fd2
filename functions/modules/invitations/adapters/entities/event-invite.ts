import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * An event's invite (to one person, or a shareable link).
 *
 * Key templates:
 * - table: pk `${orgId}#event#${eventId}#invites`  sk `${inviteId}` (an event's invites)
 * A link's `uses` is counted on this item by a conditional update (`uses < maxUses`).
 */
export const eventInviteEntity = new Entity({
  model: { ...entityBase, entity: 'eventInvite' },
  attributes: {
    ...fixedStrings('orgId', 'eventId', 'inviteId', 'createdBy', 'createdAt'),
    kind: { type: ['direct', 'link'] as const, required: true, readOnly: true },
    attendeeId: { type: 'string', readOnly: true },
    email: { type: 'string', readOnly: true },
    phone: { type: 'string', readOnly: true },
    /** SHA-256 of a link's token secret; the raw token is never stored. */
    tokenHash: { type: 'string', readOnly: true },
    expiresAt: { type: 'string', readOnly: true },
    maxUses: { type: 'number', readOnly: true },
    uses: { type: 'number', required: true },
    skipApproval: { type: 'boolean', required: true, readOnly: true },
    unlocksCategoryIds: { type: 'list', items: { type: 'string' }, required: true, readOnly: true },
    status: { type: ['active', 'revoked'] as const, required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byEvent: {
      pk: key('pk', ['orgId', 'eventId'], '${orgId}#event#${eventId}#invites'),
      sk: key('sk', ['inviteId'], '${inviteId}'),
    },
  },
});
