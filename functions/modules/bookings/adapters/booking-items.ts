import { createHash } from 'node:crypto';
import type { CreateEntityItem, EntityItem } from 'electrodb';
import { unlisted } from '../../../kernel/dynamo/entity-base.js';
import type { Booking, BookingHistoryEntry } from '../domain/model.js';
import { type bookingEntity, dueHoldShards } from './entities/booking.js';
import type { bookingHistoryEntity } from './entities/booking-history.js';

/** A booking as stored: nullable fields absent, plus the index attributes. */
export type BookingItem = EntityItem<typeof bookingEntity>;

/** Stable per booking, so a booking's due-hold entry always lands in the same shard. */
const shardOf = (bookingId: string): string =>
  String(createHash('sha1').update(bookingId).digest().readUInt16BE(0) % dueHoldShards).padStart(2, '0');

export const allDueShards = (): string[] =>
  Array.from({ length: dueHoldShards }, (_, i) => String(i).padStart(2, '0'));

export const toBookingItem = (b: Booking): CreateEntityItem<typeof bookingEntity> => ({
  orgId: b.orgId,
  sessionId: b.sessionId,
  eventId: b.eventId,
  bookingId: b.bookingId,
  ...(b.attendeeId ? { attendeeId: b.attendeeId } : {}),
  ...(b.partyId ? { partyId: b.partyId } : {}),
  // A booking has exactly one of attendeeId and partyId, which its type cannot say.
  holderId: (b.attendeeId ?? b.partyId) as string,
  seats: b.seats,
  seatLabels: b.seatLabels,
  status: b.status,
  paymentStatus: b.paymentStatus,
  ...(b.status === 'held' && b.holdExpiresAt ? { holdExpiresAt: b.holdExpiresAt } : {}),
  dueShard: shardOf(b.bookingId),
  dueAt: b.status === 'held' && b.holdExpiresAt ? b.holdExpiresAt : unlisted,
  listedUser: b.userId ?? unlisted,
  bookedBy: b.bookedBy,
  ...(b.userId ? { userId: b.userId } : {}),
  ...(b.waitlistEntryId ? { waitlistEntryId: b.waitlistEntryId } : {}),
  createdAt: b.createdAt,
  updatedAt: b.updatedAt,
});

export const toBooking = (i: BookingItem): Booking => ({
  orgId: i.orgId,
  sessionId: i.sessionId,
  eventId: i.eventId,
  bookingId: i.bookingId,
  attendeeId: i.attendeeId ?? null,
  partyId: i.partyId ?? null,
  seats: i.seats,
  seatLabels: i.seatLabels,
  status: i.status,
  paymentStatus: i.paymentStatus,
  holdExpiresAt: i.holdExpiresAt ?? null,
  bookedBy: i.bookedBy,
  userId: i.userId ?? null,
  waitlistEntryId: i.waitlistEntryId ?? null,
  createdAt: i.createdAt,
  updatedAt: i.updatedAt,
});

export type HistoryItem = EntityItem<typeof bookingHistoryEntity>;

export const toHistoryEntry = (i: HistoryItem): BookingHistoryEntry => ({
  at: i.at,
  from: i.from ?? null,
  to: i.to,
  by: i.by,
  reason: i.reason,
});
