import type { ApiCall, ApiResponse } from '../local/api-client.js';
import { runPool } from './pool.js';

/**
 * A bookable session built through the public API only (organization, venue, a published event,
 * one session, distinct attendees): what the booking benchmark and the concurrency tests book
 * against, so both meet exactly the rules a client meets.
 */

export interface Organizer {
  call: ApiCall;
  /** An owner of `orgId`. */
  token: string;
  orgId: string;
}

export interface BookableSession {
  eventId: string;
  sessionId: string;
}

export type SessionLayout = { capacity: number } | { seatMap: { rows: { name: string; seats: number }[] } };

/** Free (the default) or priced: a priced event's bookings are held until paid or expired. */
export type EventPrice = { kind: 'free' } | { kind: 'paid'; amountMinor: number; currency: string };

const expectStatus = <T>(res: ApiResponse<T>, status: number, step: string): T => {
  if (res.status !== status)
    throw new Error(`${step}: expected HTTP ${status}, got ${res.status} ${res.text}`);
  return res.json;
};

export const createOrganizer = async (call: ApiCall, token: string, name: string): Promise<Organizer> => {
  const org = expectStatus(
    await call<{ orgId: string }>('POST', '/v1/orgs', { token, body: { name } }),
    201,
    'create organization',
  );
  return { call, token, orgId: org.orgId };
};

/** A venue with one room without a capacity (sessions of any size fit), in UTC. */
export const createVenue = async ({ call, token, orgId }: Organizer, name = 'Hall') =>
  expectStatus(
    await call<{ venueId: string; rooms: { roomId: string }[] }>('POST', `/v1/orgs/${orgId}/venues`, {
      token,
      body: { name, address: '1 Main St', city: 'Berlin', timezone: 'UTC', rooms: [{ name: 'Main' }] },
    }),
    201,
    'create venue',
  );

const createEventAtVenue = async (organizer: Organizer, price: EventPrice, settings: EventSettingsInput) => {
  const { call, token, orgId } = organizer;
  const venue = await createVenue(organizer);
  const event = expectStatus(
    await call<{ eventId: string }>('POST', `/v1/orgs/${orgId}/events`, {
      token,
      body: { venueId: venue.venueId, title: 'Load', defaultCapacity: 100, price, settings },
    }),
    201,
    'create event',
  );
  return { eventId: event.eventId, roomId: venue.rooms[0]!.roomId };
};

let nextStart = Date.UTC(2030, 0, 1);

/** Event settings a load sets (the rest are the defaults), e.g. `bookingsPerAttendee` for one booker booking again and again. */
export type EventSettingsInput = Partial<{ bookingsPerAttendee: number }>;

/** A published event with one session laid out as asked (each session gets an hour of its own). */
export const createBookableSession = async (
  organizer: Organizer,
  layout: SessionLayout,
  price: EventPrice = { kind: 'free' },
  settings: EventSettingsInput = {},
): Promise<BookableSession> => {
  const { call, token, orgId } = organizer;
  const { eventId, roomId } = await createEventAtVenue(organizer, price, settings);
  const startsAt = new Date(nextStart).toISOString();
  nextStart += 3_600_000;
  const seating = 'seatMap' in layout ? { seatingMode: 'seated', seatMap: layout.seatMap } : layout;
  const { sessions } = expectStatus(
    await call<{ sessions: { sessionId: string }[] }>(
      'POST',
      `/v1/orgs/${orgId}/events/${eventId}/sessions`,
      {
        token,
        body: { startsAt, roomId, ...seating },
      },
    ),
    201,
    'create session',
  );
  expectStatus(
    await call('POST', `/v1/orgs/${orgId}/events/${eventId}/status`, {
      token,
      body: { status: 'published' },
    }),
    200,
    'publish event',
  );
  return { eventId, sessionId: sessions[0]!.sessionId };
};

/** Someone who books for themselves: their token and their own attendee in the organization. */
export interface SelfBooker {
  token: string;
  attendeeId: string;
}

/**
 * `count` signed-in users of the organization's public, each with the attendee record linked to
 * them (`POST /v1/orgs/{orgId}/me`), as a client creates it before its user books.
 */
export const createSelfBookers = (
  { call, orgId }: Organizer,
  mintToken: (claims: { sub: string; email: string; name: string }) => Promise<string>,
  count: number,
  prefix: string,
  concurrency = 16,
): Promise<SelfBooker[]> =>
  runPool(count, concurrency, async (i) => {
    const sub = `${prefix}-${i}`;
    const token = await mintToken({ sub, email: `${sub}@load.example`, name: `Load ${i}` });
    const res = await call<{ attendeeId: string }>('POST', `/v1/orgs/${orgId}/me`, {
      token,
      body: { firstName: 'Load', lastName: `Booker ${i}` },
    });
    return { token, attendeeId: expectStatus(res, 200, `create own attendee ${i}`).attendeeId };
  });

/** `count` distinct attendees (unique emails under `prefix`), created `concurrency` at a time. */
export const createAttendees = (
  { call, token, orgId }: Organizer,
  count: number,
  prefix: string,
  concurrency = 16,
): Promise<string[]> =>
  runPool(count, concurrency, async (i) => {
    const res = await call<{ attendeeId: string }>('POST', `/v1/orgs/${orgId}/attendees`, {
      token,
      body: { firstName: 'Load', lastName: `Attendee ${i}`, email: `${prefix}-${i}@load.example` },
    });
    return expectStatus(res, 201, `create attendee ${i}`).attendeeId;
  });
