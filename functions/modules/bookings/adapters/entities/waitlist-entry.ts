import { Entity } from 'electrodb';
import { entityBase, fixedStrings, unlisted } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';
import { waitedTickets } from './waitlist-line.js';

/**
 * A waitlist entry. Every change patches it conditionally on the status it was decided from.
 *
 * Key templates:
 * - table: pk `${orgId}#session#${sessionId}#waitlist`  sk `entry#${entryId}` (a session's entries;
 *   the same partition holds the session's waitlist meta and holder items, see waitlist-line.ts)
 * - gsi1:  pk `user#${listedUser}#waitlist`             sk `${joinedAt}#${entryId}`
 *   Only when the holder is linked to a user (`/v1/me/waitlist`); never `user#${userId}` alone
 *   (memberships) nor `...#bookings` (a user's bookings).
 * - gsi2:  pk `${orgId}#waitlist#${entryId}`            sk `entry`
 *   Finds an entry by id alone: its routes carry no session id.
 */
export const waitlistEntryEntity = new Entity({
  model: { ...entityBase, entity: 'waitlistEntry' },
  attributes: {
    ...fixedStrings('orgId', 'sessionId', 'eventId', 'entryId'),
    attendeeId: { type: 'string', readOnly: true },
    partyId: { type: 'string', readOnly: true },
    partySize: { type: 'number', required: true, readOnly: true },
    /** Events that sell ticket categories: the places of each the entry waits for. */
    tickets: waitedTickets,
    position: { type: 'number', required: true },
    status: {
      type: ['waiting', 'offered', 'accepted', 'declined', 'expired', 'cancelled', 'removed'] as const,
      required: true,
    },
    skips: { type: 'number', required: true },
    bookingId: { type: 'string' },
    /** Index-only copy of `userId`, always present; `none` keeps the entry out of gsi1. */
    listedUser: { type: 'string', required: true, readOnly: true },
    userId: { type: 'string', readOnly: true },
    addedBy: { type: 'string', required: true, readOnly: true },
    joinedAt: { type: 'string', required: true, readOnly: true },
    offeredAt: { type: 'string' },
    respondedAt: { type: 'string' },
    expiresAt: { type: 'string' },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    bySession: {
      pk: key('pk', ['orgId', 'sessionId'], '${orgId}#session#${sessionId}#waitlist'),
      sk: key('sk', ['entryId'], 'entry#${entryId}'),
    },
    byUser: {
      index: 'gsi1',
      condition: (a) => a.listedUser !== unlisted,
      pk: key('gsi1pk', ['listedUser'], 'user#${listedUser}#waitlist'),
      sk: key('gsi1sk', ['joinedAt', 'entryId'], '${joinedAt}#${entryId}'),
    },
    byId: {
      index: 'gsi2',
      pk: key('gsi2pk', ['orgId', 'entryId'], '${orgId}#waitlist#${entryId}'),
      sk: key('gsi2sk', [], 'entry'),
    },
  },
});
