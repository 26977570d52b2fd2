import type { Booking, BookingStatus } from '../../core/model/booking.js';
import { notificationRecord, type TxEntities } from './notification-records.js';

/**
 * The history, audit and outbox items every booking change writes in its own transaction
 * (invariant 7: a state change and its records commit together).
 */

export interface BookingStep {
  booking: Booking;
  from: BookingStatus | null;
  by: string;
  reason: string;
}

const sessionOf = (b: Booking) => ({ orgId: b.orgId, sessionId: b.sessionId });
const recordId = (b: Booking) => `${b.bookingId}#${b.status}`;
const summary = (b: Booking) => ({
  bookingId: b.bookingId,
  attendeeId: b.attendeeId,
  partyId: b.partyId,
  seats: b.seats,
  seatLabels: b.seatLabels,
  status: b.status,
});

export const stepRecords = (tx: TxEntities, { booking: b, from, by, reason }: BookingStep) => {
  const at = b.updatedAt;
  return [
    tx.bookingHistory
      .create({
        ...sessionOf(b),
        bookingId: b.bookingId,
        at,
        ...(from ? { from } : {}),
        to: b.status,
        by,
        reason,
      })
      .commit(),
    tx.audit
      .create({
        ...sessionOf(b),
        recordId: recordId(b),
        at,
        action: `booking.${b.status}`,
        actor: by,
        targetType: 'booking',
        targetId: b.bookingId,
        details: JSON.stringify({ from, ...summary(b), reason }),
      })
      .commit(),
    notificationRecord(tx, {
      ...sessionOf(b),
      key: recordId(b),
      at,
      type: `booking.${b.status}`,
      recipientId: (b.attendeeId ?? b.partyId) as string,
      userId: b.userId,
      payload: { ...summary(b), eventId: b.eventId, holdExpiresAt: b.holdExpiresAt, reason },
    }),
  ];
};

/** What the waitlist consumes: places of this session became available again. */
export const capacityReleased = (tx: TxEntities, b: Booking) =>
  tx.outbox
    .create({
      ...sessionOf(b),
      messageId: `capacity-released#${recordId(b)}`,
      at: b.updatedAt,
      kind: 'domain-event',
      type: 'capacity.released',
      status: 'pending',
      attempts: 0,
      payload: JSON.stringify({ seats: b.seats, seatLabels: b.seatLabels, bookingId: b.bookingId }),
    })
    .commit();
