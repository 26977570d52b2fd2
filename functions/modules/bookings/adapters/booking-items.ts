import { createHash } from 'node:crypto';
import type { CreateEntityItem, EntityItem } from 'electrodb';
import { optional, unlisted } from '../../../kernel/dynamo/entity-base.js';
import { fromStored, toStored } from '../../../kernel/dynamo/stored.js';
import type { DiscountInput } from '../../pricing/index.js';
import { type Booking, type BookingHistoryEntry, holderIdOf } from '../domain/model.js';
import { type bookingEntity, dueHoldShards } from './entities/booking.js';

/** A booking as stored: nullable fields absent, plus the index attributes. */
export type BookingItem = EntityItem<typeof bookingEntity>;

/** Stable per booking, so a booking's due-hold entry always lands in the same shard. */
const shardOf = (bookingId: string): string =>
  String(createHash('sha1').update(bookingId).digest().readUInt16BE(0) % dueHoldShards).padStart(2, '0');

export const allDueShards = (): string[] =>
  Array.from({ length: dueHoldShards }, (_, i) => String(i).padStart(2, '0'));

/** `holdExpiresAt` and `dueAt` only while held: the due-hold index lists exactly the held bookings. */
export const toBookingItem = ({
  holdExpiresAt,
  tickets,
  discount,
  ...b
}: Booking): CreateEntityItem<typeof bookingEntity> => {
  const due = b.status === 'held' ? holdExpiresAt : null;
  return {
    ...toStored(b),
    ...(discount ? { discount: JSON.stringify(discount) } : {}),
    ...(tickets.length > 0 ? { tickets: tickets.map((t) => ({ ...t })) } : {}),
    ...optional('holdExpiresAt', due),
    holderId: holderIdOf(b),
    dueShard: shardOf(b.bookingId),
    dueAt: due ?? unlisted,
    listedUser: b.userId ?? unlisted,
  };
};

const bookingFields = fromStored<
  Omit<Booking, 'tickets' | 'discount'>,
  Omit<BookingItem, 'tickets' | 'discount'>
>({
  nullable: { attendeeId: true, partyId: true, holdExpiresAt: true, userId: true, waitlistEntryId: true },
  itemOnly: { holderId: true, dueShard: true, dueAt: true, listedUser: true },
});

export const toBooking = ({ tickets, discount, ...item }: BookingItem): Booking => ({
  ...bookingFields(item),
  tickets: tickets ?? [],
  discount: discount ? (JSON.parse(discount) as DiscountInput) : null,
});

/** What a booking step's audit record tells in its `details` (booking-records.ts). */
export interface StepDetails {
  from: Booking['status'] | null;
  to: Booking['status'];
  by: string;
  reason: string;
}

export const parseStep = (details: string): StepDetails => JSON.parse(details) as StepDetails;

/** A booking's history entry: the step its audit record tells, at the record's time. */
export const toHistoryEntry = (record: { at: string; details?: string | undefined }): BookingHistoryEntry => {
  const { from, to, by, reason } = parseStep(record.details ?? '{}');
  return { at: record.at, from: from ?? null, to, by, reason };
};
