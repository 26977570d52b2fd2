import { Entity } from 'electrodb';
import { entityBase, fixedStrings, unlisted } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/** Held bookings are spread over this many due-hold partitions, so no deadline burst is one hot key. */
export const dueHoldShards = 16;

/**
 * A booking. Every state change rewrites the whole item (a conditional put), so the sparse indexes
 * below appear and disappear with the state they describe.
 *
 * Key templates:
 * - table: pk `${orgId}#session#${sessionId}#bookings`  sk `${bookingId}` (a session's bookings)
 * - gsi1:  pk `user#${userId}#bookings`                 sk `${createdAt}#${bookingId}`
 *   Only when the holder is linked to a user. Never `user#${userId}` alone: that partition holds
 *   the user's memberships (member.ts), and the two lists must not mix.
 * - gsi2:  pk `${orgId}#holder#${holderId}#bookings`    sk `${createdAt}#${bookingId}`
 *   `holderId` is the attendee's or the party's id: an attendee's (or party's) bookings.
 * - gsi3:  pk `holds#due#${dueShard}`                   sk `${dueAt}#${bookingId}` (dueAt = holdExpiresAt)
 *   Only while `held`: what the sweeper walks to release holds whose schedule was missed. Not led
 *   by an org id because the sweeper serves every organization; `dueShard` (a hash of the booking
 *   id, 00..15) spreads the writes of held bookings over 16 partitions.
 */
export const bookingEntity = new Entity({
  model: { ...entityBase, entity: 'booking' },
  attributes: {
    ...fixedStrings('orgId', 'sessionId', 'eventId', 'bookingId'),
    attendeeId: { type: 'string', readOnly: true },
    partyId: { type: 'string', readOnly: true },
    holderId: { type: 'string', required: true, readOnly: true },
    seats: { type: 'number', required: true },
    seatLabels: { type: 'list', items: { type: 'string' }, required: true },
    /** The promo code's discount when booked, as JSON (absent without a code). */
    discount: { type: 'string' },
    /** The ticket categories bought, priced at booking (absent on bookings of events without any). */
    tickets: {
      type: 'list',
      items: {
        type: 'map',
        properties: {
          categoryId: { type: 'string', required: true },
          name: { type: 'string', required: true },
          seats: { type: 'number', required: true },
          unitAmount: { type: 'number', required: true },
          currency: { type: 'string', required: true },
        },
      },
    },
    status: { type: ['held', 'confirmed', 'cancelled', 'expired'] as const, required: true },
    paymentStatus: { type: ['none', 'pending', 'paid', 'refunded'] as const, required: true },
    holdExpiresAt: { type: 'string' },
    dueShard: { type: 'string', required: true, readOnly: true },
    /**
     * Index-only copies that are always present (ElectroDB requires every composite of an index
     * with a condition): the deadline while held, the owning user; `none` keeps them out of the index.
     */
    dueAt: { type: 'string', required: true },
    listedUser: { type: 'string', required: true, readOnly: true },
    bookedBy: { type: 'string', required: true, readOnly: true },
    userId: { type: 'string' },
    /** A waitlist offer's entry id (the entry moves with the booking's state). */
    waitlistEntryId: { type: 'string', readOnly: true },
    /** A join request's reservation: the request (it moves with the booking's state). */
    requestId: { type: 'string', readOnly: true },
    /** A marketing campaign's tracking code the booking was made with. */
    trackingCode: { type: 'string', readOnly: true },
    createdAt: { type: 'string', required: true, readOnly: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    bySession: {
      pk: key('pk', ['orgId', 'sessionId'], '${orgId}#session#${sessionId}#bookings'),
      sk: key('sk', ['bookingId'], '${bookingId}'),
    },
    byUser: {
      index: 'gsi1',
      condition: (a) => a.listedUser !== unlisted,
      pk: key('gsi1pk', ['listedUser'], 'user#${listedUser}#bookings'),
      sk: key('gsi1sk', ['createdAt', 'bookingId'], '${createdAt}#${bookingId}'),
    },
    byHolder: {
      index: 'gsi2',
      pk: key('gsi2pk', ['orgId', 'holderId'], '${orgId}#holder#${holderId}#bookings'),
      sk: key('gsi2sk', ['createdAt', 'bookingId'], '${createdAt}#${bookingId}'),
    },
    byDue: {
      index: 'gsi3',
      condition: (a) => a.dueAt !== unlisted,
      pk: key('gsi3pk', ['dueShard'], 'holds#due#${dueShard}'),
      sk: key('gsi3sk', ['dueAt', 'bookingId'], '${dueAt}#${bookingId}'),
    },
  },
});
