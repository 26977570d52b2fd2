import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';
import { priceAttribute } from './price.js';

/** Every index that lists events sorts them by start, then id. */
const startSortKey = (field: string) => key(field, ['startKey', 'eventId'], '${startKey}#${eventId}');

/**
 * `startKey` is `startsAt` (UTC ISO 8601), or `unscheduled` for an event without a start: it sorts
 * after every date and falls outside every date range, so lists put such events last.
 *
 * Key templates (org ids start with `org_`, so no template here can meet another entity's):
 * - table: pk `${orgId}#events`                      sk `${eventId}`
 * - gsi1:  pk `${orgId}#events#by-date`              sk `${startKey}#${eventId}`
 * - gsi2:  pk `${orgId}#events#venue#${venueId}`     sk `${startKey}#${eventId}`
 * - gsi3:  pk `${orgId}#events#status#${status}`     sk `${startKey}#${eventId}`
 */
export const eventEntity = new Entity({
  model: { ...entityBase, entity: 'event' },
  attributes: {
    ...fixedStrings('orgId', 'eventId'),
    venueId: { type: 'string', required: true },
    hostId: { type: 'string' },
    title: { type: 'string', required: true },
    description: { type: 'string', required: true },
    defaultDurationMinutes: { type: 'number', required: true },
    defaultCapacity: { type: 'number', required: true },
    visibility: { type: ['public', 'private'] as const, required: true },
    admission: { type: ['open', 'approval'] as const, required: true },
    price: priceAttribute,
    tags: { type: 'list', required: true, items: { type: 'string' } },
    /** Absent on events stored before interests: none. */
    interestIds: { type: 'list', items: { type: 'string' } },
    coverImageUrls: { type: 'list', required: true, items: { type: 'string' } },
    startsAt: { type: 'string' },
    endsAt: { type: 'string' },
    startKey: { type: 'string', required: true },
    settings: {
      type: 'map',
      required: true,
      properties: {
        maxSeatsPerBooking: { type: 'number', required: true },
        holdMinutes: { type: 'number', required: true },
        cancelCutoffMinutes: { type: 'number', required: true },
        waitlistPolicy: { type: ['fifo', 'fit'] as const, required: true },
        waitlistMaxSkips: { type: 'number', required: true },
        offerMinutes: { type: 'number', required: true },
        offerCutoffMinutes: { type: 'number', required: true },
        offerExpiry: { type: ['expire', 'requeue'] as const, required: true },
        // Added later: events stored before read them as the defaults.
        latePayment: { type: ['accept_if_available', 'refund', 'review'] as const },
        refundCutoffMinutes: { type: 'number' },
        ticketCodes: { type: ['static', 'rotating'] as const },
        checkinOpensMinutesBefore: { type: 'number' },
        checkinReentry: { type: 'boolean' },
        overbookingPercent: { type: 'number' },
        requestHoldMinutes: { type: 'number' },
        bookingsPerAttendee: { type: 'number' },
        guestRules: {
          type: 'map',
          properties: {
            plusOnes: { type: 'boolean', required: true },
            allowedGenders: { type: 'list', items: { type: 'string' } },
          },
        },
      },
    },
    /** Absent on events stored before ticket categories: none. */
    categoryCount: { type: 'number' },
    status: {
      type: ['draft', 'published', 'postponed', 'cancelled', 'completed'] as const,
      required: true,
    },
    deleting: { type: 'boolean', required: true },
    createdAt: { type: 'string', required: true, readOnly: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byOrg: {
      pk: key('pk', ['orgId'], '${orgId}#events'),
      sk: key('sk', ['eventId'], '${eventId}'),
    },
    /** An organization's events by start; gsi1 otherwise holds user-keyed (`user#`) lookups. */
    byDate: {
      index: 'gsi1',
      pk: key('gsi1pk', ['orgId'], '${orgId}#events#by-date'),
      sk: startSortKey('gsi1sk'),
    },
    /** A venue's events by start (also what a venue's cascade delete walks). */
    byVenue: {
      index: 'gsi2',
      pk: key('gsi2pk', ['orgId', 'venueId'], '${orgId}#events#venue#${venueId}'),
      sk: startSortKey('gsi2sk'),
    },
    byStatus: {
      index: 'gsi3',
      pk: key('gsi3pk', ['orgId', 'status'], '${orgId}#events#status#${status}'),
      sk: startSortKey('gsi3sk'),
    },
  },
});
