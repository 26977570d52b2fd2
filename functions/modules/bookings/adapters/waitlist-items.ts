import type { CreateEntityItem, EntityItem } from 'electrodb';
import { optional, unlisted } from '../../../kernel/dynamo/entity-base.js';
import type { WaitingSlot, WaitlistEntry } from '../domain/waitlist-model.js';
import type { waitlistEntryEntity } from './entities/waitlist-entry.js';
import { slotKeyOf, type waitlistSlotEntity } from './entities/waitlist-line.js';

/** A waitlist entry as stored: nullable fields absent, plus the index attributes. */
export type WaitlistEntryItem = EntityItem<typeof waitlistEntryEntity>;

export const toEntryItem = (e: WaitlistEntry): CreateEntityItem<typeof waitlistEntryEntity> => ({
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

// An entry has exactly one of attendeeId and partyId, which its type cannot say.
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

export const toSlot = (i: EntityItem<typeof waitlistSlotEntity>): WaitingSlot => ({
  entryId: i.entryId,
  position: i.position,
  partySize: i.partySize,
  skips: i.skips,
});
