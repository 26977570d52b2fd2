import { Entity } from 'electrodb';
import { entityBase, fixedStrings, unlisted } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * An event's invite (to one person, or a shareable link).
 *
 * Key templates:
 * - table: pk `${orgId}#event#${eventId}#invites`  sk `${inviteId}` (an event's invites)
 * - gsi2:  pk `${orgId}#attendee#${listedAttendee}#event-invites`  sk `${eventId}#${inviteId}`
 *   Only direct invites that hold an email or phone and record their attendee: what an account's
 *   erasure finds them by (it removes both, and the item leaves the index).
 * A link's `uses` is counted on this item by a conditional update (`uses < maxUses`).
 */
export const eventInviteEntity = new Entity({
  model: { ...entityBase, entity: 'eventInvite' },
  attributes: {
    ...fixedStrings('orgId', 'eventId', 'inviteId', 'createdBy', 'createdAt'),
    kind: { type: ['direct', 'link'] as const, required: true, readOnly: true },
    attendeeId: { type: 'string', readOnly: true },
    /** The invitee's contact; removed by the erasure of the attendee's account. */
    email: { type: 'string' },
    phone: { type: 'string' },
    /** SHA-256 of a link's token secret; the raw token is never stored. */
    tokenHash: { type: 'string', readOnly: true },
    expiresAt: { type: 'string', readOnly: true },
    maxUses: { type: 'number', readOnly: true },
    uses: { type: 'number', required: true },
    skipApproval: { type: 'boolean', required: true, readOnly: true },
    unlocksCategoryIds: { type: 'list', items: { type: 'string' }, required: true, readOnly: true },
    status: { type: ['active', 'revoked'] as const, required: true },
    updatedAt: { type: 'string', required: true },
    /**
     * Index-only, always present (ElectroDB requires every composite of an index with a
     * condition): the attendee while the invite holds their email or phone, else `none`.
     */
    listedAttendee: { type: 'string', required: true },
  },
  indexes: {
    byEvent: {
      pk: key('pk', ['orgId', 'eventId'], '${orgId}#event#${eventId}#invites'),
      sk: key('sk', ['inviteId'], '${inviteId}'),
    },
    byAttendee: {
      index: 'gsi2',
      condition: (a) => a.listedAttendee !== unlisted,
      pk: key('gsi2pk', ['orgId', 'listedAttendee'], '${orgId}#attendee#${listedAttendee}#event-invites'),
      sk: key('gsi2sk', ['eventId', 'inviteId'], '${eventId}#${inviteId}'),
    },
  },
});
