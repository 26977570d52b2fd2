import { auditAttributes, ownAuditRecord } from '../../../kernel/audit/own-record.js';
import type { TxEntities } from '../../../kernel/dynamo/transactions.js';
import {
  notificationMessageId,
  notificationRecord,
  sessionCapacityReleased,
} from '../../notifications/index.js';
import { type Booking, type BookingStatus, recordId } from '../domain/model.js';
import type { StepNotification } from '../domain/ports.js';
import { bookingStepEvents } from './booking-events.js';

/**
 * The records every booking change writes in its own transaction (invariant 7: a state change and
 * its records commit together): the step record (the booking's history entry is its audit record,
 * kernel/audit) and the outbox item.
 */

export interface BookingStep {
  booking: Booking;
  from: BookingStatus | null;
  by: string;
  reason: string;
  /** Instead of the `booking.${status}` notification. */
  notification?: StepNotification | undefined;
}

const sessionOf = (b: Booking) => ({ orgId: b.orgId, sessionId: b.sessionId });
/** What a booking's records and notifications say of it. */
export const bookingSummary = (b: Booking) => ({
  bookingId: b.bookingId,
  attendeeId: b.attendeeId,
  partyId: b.partyId,
  seats: b.seats,
  seatLabels: b.seatLabels,
  status: b.status,
});

/**
 * The audit record of a booking's step, which is also its history entry: the step (from, to, who
 * and why) and the booking as it left it, in `details`. `by` is the step's own account of who
 * caused it (a user, `system` for expiries, `payments`); the record's actor is the request's or
 * job's (kernel/audit).
 */
/** The `by` of steps no user caused. */
const systemSteps = new Set(['system', 'payments']);

export const stepAuditRecord = (b: Booking, from: BookingStatus | null, by: string, reason: string) =>
  ownAuditRecord(
    {
      orgId: b.orgId,
      targetType: 'booking',
      targetId: b.bookingId,
      change: from ? 'updated' : 'created',
      fields: ['status', 'updatedAt'],
      also: [],
      details: JSON.stringify({ from, to: b.status, by, reason, booking: bookingSummary(b) }),
    },
    new Date(b.updatedAt),
    { type: systemSteps.has(by) ? 'system' : 'user', id: by },
    `booking.${reason}`,
  );

export const stepRecords = (tx: TxEntities, { booking: b, from, by, reason, notification }: BookingStep) => {
  const at = b.updatedAt;
  return [
    tx.auditRecord.create(auditAttributes(stepAuditRecord(b, from, by, reason)) as never).commit(),
    notificationRecord(tx, {
      ...sessionOf(b),
      key: recordId(b),
      at,
      type: notification?.type ?? `booking.${b.status}`,
      recipientId: (b.attendeeId ?? b.partyId) as string,
      userId: b.userId,
      payload: {
        ...bookingSummary(b),
        eventId: b.eventId,
        holdExpiresAt: b.holdExpiresAt,
        reason,
        ...notification?.details,
      },
    }),
    ...bookingStepEvents(tx, { booking: b, from, by, reason, notification }),
  ];
};

/** Places of this booking became available again. */
export const capacityReleased = (tx: TxEntities, b: Booking) =>
  sessionCapacityReleased(tx, {
    ...sessionOf(b),
    at: b.updatedAt,
    key: recordId(b),
    payload: { seats: b.seats, seatLabels: b.seatLabels, bookingId: b.bookingId },
  });

/**
 * The "about to expire" notification of a held booking (or waitlist offer), stored at its
 * reminder time so that writing it twice finds the first one: a redelivered reminder sends once.
 */
export const holdReminder = (tx: TxEntities, b: Booking, remindAt: string) => {
  const key = `${b.bookingId}#hold-expiring`;
  return {
    ref: { ...sessionOf(b), at: remindAt, messageId: notificationMessageId(key) },
    item: notificationRecord(tx, {
      ...sessionOf(b),
      key,
      at: remindAt,
      type: b.waitlistEntryId ? 'waitlist.offer_expiring' : 'booking.hold_expiring',
      recipientId: (b.attendeeId ?? b.partyId) as string,
      userId: b.userId,
      payload: { ...bookingSummary(b), eventId: b.eventId, holdExpiresAt: b.holdExpiresAt },
    }),
  };
};

/**
 * The session still takes bookings (scheduled, not being deleted) and, given `readAt`, is
 * unchanged since: an offer planned on this version of it is stale after a cancellation, a
 * delete mark or new seating.
 */
export const sessionOpen = (tx: TxEntities, key: { orgId: string; sessionId: string }, readAt?: string) =>
  tx.session
    .check(key)
    .where(({ status, deleting, updatedAt }, { eq }) =>
      [
        eq(status, 'scheduled'),
        eq(deleting, false),
        ...(readAt === undefined ? [] : [eq(updatedAt, readAt)]),
      ].join(' AND '),
    )
    .commit();
