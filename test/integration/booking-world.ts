import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Container } from '../../functions/app/container.js';
import type { Deps } from '../../functions/kernel/domain/deps.js';
import { DomainError } from '../../functions/kernel/domain/errors.js';
import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import type { Booking } from '../../functions/modules/bookings/domain/model.js';
import {
  type CreateEventInput,
  changeEventStatus,
  createEvent,
} from '../../functions/modules/catalog/domain/events.js';
import { createSessions } from '../../functions/modules/catalog/domain/sessions.js';
import { createAttendee, ensureMyAttendee } from '../../functions/modules/people/domain/attendees.js';
import { createParty } from '../../functions/modules/people/domain/parties.js';
import { eventInput, orgWith, venueIn } from './catalog-world.js';
import { user } from './fixtures.js';

/**
 * An organization ready for bookings: owner `boss`, a `staff` member `door`, attendees linked to
 * the users `ada` and `ben` (ben leads a party of three), a free and a priced published event.
 */

export const owner = user('boss');

/**
 * Event settings for tests that book the same few attendees again and again in one session, and
 * are about something else than the per-attendee limit (test/integration/holder-limit.test.ts).
 */
export const repeatBookings = { bookingsPerAttendee: 1000 } as const;
export const door = user('door');
export const ada = user('ada');
export const ben = user('ben');

/** The code and details of the domain error `p` rejects with (fails if it resolves). */
export const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    if (err instanceof DomainError) return { code: err.code, details: err.details };
    throw err;
  }
  throw new Error('expected a domain error');
};

/** A clock the test moves by hand. */
export const manualClock = (deps: Deps, start: Date) => {
  let now = start.getTime();
  deps.clock = { now: () => new Date(now) };
  return {
    set: (at: Date) => {
      now = at.getTime();
    },
    advanceMinutes: (m: number) => {
      now += m * 60_000;
    },
  };
};

/** Records scheduled and cancelled hold expiries while passing them on to the real adapter. */
export const recordSchedules = (deps: Deps) => {
  const scheduled: { bookingId: string; at: string }[] = [];
  const cancelled: string[] = [];
  const inner = deps.holdScheduler;
  deps.holdScheduler = {
    scheduleExpiry: async (e) => {
      scheduled.push({ bookingId: e.bookingId, at: e.at });
      await inner.scheduleExpiry(e);
    },
    scheduleReminder: (r) => inner.scheduleReminder(r),
    cancelExpiry: async (e) => {
      cancelled.push(e.bookingId);
      await inner.cancelExpiry(e);
    },
  };
  return { scheduled, cancelled };
};

/** A published event at the venue, free unless priced, titled `Night`, default capacity 5. */
export const publishedEventAt = async (
  c: Container,
  orgId: string,
  venueId: string,
  overrides: Partial<Pick<CreateEventInput, 'title' | 'price' | 'settings'>> = {},
) => {
  const e = await createEvent(c.deps, owner, orgId, eventInput(venueId, overrides));
  await changeEventStatus(c.deps, owner, orgId, e.eventId, 'published');
  return e.eventId;
};

export const bookingWorld = async (c: Container) => {
  const orgId = await orgWith(c, owner.sub, { [door.sub]: 'staff' });
  const venue = await venueIn(c, owner.sub, orgId);
  const roomId = venue.rooms[0]!.roomId;
  const adaAttendee = await ensureMyAttendee(c.deps, ada, orgId, { firstName: 'Ada', lastName: 'L' });
  const benAttendee = await ensureMyAttendee(c.deps, ben, orgId, { firstName: 'Ben', lastName: 'L' });
  const guest = await createAttendee(c.deps, owner, orgId, {
    firstName: 'Gil',
    lastName: 'G',
    email: 'gil@example.com',
  });
  const friend = await createAttendee(c.deps, owner, orgId, {
    firstName: 'Fay',
    lastName: 'F',
    email: 'fay@example.com',
  });
  const party = await createParty(c.deps, owner, orgId, {
    name: 'Bens',
    leaderId: benAttendee.attendeeId,
    memberIds: [guest.attendeeId, friend.attendeeId],
  });
  const publishedEvent = (
    price: { kind: 'free' } | { kind: 'paid'; amountMinor: number; currency: string },
  ) =>
    publishedEventAt(c, orgId, venue.venueId, {
      price,
      settings: { holdMinutes: 15, cancelCutoffMinutes: 60, ...repeatBookings },
    });
  const freeEventId = await publishedEvent({ kind: 'free' });
  const paidEventId = await publishedEvent({ kind: 'paid', amountMinor: 1500, currency: 'EUR' });
  let day = 0;
  /** A session on its own day (so none overlaps), starting at 19:00 venue time. */
  const session = async (eventId: string, seating: 'general' | 'seated', capacity = 5) => {
    day += 1;
    const startsAt = `2030-01-${String(day).padStart(2, '0')}T19:00`;
    const { sessions } = await createSessions(c.deps, owner, orgId, eventId, {
      startsAt,
      roomId,
      ...(seating === 'seated'
        ? {
            seatingMode: 'seated',
            seatMap: {
              rows: [
                { name: 'A', seats: 4 },
                { name: 'B', seats: 4 },
              ],
            },
          }
        : { capacity }),
    });
    return sessions[0]!;
  };
  return {
    orgId,
    freeEventId,
    paidEventId,
    session,
    ada: adaAttendee.attendeeId,
    ben: benAttendee.attendeeId,
    guest: guest.attendeeId,
    partyId: party.partyId,
  };
};

/** The counter equation of a session: capacity = available + held + confirmed, none negative. */
export const counterOf = async (c: Container, orgId: string, sessionId: string) => {
  const counter = await c.deps.sessions.getCounter(orgId, sessionId);
  if (!counter) throw new Error('no counter');
  return counter;
};

/**
 * The claims left on a session's counter (counter-claims.ts in the catalog): none once bookings are
 * done. Read with a plain query: a second ElectroDB service would take over the entities' client.
 */
export const claimsOf = async (c: { tableName: string }, orgId: string, sessionId: string) => {
  const client = createDocumentClient({ region: 'eu-west-1', endpoint: process.env.DYNAMODB_ENDPOINT });
  const { Items } = await client.send(
    new QueryCommand({
      TableName: c.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `${orgId}#session#${sessionId}#claims` },
      ConsistentRead: true,
    }),
  );
  return Items ?? [];
};

/**
 * What a general-admission booking cut off between its take and its transaction leaves: `seats`
 * taken as confirmed on the session's main counter and its claim made at `at`, no booking. Plain
 * writes, for the reason `claimsOf` gives.
 */
export const cutOffBooking = async (
  c: { tableName: string },
  orgId: string,
  sessionId: string,
  seats: number,
  at: Date,
) => {
  const client = createDocumentClient({ region: 'eu-west-1', endpoint: process.env.DYNAMODB_ENDPOINT });
  await client.send(
    new UpdateCommand({
      TableName: c.tableName,
      Key: { pk: `${orgId}#session#${sessionId}#counter`, sk: 'counter' },
      UpdateExpression: 'SET available = available - :n ADD confirmed :n, version :one',
      ExpressionAttributeValues: { ':n': seats, ':one': 1 },
    }),
  );
  const bookingId = `bkg_cut${String(at.getTime()).slice(-13).padStart(17, '0')}`;
  await client.send(
    new PutCommand({
      TableName: c.tableName,
      Item: {
        pk: `${orgId}#session#${sessionId}#claims`,
        sk: bookingId,
        orgId,
        sessionId,
        bookingId,
        at: at.toISOString(),
        __edb_e__: 'sessionClaim',
        __edb_v__: '1',
      },
    }),
  );
};

export const refOf = (b: Booking) => ({ orgId: b.orgId, sessionId: b.sessionId, bookingId: b.bookingId });

/** Settings under which a session of 20 places is split over 4 counter items (one per 5 places). */
export const shardedCounters = {
  SCHEDULER_MODE: 'local',
  COUNTER_PLACES_PER_SHARD: '5',
  COUNTER_MAX_SHARDS: '4',
} as const;
