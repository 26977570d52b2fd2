import { Entity } from 'electrodb';
import { entityBase, fixedStrings, unlisted } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * Where one ticket stands at the door (in or out), beside its session. Written only by scans,
 * each conditional on the admission as read, so two gates never both admit a ticket.
 *
 * Key templates:
 * - table: pk `${orgId}#session#${sessionId}#admissions`   sk `ticket#${ticketId}`
 * - gsi2:  pk `${orgId}#attendee#${listedAttendee}#admissions`   sk `${firstEntryAt}#${ticketId}`
 *   Only for a ticket of an attendee's own booking (a party's booking names no attendee): an
 *   attendee's attendance across sessions. Both keys are fixed once the ticket first enters.
 */
export const admissionEntity = new Entity({
  model: { ...entityBase, entity: 'admission' },
  attributes: {
    ...fixedStrings('orgId', 'sessionId', 'ticketId', 'bookingId', 'firstEntryAt'),
    attendeeId: { type: 'string', readOnly: true },
    state: { type: ['in', 'out'] as const, required: true },
    gate: { type: 'string', required: true },
    at: { type: 'string', required: true },
    entries: { type: 'number', required: true },
    updatedAt: { type: 'string', required: true },
    /** Index-only: the attendee, or `none` (a party's booking), which keeps the item out of gsi2. */
    listedAttendee: { type: 'string', required: true, readOnly: true },
  },
  indexes: {
    byTicket: {
      pk: key('pk', ['orgId', 'sessionId'], '${orgId}#session#${sessionId}#admissions'),
      sk: key('sk', ['ticketId'], 'ticket#${ticketId}'),
    },
    byAttendee: {
      index: 'gsi2',
      condition: (a) => a.listedAttendee !== unlisted,
      pk: key('gsi2pk', ['orgId', 'listedAttendee'], '${orgId}#attendee#${listedAttendee}#admissions'),
      sk: key('gsi2sk', ['firstEntryAt', 'ticketId'], '${firstEntryAt}#${ticketId}'),
    },
  },
});
