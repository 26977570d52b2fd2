import { unlisted } from '../../bookings/adapters/entities/booking.js';
import type { WaitingSlot, WaitlistEntry } from '../domain/model.js';
import { slotKeyOf } from './entities/waitlist-line.js';

/** A waitlist entry as stored: nullable fields absent, plus the index attributes. */
export interface WaitlistEntryItem {
  orgId: string;
  sessionId: string;
  eventId: string;
  entryId: string;
  attendeeId?: string | undefined;
  partyId?: string | undefined;
  partySize: number;
  position: number;
  status: WaitlistEntry['status'];
  skips: number;
  bookingId?: string | undefined;
  listedUser: string;
  userId?: string | undefined;
  addedBy: string;
  joinedAt: string;
  offeredAt?: string | undefined;
  respondedAt?: string | undefined;
  expiresAt?: string | undefined;
  updatedAt: string;
}

const optional = <K extends string>(key: K, value: string | null) =>
  (value === null ? {} : { [key]: value }) as Partial<Record<K, string>>;

export const toEntryItem = (e: WaitlistEntry): WaitlistEntryItem => ({
  orgId: e.orgId,
  sessionId: e.sessionId,
  eventId: e.eventId,
  entryId: e.entryId,
  ...optional('attendeeId', e.attendeeId),
  ...optional('partyId', e.partyId),
  partySize: e.partySize,
  position: e.position,
  status: e.status,
  skips: e.skips,
  ...optional('bookingId', e.bookingId),
  listedUser: e.userId ?? unlisted,
  ...optional('userId', e.userId),
  addedBy: e.addedBy,
  joinedAt: e.joinedAt,
  ...optional('offeredAt', e.offeredAt),
  ...optional('respondedAt', e.respondedAt),
  ...optional('expiresAt', e.expiresAt),
  updatedAt: e.updatedAt,
});

export const toEntry = (i: WaitlistEntryItem): WaitlistEntry => ({
  orgId: i.orgId,
  sessionId: i.sessionId,
  eventId: i.eventId,
  entryId: i.entryId,
  attendeeId: i.attendeeId ?? null,
  partyId: i.partyId ?? null,
  partySize: i.partySize,
  position: i.position,
  status: i.status,
  skips: i.skips,
  bookingId: i.bookingId ?? null,
  userId: i.userId ?? null,
  addedBy: i.addedBy,
  joinedAt: i.joinedAt,
  offeredAt: i.offeredAt ?? null,
  respondedAt: i.respondedAt ?? null,
  expiresAt: i.expiresAt ?? null,
  updatedAt: i.updatedAt,
});

export const holderIdOf = (e: Pick<WaitlistEntry, 'attendeeId' | 'partyId'>): string =>
  (e.attendeeId ?? e.partyId) as string;

export const entryKey = (e: Pick<WaitlistEntry, 'orgId' | 'sessionId' | 'entryId'>) => ({
  orgId: e.orgId,
  sessionId: e.sessionId,
  entryId: e.entryId,
});

export const slotItemOf = (
  e: Pick<WaitlistEntry, 'orgId' | 'sessionId' | 'entryId' | 'partySize'>,
  position: number,
  skips = 0,
) => ({
  orgId: e.orgId,
  sessionId: e.sessionId,
  slotKey: slotKeyOf(position),
  position,
  entryId: e.entryId,
  partySize: e.partySize,
  skips,
});

export const slotKey = (e: Pick<WaitlistEntry, 'orgId' | 'sessionId'>, position: number) => ({
  orgId: e.orgId,
  sessionId: e.sessionId,
  slotKey: slotKeyOf(position),
});

export const toSlot = (i: {
  entryId: string;
  position: number;
  partySize: number;
  skips: number;
}): WaitingSlot => ({
  entryId: i.entryId,
  position: i.position,
  partySize: i.partySize,
  skips: i.skips,
});
