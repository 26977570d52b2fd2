import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { TxEntities } from '../../../kernel/dynamo/transactions.js';
import {
  type DomainEventData,
  type DomainEventRecord,
  domainEventId,
  domainEventPut,
  domainEventRecord,
} from '../../notifications/index.js';
import { type Booking, recordId } from '../domain/model.js';
import type { BookingStep } from './booking-records.js';

/**
 * The public domain events of a booking's steps (docs/events/), written in the step's own
 * transaction: `booking.confirmed`, `booking.cancelled` and `booking.expired` when a step reaches
 * that status, and `waitlist.offered` for the held booking an offer is. A step that keeps its
 * status (a payment's `paymentStatus` alone) and a booking made as a hold publish nothing.
 */

type BookingEventType = 'booking.confirmed' | 'booking.cancelled' | 'booking.expired';

const holderOf = (b: Booking) =>
  b.attendeeId
    ? ({ type: 'attendee', id: b.attendeeId } as const)
    : ({ type: 'party', id: b.partyId as string } as const);

const bookingData = (b: Booking, from: Booking['status'] | null) => ({
  bookingId: b.bookingId,
  eventId: b.eventId,
  sessionId: b.sessionId,
  previousStatus: from,
  paymentStatus: b.paymentStatus,
  seats: b.seats,
  seatLabels: b.seatLabels,
  tickets: b.tickets.map((t) => ({
    categoryId: t.categoryId,
    seats: t.seats,
    unitAmount: t.unitAmount,
    currency: t.currency,
  })),
  holder: holderOf(b),
  waitlistEntryId: b.waitlistEntryId,
});

const envelope = (b: Booking) => ({
  orgId: b.orgId,
  occurredAt: b.updatedAt,
  subject: { type: 'booking', id: b.bookingId },
  version: 1,
});

/** The event a step publishes, if any. */
export const bookingStepEvent = (
  step: Pick<BookingStep, 'booking' | 'from' | 'notification'>,
): DomainEventRecord | undefined => {
  const { booking: b, from, notification } = step;
  if (notification?.type === 'waitlist.offered' && b.status === 'held' && b.holdExpiresAt) {
    const data: DomainEventData<'waitlist.offered'> = {
      bookingId: b.bookingId,
      entryId: b.waitlistEntryId ?? String(notification.details.entryId),
      eventId: b.eventId,
      sessionId: b.sessionId,
      seats: b.seats,
      holder: holderOf(b),
      expiresAt: b.holdExpiresAt,
    };
    const type = 'waitlist.offered' as const;
    return {
      sessionId: b.sessionId,
      event: { ...envelope(b), id: domainEventId(type, b.bookingId), type, data },
    };
  }
  if (from === b.status) return undefined;
  const record = <T extends BookingEventType>(type: T, data: DomainEventData<T>): DomainEventRecord<T> => ({
    sessionId: b.sessionId,
    event: { ...envelope(b), id: domainEventId(type, recordId(b)), type, data },
  });
  const data = bookingData(b, from);
  switch (b.status) {
    case 'confirmed':
      return record('booking.confirmed', { ...data, status: b.status });
    case 'cancelled':
      return record('booking.cancelled', { ...data, status: b.status });
    case 'expired':
      return record('booking.expired', { ...data, status: b.status });
    default:
      return undefined;
  }
};

/** The step's event item (ElectroDB), for stepRecords: none or one. */
export const bookingStepEvents = (tx: TxEntities, step: BookingStep) => {
  const record = bookingStepEvent(step);
  return record ? [domainEventRecord(tx, record)] : [];
};

/** A new booking's event item in wire form (booking-tx-items.ts): `booking.confirmed` when it is. */
export const newBookingEventPuts = (table: string, b: Booking): TransactWriteItem[] => {
  const record = bookingStepEvent({ booking: b, from: null });
  return record ? [domainEventPut(table, record)] : [];
};
