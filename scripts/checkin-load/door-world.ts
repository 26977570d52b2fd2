import {
  createAttendees,
  createOrganizer,
  createVenue,
  type Organizer,
} from '../booking-load/catalog-fixture.js';
import { runPool } from '../booking-load/pool.js';
import { type ApiResponse, api } from '../local/api-client.js';
import type { LocalRuntime } from '../local/runtime.js';

/**
 * What the check-in benchmark scans, made through the API as an organizer would: an organization
 * with a door member, a free published event whose one session starts in half an hour (its doors
 * are open), and confirmed bookings of ten places, each place one ticket with its static code.
 */

export interface IssuedTicket {
  ticketId: string;
  bookingId: string;
  attendeeId: string | null;
  code: string;
}

export interface DoorWorld {
  orgId: string;
  sessionId: string;
  /** The door member's identity, as their token names it. */
  door: { sub: string; token: string };
  /** Unscanned tickets, handed out by `take`. */
  take(count: number): IssuedTicket[];
}

const placesPerBooking = 10;

const expectStatus = <T>(res: ApiResponse<T>, status: number, step: string): T => {
  if (res.status !== status)
    throw new Error(`${step}: expected HTTP ${status}, got ${res.status} ${res.text}`);
  return res.json;
};

const doorMember = async (rt: LocalRuntime, { call, token, orgId }: Organizer) => {
  const sub = 'bench-door';
  const email = 'door@checkin-bench.example';
  const doorToken = await rt.mintToken({ sub, email, name: 'Door' });
  const invite = await call<{ token: string }>('POST', `/v1/orgs/${orgId}/invites`, {
    token,
    body: { email, role: 'door', expiresInHours: 1 },
  });
  const accepted = await call('POST', '/v1/invites/accept', {
    token: doorToken,
    body: { token: expectStatus(invite, 201, 'invite the door member').token },
  });
  if (accepted.status >= 300)
    throw new Error(`accept the door invite: HTTP ${accepted.status} ${accepted.text}`);
  return { sub, token: doorToken };
};

/** A published free event of the venue with one session starting in 30 minutes (doors open 60 before). */
const openSession = async ({ call, token, orgId }: Organizer, capacity: number) => {
  const venue = await createVenue({ call, token, orgId });
  const event = await call<{ eventId: string }>('POST', `/v1/orgs/${orgId}/events`, {
    token,
    body: {
      venueId: venue.venueId,
      title: 'Doors',
      defaultCapacity: capacity,
      settings: { maxSeatsPerBooking: placesPerBooking },
    },
  });
  const { eventId } = expectStatus(event, 201, 'create event');
  const startsAt = new Date(Date.now() + 30 * 60_000).toISOString();
  // Doors close when the session ends: four hours leave room for long runs.
  const endsAt = new Date(Date.now() + 270 * 60_000).toISOString();
  const created = await call<{ sessions: { sessionId: string }[] }>(
    'POST',
    `/v1/orgs/${orgId}/events/${eventId}/sessions`,
    { token, body: { startsAt, endsAt, roomId: venue.rooms[0]?.roomId } },
  );
  const sessionId = expectStatus(created, 201, 'create session').sessions[0]?.sessionId ?? '';
  const published = await call('POST', `/v1/orgs/${orgId}/events/${eventId}/status`, {
    token,
    body: { status: 'published' },
  });
  expectStatus(published, 200, 'publish event');
  return sessionId;
};

/** `tickets` tickets (rounded up to whole bookings of ten), 8 bookings in flight. */
export const buildDoorWorld = async (rt: LocalRuntime, tickets: number): Promise<DoorWorld> => {
  const ownerToken = await rt.mintToken({ sub: 'bench-owner', email: 'owner@checkin-bench.example' });
  const organizer = await createOrganizer(api(rt.url), ownerToken, 'Check-in bench');
  const { call, token, orgId } = organizer;
  const door = await doorMember(rt, organizer);
  const bookings = Math.ceil(tickets / placesPerBooking);
  const sessionId = await openSession(organizer, bookings * placesPerBooking);
  const attendees = await createAttendees(organizer, bookings, 'checkin-bench', 8);
  const issued = await runPool(bookings, 8, async (i) => {
    const booking = await call<{ bookingId: string; status: string }>(
      'POST',
      `/v1/orgs/${orgId}/sessions/${sessionId}/bookings`,
      { token, body: { attendeeId: attendees[i], seats: placesPerBooking } },
    );
    const { bookingId, status } = expectStatus(booking, 201, `book ${i}`);
    if (status !== 'confirmed') throw new Error(`booking ${i} is ${status}, not confirmed`);
    const listed = await call<{ items: IssuedTicket[] }>(
      'GET',
      `/v1/orgs/${orgId}/sessions/${sessionId}/bookings/${bookingId}/tickets`,
      { token },
    );
    return expectStatus(listed, 200, `tickets of booking ${i}`).items;
  });
  const unscanned = issued.flat();
  return {
    orgId,
    sessionId,
    door,
    take(count) {
      if (unscanned.length < count) throw new Error(`only ${unscanned.length} unscanned tickets left`);
      return unscanned.splice(0, count);
    },
  };
};
