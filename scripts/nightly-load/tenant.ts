import type { Deps } from '../../functions/kernel/domain/deps.js';
import { newId } from '../../functions/kernel/domain/ids.js';
import type { Principal } from '../../functions/kernel/domain/types.js';
import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import { createService, type EventlyService } from '../../functions/kernel/dynamo/service.js';
import { toBookingItem } from '../../functions/modules/bookings/adapters/booking-items.js';
import { stepAuditRecord } from '../../functions/modules/bookings/adapters/booking-records.js';
import type { Booking } from '../../functions/modules/bookings/domain/model.js';
import {
  freshCounter,
  slotOf,
  toSessionItem,
} from '../../functions/modules/catalog/adapters/session-items.js';
import { changeEventStatus, createEvent } from '../../functions/modules/catalog/domain/events.js';
import type { Event, Venue } from '../../functions/modules/catalog/domain/model.js';
import type { Session } from '../../functions/modules/catalog/domain/session.js';
import { createVenue } from '../../functions/modules/catalog/domain/venues.js';
import { sessionSummaryOf } from '../../functions/modules/nightly/domain/nightly-model.js';
import { sessionOutcomeOf } from '../../functions/modules/nightly/domain/session-outcomes.js';
import { createOrganization } from '../../functions/modules/organizations/domain/organizations.js';
import { createAttendee } from '../../functions/modules/people/domain/attendees.js';
import { mulberry32, type Prng } from '../soak/prng.js';
import { batchWriter } from './batch-writer.js';

/**
 * The generated tenant of the nightly bench: a few organizations of different sizes (one holds
 * 60% of the sessions), each with venues of four rooms, published free events and attendees,
 * made through the use cases (createOrganization, createVenue, createEvent, changeEventStatus,
 * createAttendee) as an organizer would. Their sessions, counters, room slots and bookings are
 * written directly with BatchWriteItem, each item built by its entity from the same domain objects
 * and the same adapter functions the product writes them with (`toSessionItem`, `freshCounter`,
 * `slotOf`, `toBookingItem`, the booking's step record as `stepRecords` writes it), so they read
 * back exactly as the product's own. Per organization:
 *
 * - 80% of the sessions have ended, spread over the two years before the night (the history the
 *   forecast model trains on), 12% start within the forecast horizon (the next 29 days), 8%
 *   between one month and one year ahead;
 * - bookings: confirmed bookings of 1 to 4 places, 1 to 3 on 20% of the ended sessions, 1 to 5
 *   on 50% of the near ones, 1 to 3 on 10% of the far ones, made 1 to 30 days before an ended
 *   session started, and within the 6 days before the night for an upcoming one (so the night's
 *   audit count finds the day's steps); and about 1 session in 2,000 (at least 2 per
 *   organization) with 150 to 250 bookings;
 * - a counter for each session that agrees with its bookings (one counter item per session: no
 *   shard, as a session is created), and a room slot; each room's schedule version counts its
 *   sessions;
 * - disjoint sets of upcoming sessions set aside for the counter drifts planted before each night
 *   (drift.ts), about 1 session in 2,000 each;
 * - unless the first night is to record them, the outcome of every session ended by the night
 *   before (the history every night after the first trains on), computed by the nightly module's
 *   `sessionOutcomeOf` and stored as the night stores it.
 *
 * Not written: delivered notifications (the outbox, which the nightly run does not read),
 * waitlists and door scans (it reads them for an ended session's outcome and finds none: no
 * no-show data, hence no overbooking).
 */

const dayMs = 86_400_000;
const hourMs = 3_600_000;
const minuteMs = 60_000;

/** Shares of the sessions by organization. */
export const orgShares = [0.6, 0.2, 0.1, 0.06, 0.04] as const;
const roomsPerVenue = 4;
const eventsPerVenue = 5;
const attendeesPerOrg = 40;
const timezones = [
  'Europe/Berlin',
  'Europe/London',
  'America/New_York',
  'Asia/Kolkata',
  'Australia/Sydney',
  'America/Sao_Paulo',
];

export type SessionKind = 'ended' | 'soon' | 'far';

/** Where the sessions of a kind start, relative to the night's clock `base`. */
const windows: Record<
  SessionKind,
  { from: number; to: number; share: number; booked: number; bookings: [number, number] }
> = {
  ended: { from: -730 * dayMs, to: -3 * hourMs, share: 0.8, booked: 0.2, bookings: [1, 3] },
  soon: { from: 2 * hourMs, to: 29 * dayMs, share: 0.12, booked: 0.5, bookings: [1, 5] },
  far: { from: 31 * dayMs, to: 365 * dayMs, share: 0.08, booked: 0.1, bookings: [1, 3] },
};

export interface DriftTarget {
  session: Session;
  event: Event;
}

export interface SeededOrg {
  orgId: string;
  name: string;
  sessions: number;
  byKind: Record<SessionKind, number>;
  bookings: number;
  sessionsWithManyBookings: number;
  attendeeIds: string[];
  /** Disjoint sets of upcoming sessions, one per night a drift is planted for (drift.ts). */
  driftSets: DriftTarget[][];
}

export interface Tenant {
  owner: Principal;
  orgs: SeededOrg[];
  sessions: number;
  bookings: number;
  items: number;
  seconds: number;
}

export interface SeedOptions {
  sessions: number;
  /** The clock of the measured night: sessions end before it or start after it. */
  base: Date;
  /** How many disjoint drift sets to set aside. */
  driftSets: number;
  /**
   * Record the outcome of every session ended by then, as a night at this clock would (see
   * `outcomeItem`); absent: none is recorded, the first night records them.
   */
  outcomesAt?: Date;
  seed?: number;
  log: (line: string) => void;
}

/** Splits `total` sessions over the organizations by `orgShares` (the largest takes the rest). */
export const orgSizes = (total: number): number[] => {
  const sizes = orgShares.map((s) => Math.floor(total * s));
  sizes[0] = (sizes[0] ?? 0) + total - sizes.reduce((a, b) => a + b, 0);
  return sizes;
};

const iso = (ms: number) => new Date(ms).toISOString();

interface Catalog {
  venues: Venue[];
  /** Events of each venue, published. */
  events: Map<string, Event[]>;
  attendeeIds: string[];
}

const buildCatalog = async (
  deps: Deps,
  owner: Principal,
  orgId: string,
  sessions: number,
  rng: Prng,
): Promise<Catalog> => {
  const venueCount = Math.min(6, Math.max(1, Math.ceil(sessions / 8_000)));
  const venues: Venue[] = [];
  const events = new Map<string, Event[]>();
  for (let v = 0; v < venueCount; v += 1) {
    const venue = await createVenue(deps, owner, orgId, {
      name: `Venue ${v + 1}`,
      address: `${10 + v} Harbour Road`,
      city: 'Springfield',
      timezone: timezones[v % timezones.length] as string,
      rooms: Array.from({ length: roomsPerVenue }, (_, r) => ({ name: `Room ${r + 1}`, capacity: 1_000 })),
    });
    venues.push(venue);
    const own: Event[] = [];
    for (let e = 0; e < eventsPerVenue; e += 1) {
      const created = await createEvent(deps, owner, orgId, {
        venueId: venue.venueId,
        title: `Series ${v + 1}.${e + 1}`,
        description: '',
        defaultDurationMinutes: 120,
        defaultCapacity: 100,
        visibility: 'public',
        admission: 'open',
        price: { kind: 'free' },
        tags: [],
        coverImageUrls: [],
        // One event per organization allows overbooking: without door scans it adds nothing.
        settings: v === 0 && e === 0 ? { overbookingPercent: 10 } : {},
      });
      own.push(await changeEventStatus(deps, owner, orgId, created.eventId, 'published'));
    }
    events.set(venue.venueId, own);
  }
  const attendeeIds: string[] = [];
  for (let a = 0; a < attendeesPerOrg; a += 1) {
    const attendee = await createAttendee(deps, owner, orgId, {
      firstName: `Guest${a + 1}`,
      lastName: rng.pick(['Ng', 'Okafor', 'Silva', 'Novak', 'Haddad', 'Larsen']),
      email: `guest${a + 1}@${orgId}.example.com`,
    });
    attendeeIds.push(attendee.attendeeId);
  }
  return { venues, events, attendeeIds };
};

type Put = (item: Record<string, unknown>) => Promise<void>;

/** The stored form of an item, as the entity writes it (keys, index keys, entity fields). */
const stored = (params: { Item?: Record<string, unknown> }): Record<string, unknown> => {
  if (!params.Item) throw new Error('the entity built no item');
  return params.Item;
};

interface SessionPlan {
  session: Session;
  event: Event;
  kind: SessionKind;
  /** Bookings to give it (0: none). */
  bookings: number;
}

/** Confirmed bookings of a free event, as `book` makes them (staff booking for an attendee). */
const bookingsOf = (plan: SessionPlan, base: number, owner: Principal, attendees: string[], rng: Prng) => {
  const { session } = plan;
  const start = Date.parse(session.startsAt);
  const made: Booking[] = [];
  let left = session.capacity;
  for (let i = 0; i < plan.bookings && left > 0; i += 1) {
    const seats = Math.min(left, rng.int(1, 4));
    left -= seats;
    const latest = Math.min(start, base) - 10 * minuteMs;
    const earliest = plan.kind === 'ended' ? start - 30 * dayMs : base - 6 * dayMs;
    const from = Math.max(earliest, Date.parse(session.createdAt) + minuteMs);
    const at = iso(from + Math.floor(rng.next() * Math.max(0, latest - from)));
    made.push({
      orgId: session.orgId,
      sessionId: session.sessionId,
      eventId: session.eventId,
      bookingId: newId('bkg'),
      attendeeId: rng.pick(attendees),
      partyId: null,
      seats,
      seatLabels: [],
      tickets: [],
      discount: null,
      status: 'confirmed',
      paymentStatus: 'none',
      holdExpiresAt: null,
      bookedBy: owner.sub,
      userId: null,
      waitlistEntryId: null,
      createdAt: at,
      updatedAt: at,
    });
  }
  return made;
};

/** The items of one session: itself, its counter (its bookings' places taken), its slot, its bookings. */
const writeSession = async (
  service: EventlyService,
  put: Put,
  plan: SessionPlan,
  bookings: readonly Booking[],
): Promise<number> => {
  const { session: s, event } = plan;
  const e = service.entities;
  await put(stored(e.session.put(toSessionItem(s)).params()));
  const counter = freshCounter(s, event.updatedAt);
  const places = bookings.reduce((n, b) => n + b.seats, 0);
  // Each booking's take moved the counter once (counterTake: a version per change).
  await put(
    stored(
      e.sessionCounter
        .put({
          ...counter,
          available: counter.available - places,
          confirmed: places,
          version: bookings.length,
        })
        .params(),
    ),
  );
  await put(stored(e.roomSlot.put(slotOf(s)).params()));
  for (const b of bookings) {
    await put(stored(e.booking.put(toBookingItem(b)).params()));
    // The step record of a new booking, as stepRecords writes it: from nothing, reason `booked`.
    await put(stepAuditRecord(b, null, b.bookedBy, 'booked'));
  }
  return 3 + 2 * bookings.length;
};

/**
 * The outcome the night at `at` records for an ended session: computed by the nightly module's
 * own `sessionOutcomeOf` from the session's bookings (no waitlist, no door scans), as read through
 * the ports, here answered from the bookings just written, and stored as `putOutcome` stores it.
 */
const outcomeItem = async (
  deps: Deps,
  service: EventlyService,
  { session: s }: SessionPlan,
  bookings: Booking[],
  at: Date,
): Promise<Record<string, unknown>> => {
  const ports = {
    bookings: { ...deps.bookings, listBySession: async () => ({ items: bookings, nextCursor: null }) },
    waitlist: { ...deps.waitlist, listBySession: async () => ({ items: [], nextCursor: null }) },
    admissionReads: { ...deps.admissionReads, sessionAdmissions: async () => [] },
  };
  const outcome = await sessionOutcomeOf(ports, s.orgId, sessionSummaryOf(s));
  return stored(
    service.entities.sessionOutcome
      .put({
        orgId: s.orgId,
        sessionId: s.sessionId,
        outcome: JSON.stringify(outcome),
        recordedAt: at.toISOString(),
      })
      .params(),
  );
};

interface Room {
  venue: Venue;
  roomId: string;
  events: Event[];
  sessions: number;
}

/**
 * The sessions of one kind, spread evenly over the rooms and over the kind's window: in each room
 * one after another, never overlapping (at most two hours each).
 */
function* sessionsOfKind(
  orgId: string,
  kind: SessionKind,
  count: number,
  rooms: Room[],
  base: number,
  catalogAt: number,
  rng: Prng,
): Generator<{ session: Session; event: Event }> {
  const w = windows[kind];
  const perRoom = Math.ceil(count / rooms.length);
  const spacing = (w.to - w.from) / perRoom;
  const duration = Math.max(
    15 * minuteMs,
    Math.min(2 * hourMs, Math.floor((spacing * 0.8) / (15 * minuteMs)) * 15 * minuteMs),
  );
  for (let i = 0; i < count; i += 1) {
    const room = rooms[i % rooms.length] as Room;
    const j = Math.floor(i / rooms.length);
    const start = Math.floor((base + w.from + j * spacing + (spacing - duration) / 2) / minuteMs) * minuteMs;
    const event = room.events[j % room.events.length] as Event;
    // Scheduled some weeks ahead of its start, after its event was published.
    const created = Math.max(
      Date.parse(event.updatedAt) + minuteMs,
      Math.min(start, base - 2 * dayMs) - 30 * dayMs,
    );
    room.sessions += 1;
    yield {
      event,
      session: {
        orgId,
        sessionId: newId('ses'),
        eventId: event.eventId,
        venueId: room.venue.venueId,
        roomId: room.roomId,
        seriesId: null,
        registrationDeadline: null,
        startsAt: iso(start),
        endsAt: iso(start + duration),
        timezone: room.venue.timezone,
        capacity: rng.int(2, 20) * 10,
        overbooked: 0,
        seating: { mode: 'general' },
        status: 'scheduled',
        cancellation: null,
        deleting: false,
        createdAt: iso(Math.max(created, catalogAt)),
        updatedAt: iso(Math.max(created, catalogAt)),
      },
    };
  }
}

export const seedTenant = async (
  deps: Deps,
  table: string,
  endpoint: string,
  options: SeedOptions,
): Promise<Tenant> => {
  const started = performance.now();
  const rng = mulberry32(options.seed ?? 20_260_101);
  const base = options.base.getTime();
  const catalogAt = base - 800 * dayMs;
  const atCatalog: Deps = { ...deps, clock: { now: () => new Date(catalogAt) } };
  const owner: Principal = { sub: 'bench-owner', email: 'owner@nightly-bench.example.com', name: 'Owner' };
  const client = createDocumentClient({ region: 'us-east-1', endpoint });
  const service = createService(client, table);
  const writer = batchWriter(client, table);
  const put: Put = (item) => writer.put(item);
  const orgs: SeededOrg[] = [];
  let items = 0;

  for (const [o, size] of orgSizes(options.sessions).entries()) {
    const name = `Nightly bench org ${o + 1}`;
    const org = await createOrganization(atCatalog, owner, { name });
    const catalog = await buildCatalog(atCatalog, owner, org.orgId, size, rng);
    const rooms: Room[] = catalog.venues.flatMap((venue) =>
      venue.rooms.map((r) => ({
        venue,
        roomId: r.roomId,
        events: catalog.events.get(venue.venueId) ?? [],
        sessions: 0,
      })),
    );
    const byKind: Record<SessionKind, number> = {
      ended: Math.round(size * windows.ended.share),
      soon: Math.round(size * windows.soon.share),
      far: 0,
    };
    byKind.far = size - byKind.ended - byKind.soon;
    const many = Math.max(2, Math.round(size / 2_000));
    const driftSize = Math.max(1, Math.round(size / 2_000));
    const driftSets: DriftTarget[][] = Array.from({ length: options.driftSets }, () => []);
    let bookings = 0;
    let withMany = 0;
    for (const kind of ['ended', 'soon', 'far'] as const) {
      const count = byKind[kind];
      // Half the sessions with many bookings have ended, half are near.
      const manyHere = kind === 'far' ? 0 : kind === 'ended' ? Math.ceil(many / 2) : Math.floor(many / 2);
      const every = manyHere > 0 ? Math.max(1, Math.floor(count / manyHere)) : 0;
      let i = 0;
      for (const { session, event } of sessionsOfKind(org.orgId, kind, count, rooms, base, catalogAt, rng)) {
        const isMany = every > 0 && i % every === every - 1 && i < every * manyHere;
        i += 1;
        if (isMany) session.capacity = 1_000;
        const plan: SessionPlan = {
          session,
          event,
          kind,
          bookings: isMany
            ? rng.int(150, 250)
            : rng.next() < windows[kind].booked
              ? rng.int(...windows[kind].bookings)
              : 0,
        };
        const made = bookingsOf(plan, base, owner, catalog.attendeeIds, rng);
        bookings += made.length;
        if (isMany) withMany += 1;
        items += await writeSession(service, put, plan, made);
        if (options.outcomesAt && Date.parse(session.endsAt) <= options.outcomesAt.getTime()) {
          await put(await outcomeItem(deps, service, plan, made, options.outcomesAt));
          items += 1;
        }
        const free = session.capacity - made.reduce((n, b) => n + b.seats, 0);
        const open = driftSets.find((set) => set.length < driftSize);
        if (kind !== 'ended' && !isMany && free >= 5 && open) open.push({ session, event });
      }
      options.log(`  ${name}: ${count} ${kind} sessions written`);
    }
    for (const room of rooms) {
      await put(
        stored(
          service.entities.roomVersion
            .put({
              orgId: org.orgId,
              venueId: room.venue.venueId,
              roomId: room.roomId,
              version: room.sessions,
            })
            .params(),
        ),
      );
      items += 1;
    }
    orgs.push({
      orgId: org.orgId,
      name,
      sessions: size,
      byKind,
      bookings,
      sessionsWithManyBookings: withMany,
      attendeeIds: catalog.attendeeIds,
      driftSets,
    });
  }
  await writer.flush();
  client.destroy();
  return {
    owner,
    orgs,
    sessions: options.sessions,
    bookings: orgs.reduce((n, o) => n + o.bookings, 0),
    items,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
};
