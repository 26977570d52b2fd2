import * as z from 'zod';
import type { Violation } from './violation.js';

/**
 * The table as the checks see it: the items that carry invariants, decoded and grouped by session.
 * Items are told apart by ElectroDB's entity attribute (`__edb_e__`); every other entity is
 * ignored. A later kind of item (waitlist entries, notifications) adds a schema here and a list to
 * `SessionSnapshot`.
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
});

const bookingSchema = z.object({
  ...sessionRef,
  bookingId: z.string(),
  status: z.enum(['held', 'confirmed', 'cancelled', 'expired']),
  seats: z.number(),
  seatLabels: z.array(z.string()).optional(),
});

const seatSchema = z.object({
  ...sessionRef,
  label: z.string(),
  bookingId: z.string(),
  state: z.enum(['held', 'confirmed']),
});

export type SessionItem = z.infer<typeof sessionSchema>;
export type CounterItem = z.infer<typeof counterSchema>;
export type BookingItem = z.infer<typeof bookingSchema>;
export type SeatItem = z.infer<typeof seatSchema>;

export interface SessionSnapshot {
  orgId: string;
  sessionId: string;
  session?: SessionItem;
  counter?: CounterItem;
  bookings: BookingItem[];
  seats: SeatItem[];
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
  booking: 'booking',
  seat: 'bookingSeat',
} as const;

interface SessionRef {
  orgId: string;
  sessionId: string;
}

type Reading =
  | { ok: true; ref: SessionRef; addTo(s: SessionSnapshot): void }
  | { ok: false; error: z.ZodError };

/** A kind of item: how to decode it and where it goes in its session's snapshot. */
type Kind = (item: RawItem) => Reading;

const kind =
  <T extends SessionRef>(schema: z.ZodType<T>, add: (s: SessionSnapshot, value: T) => void): Kind =>
  (item) => {
    const parsed = schema.safeParse(item);
    if (!parsed.success) return { ok: false, error: parsed.error };
    return { ok: true, ref: parsed.data, addTo: (s) => add(s, parsed.data) };
  };

const kinds = new Map<string, Kind>([
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
]);

const text = (value: unknown): string => (typeof value === 'string' ? value : '?');

const unreadableItem = (entity: string, item: RawItem, error: z.ZodError): Violation => ({
  check: 'readable-item',
  orgId: text(item.orgId),
  sessionId: text(item.sessionId),
  ...(typeof item.bookingId === 'string' ? { bookingId: item.bookingId } : {}),
  detail: `${entity} item ${text(item.pk)} / ${text(item.sk)} is malformed: ${z.prettifyError(error).replaceAll('\n', ' ')}`,
});

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
    const key = `${orgId}\u0000${sessionId}`;
    let target = sessions.get(key);
    if (!target) {
      target = { orgId, sessionId, bookings: [], seats: [] };
      sessions.set(key, target);
    }
    reading.addTo(target);
  }
  return { sessions: [...sessions.values()], unreadable };
};
