import type { CreateEntityItem, EntityItem } from 'electrodb';
import { unlisted } from '../../../kernel/dynamo/entity-base.js';
import { fromStored, toStored } from '../../../kernel/dynamo/stored.js';
import type { WaitingSlot, WaitlistEntry } from '../domain/waitlist-model.js';
import type { waitlistEntryEntity } from './entities/waitlist-entry.js';
import { slotKeyOf, type waitlistSlotEntity } from './entities/waitlist-line.js';

/** A waitlist entry as stored: nullable fields absent, plus the index attributes. */
export type WaitlistEntryItem = EntityItem<typeof waitlistEntryEntity>;

export const toEntryItem = ({
  tickets,
  ...e
}: WaitlistEntry): CreateEntityItem<typeof waitlistEntryEntity> => ({
  ...toStored(e),
  ...(tickets.length > 0 ? { tickets: tickets.map((t) => ({ ...t })) } : {}),
  listedUser: e.userId ?? unlisted,
});

const entryFields = fromStored<Omit<WaitlistEntry, 'tickets'>, Omit<WaitlistEntryItem, 'tickets'>>({
  nullable: {
    attendeeId: true,
    partyId: true,
    bookingId: true,
    userId: true,
    offeredAt: true,
    respondedAt: true,
    expiresAt: true,
  },
  itemOnly: { listedUser: true },
});

export const toEntry = ({ tickets, ...item }: WaitlistEntryItem): WaitlistEntry => ({
  ...entryFields(item),
  tickets: tickets ?? [],
});

export { holderIdOf } from '../domain/model.js';

export const entryKey = (e: Pick<WaitlistEntry, 'orgId' | 'sessionId' | 'entryId'>) => ({
  orgId: e.orgId,
  sessionId: e.sessionId,
  entryId: e.entryId,
});

export const slotItemOf = (
  e: Pick<WaitlistEntry, 'orgId' | 'sessionId' | 'entryId' | 'partySize' | 'tickets'>,
  position: number,
  skips = 0,
) => ({
  orgId: e.orgId,
  sessionId: e.sessionId,
  slotKey: slotKeyOf(position),
  position,
  entryId: e.entryId,
  partySize: e.partySize,
  ...(e.tickets.length > 0 ? { tickets: e.tickets.map((t) => ({ ...t })) } : {}),
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
  tickets: i.tickets ?? [],
  skips: i.skips,
});
