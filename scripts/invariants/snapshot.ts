import * as z from 'zod';
import {
  type AdmissionItem,
  admissionEntityNames,
  admissionKinds,
  type ScanItem,
} from './admission-items.js';
import { type Kind, kind } from './item-kind.js';
import {
  moneyEntityNames,
  moneyKinds,
  type OrderItem,
  type RefundItem,
  type TransactionItem,
} from './money-items.js';
import type { Violation } from './violation.js';

/**
 * The table as the checks see it: the items that carry invariants, decoded and grouped by session.
 * Items are told apart by ElectroDB's entity attribute (`__edb_e__`); every other entity is
 * ignored. A later kind of item adds a schema here (or, for the payments partition, in
 * money-items.ts) and a list to `SessionSnapshot`.
 */

const ENTITY = '__edb_e__';

const sessionRef = { orgId: z.string(), sessionId: z.string() };

const sessionSchema = z.object({
  ...sessionRef,
  capacity: z.number(),
  seatingMode: z.enum(['general', 'seated', 'tables']),
});

const counterSchema = z.object({
  ...sessionRef,
  capacity: z.number(),
  available: z.number(),
  held: z.number(),
  confirmed: z.number(),
  waiting: z.number().optional(),
});

/** A further counter item of a sharded session: its numbers are folded into the counter's. */
const counterShardSchema = z.object({
  ...sessionRef,
  shard: z.number(),
  available: z.number(),
  held: z.number(),
  confirmed: z.number(),
});

const bookingSchema = z.object({
  ...sessionRef,
  bookingId: z.string(),
  status: z.enum(['held', 'confirmed', 'cancelled', 'expired']),
  seats: z.number(),
  seatLabels: z.array(z.string()).optional(),
  waitlistEntryId: z.string().optional(),
  /** Always on stored bookings; optional so hand-made items without payments stay readable. */
  paymentStatus: z.enum(['none', 'pending', 'paid', 'refunded']).optional(),
  updatedAt: z.string().optional(),
  /** The attendee or party holding it (absent on hand-made items: then not counted per holder). */
  holderId: z.string().optional(),
  /** The ticket categories bought (absent for events without categories). */
  tickets: z.array(z.object({ categoryId: z.string(), seats: z.number() })).optional(),
});

/** The places one ticket category has taken of the session (pricing's categoryCounter). */
const categoryCounterSchema = z.object({
  ...sessionRef,
  categoryId: z.string(),
  taken: z.number(),
  quota: z.number(),
  left: z.number(),
});

export type CategoryCounterItem = z.infer<typeof categoryCounterSchema>;

/** One holder's count of live bookings in the session (bookings' holderCount). */
const holderCountSchema = z.object({
  ...sessionRef,
  holderId: z.string(),
  live: z.number().optional(),
});

export type HolderCountItem = z.infer<typeof holderCountSchema>;

const seatSchema = z.object({
  ...sessionRef,
  label: z.string(),
  bookingId: z.string(),
  state: z.enum(['held', 'confirmed']),
});

const outboxSchema = z.object({
  ...sessionRef,
  messageId: z.string(),
  at: z.string(),
  kind: z.enum(['notification', 'domain-event']),
  type: z.string(),
  status: z.enum(['pending', 'sent', 'failed', 'consumed']),
  /** Absent on items written before the pending index existed: their commit time counts. */
  dueAt: z.string().optional(),
});

export type OutboxItem = z.infer<typeof outboxSchema>;

const waitlistEntrySchema = z.object({
  ...sessionRef,
  entryId: z.string(),
  position: z.number(),
  status: z.enum(['waiting', 'offered', 'accepted', 'declined', 'expired', 'cancelled', 'removed']),
  bookingId: z.string().optional(),
});

const waitlistSlotSchema = z.object({
  ...sessionRef,
  entryId: z.string(),
  position: z.number(),
});

export type SessionItem = z.infer<typeof sessionSchema>;
export type WaitlistEntryItem = z.infer<typeof waitlistEntrySchema>;
export type WaitlistSlotItem = z.infer<typeof waitlistSlotSchema>;
export type CounterItem = z.infer<typeof counterSchema>;
export type BookingItem = z.infer<typeof bookingSchema>;
export type SeatItem = z.infer<typeof seatSchema>;

export interface SessionSnapshot {
  orgId: string;
  sessionId: string;
  session?: SessionItem;
  /** The session's counter, summed over its counter items when it is split (counterShards). */
  counter?: CounterItem;
  counterShards?: z.infer<typeof counterShardSchema>[];
  bookings: BookingItem[];
  seats: SeatItem[];
  /** The session's ticket category counters. */
  categories?: CategoryCounterItem[];
  /** Each holder's count of live bookings in the session. */
  holders?: HolderCountItem[];
  /** Outbox items (notifications and domain events) of the session. */
  outbox?: OutboxItem[];
  /** Waitlist entries of the session, and the waiting line's slots (one per waiting entry). */
  waitlist?: WaitlistEntryItem[];
  waitline?: WaitlistSlotItem[];
  /** The payments partition: orders, the provider's movements of money, refunds asked. */
  orders?: OrderItem[];
  transactions?: TransactionItem[];
  refunds?: RefundItem[];
  /** The door: admissions (one per ticket that entered) and scan records. */
  admissions?: AdmissionItem[];
  scans?: ScanItem[];
}

export interface TableSnapshot {
  sessions: SessionSnapshot[];
  /** Items of a known kind that do not have the shape the checks rely on. */
  unreadable: Violation[];
}

export type RawItem = Record<string, unknown>;

/** Entity names as the booking engine's ElectroDB entities declare them. */
export const entityNames = {
  session: 'session',
  counter: 'sessionCounter',
  counterShard: 'sessionCounterShard',
  booking: 'booking',
  seat: 'bookingSeat',
  categoryCounter: 'categoryCounter',
  holderCount: 'holderCount',
  outbox: 'outbox',
  waitlistEntry: 'waitlistEntry',
  waitlistSlot: 'waitlistSlot',
  ...moneyEntityNames,
  ...admissionEntityNames,
} as const;

export interface SessionRef {
  orgId: string;
  sessionId: string;
}

/** One string per session: how sessions are told apart here and by the settled check. */
export const sessionKeyOf = ({ orgId, sessionId }: SessionRef): string => `${orgId}\u0000${sessionId}`;

const kinds = new Map<string, Kind>([
  [
    entityNames.waitlistEntry,
    kind(waitlistEntrySchema, (s, v) => {
      s.waitlist = [...(s.waitlist ?? []), v];
    }),
  ],
  [
    entityNames.waitlistSlot,
    kind(waitlistSlotSchema, (s, v) => {
      s.waitline = [...(s.waitline ?? []), v];
    }),
  ],
  [
    entityNames.outbox,
    kind(outboxSchema, (s, v) => {
      s.outbox ??= [];
      s.outbox.push(v);
    }),
  ],
  [
    entityNames.session,
    kind(sessionSchema, (s, v) => {
      s.session = v;
    }),
  ],
  [
    entityNames.counter,
    kind(counterSchema, (s, v) => {
      s.counter = v;
    }),
  ],
  [
    entityNames.counterShard,
    kind(counterShardSchema, (s, v) => {
      s.counterShards = [...(s.counterShards ?? []), v];
    }),
  ],
  [
    entityNames.booking,
    kind(bookingSchema, (s, v) => {
      s.bookings.push(v);
    }),
  ],
  [
    entityNames.seat,
    kind(seatSchema, (s, v) => {
      s.seats.push(v);
    }),
  ],
  [
    entityNames.categoryCounter,
    kind(categoryCounterSchema, (s, v) => {
      s.categories = [...(s.categories ?? []), v];
    }),
  ],
  [
    entityNames.holderCount,
    kind(holderCountSchema, (s, v) => {
      s.holders = [...(s.holders ?? []), v];
    }),
  ],
  ...moneyKinds,
  ...admissionKinds,
]);

const text = (value: unknown): string => (typeof value === 'string' ? value : '?');

const unreadableItem = (entity: string, item: RawItem, error: z.ZodError): Violation => ({
  check: 'readable-item',
  orgId: text(item.orgId),
  sessionId: text(item.sessionId),
  ...(typeof item.bookingId === 'string' ? { bookingId: item.bookingId } : {}),
  detail: `${entity} item ${text(item.pk)} / ${text(item.sk)} is malformed: ${z.prettifyError(error).replaceAll('\n', ' ')}`,
});

/**
 * The session an item of a known kind belongs to, or undefined for the items the checks ignore:
 * the one `toSnapshot` puts it in, or, for a malformed item, the one its `readable-item`
 * violation names.
 */
export const sessionOfItem = (item: RawItem): SessionRef | undefined => {
  const entity = item[ENTITY];
  if (typeof entity !== 'string' || !kinds.has(entity)) return undefined;
  return { orgId: text(item.orgId), sessionId: text(item.sessionId) };
};

/** The entities the checks read: every other item of the table is ignored. */
export const checkedEntities = (): string[] => [...kinds.keys()];

/**
 * A sharded session's counter as the checks see it: the sums over its items. The main counter's
 * own `held` and `confirmed` may be below zero (later steps of bookings made on other items are
 * counted there); the sums may not.
 */
const foldShards = (s: SessionSnapshot): void => {
  if (!s.counter || !s.counterShards) return;
  const sum = (field: 'available' | 'held' | 'confirmed') =>
    (s.counter as CounterItem)[field] + (s.counterShards ?? []).reduce((n, x) => n + x[field], 0);
  s.counter = { ...s.counter, available: sum('available'), held: sum('held'), confirmed: sum('confirmed') };
};

/** Groups the items by session (org id and session id), in the order sessions were first met. */
export const toSnapshot = (items: Iterable<RawItem>): TableSnapshot => {
  const sessions = new Map<string, SessionSnapshot>();
  const unreadable: Violation[] = [];
  for (const item of items) {
    const entity = item[ENTITY];
    const read = typeof entity === 'string' ? kinds.get(entity) : undefined;
    if (!read) continue;
    const reading = read(item);
    if (!reading.ok) {
      unreadable.push(unreadableItem(String(entity), item, reading.error));
      continue;
    }
    const { orgId, sessionId } = reading.ref;
    const key = sessionKeyOf(reading.ref);
    let target = sessions.get(key);
    if (!target) {
      target = { orgId, sessionId, bookings: [], seats: [] };
      sessions.set(key, target);
    }
    reading.addTo(target);
  }
  for (const s of sessions.values()) foldShards(s);
  return { sessions: [...sessions.values()], unreadable };
};
