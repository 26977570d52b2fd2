import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import { checkInvariants } from '../../scripts/invariants/check.js';
import { scanTable } from '../../scripts/invariants/scan.js';
import { useLocalRuntime } from '../support/local-runtime.js';

/**
 * Over HTTP against the local runtime (its jobs queue runs the cancellation steps): cancelling a
 * session or an event cancels the bookings and tells each attendee; a table session seats a party
 * at one table.
 */

const rt = useLocalRuntime();

interface SessionBody {
  status: string;
  cancellation: { reason: string; completedAt: string | null } | null;
  availability: { available: number; held: number; confirmed: number };
}
interface BookingBody {
  bookingId: string;
  status: string;
  seatLabels: string[];
  tables?: string[] | null;
  history?: { to: string; reason: string }[];
}

let owner: string;
let orgId: string;
let venueId: string;
let roomId: string;
let attendeeId: string;
let partyId: string;

const ok = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
  const res = await rt.call<T>(method, path, { token: owner, ...(body ? { body } : {}) });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
  return res.json;
};

const publishedEvent = async (title: string, price: Record<string, unknown>) => {
  const { eventId } = await ok<{ eventId: string }>('POST', `/v1/orgs/${orgId}/events`, {
    venueId,
    title,
    defaultCapacity: 6,
    price,
  });
  await ok('POST', `/v1/orgs/${orgId}/events/${eventId}/status`, { status: 'published' });
  return eventId;
};

const sessionOf = async (eventId: string, body: Record<string, unknown>) =>
  (
    await ok<{ sessions: { sessionId: string }[] }>('POST', `/v1/orgs/${orgId}/events/${eventId}/sessions`, {
      roomId,
      ...body,
    })
  ).sessions;

const bookingsOf = (sessionId: string) => `/v1/orgs/${orgId}/sessions/${sessionId}/bookings`;

/** The session once its cancellation has finished (the jobs queue runs in the background). */
const cancelledSession = async (sessionId: string): Promise<SessionBody> => {
  for (let i = 0; i < 100; i++) {
    const s = await ok<SessionBody>('GET', `/v1/orgs/${orgId}/sessions/${sessionId}`);
    if (s.cancellation?.completedAt) return s;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`session ${sessionId} did not finish cancelling`);
};

const notificationsOf = async (sessionId: string) => {
  const client = createDocumentClient({ region: 'us-east-1', endpoint: rt.runtime.dynamoEndpoint });
  const { Items = [] } = await client.send(
    new ScanCommand({
      TableName: rt.runtime.tableName,
      FilterExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `${orgId}#session#${sessionId}#outbox` },
    }),
  );
  return Items.filter((i) => i.kind === 'notification') as { type: string; recipientId: string }[];
};

const checkerViolations = async () =>
  (
    await checkInvariants(
      await scanTable({ tableName: rt.runtime.tableName, endpoint: rt.runtime.dynamoEndpoint }),
    )
  ).violations;

beforeAll(async () => {
  owner = await rt.mintToken({ sub: 'sc-owner', email: 'owner@sc.example', name: 'Owner' });
  orgId = (await ok<{ orgId: string }>('POST', '/v1/orgs', { name: 'Cancellations' })).orgId;
  const venue = await ok<{ venueId: string; rooms: { roomId: string }[] }>(
    'POST',
    `/v1/orgs/${orgId}/venues`,
    {
      name: 'Hall',
      address: 'Street 1',
      city: 'Berlin',
      timezone: 'Europe/Berlin',
      rooms: [{ name: 'Main' }],
    },
  );
  venueId = venue.venueId;
  roomId = venue.rooms[0]!.roomId;
  attendeeId = (
    await ok<{ attendeeId: string }>('POST', `/v1/orgs/${orgId}/attendees`, {
      firstName: 'Ada',
      lastName: 'L',
      email: 'ada@sc.example',
    })
  ).attendeeId;
  const friend = await ok<{ attendeeId: string }>('POST', `/v1/orgs/${orgId}/attendees`, {
    firstName: 'Fay',
    lastName: 'F',
    email: 'fay@sc.example',
  });
  partyId = (
    await ok<{ partyId: string }>('POST', `/v1/orgs/${orgId}/parties`, {
      name: 'Friends',
      leaderId: attendeeId,
      memberIds: [friend.attendeeId],
    })
  ).partyId;
});

describe('session and event cancellation over HTTP', () => {
  it('cancels a session: its held and confirmed bookings end cancelled and every attendee is told', async () => {
    const eventId = await publishedEvent('Paid night', { kind: 'paid', amountMinor: 900, currency: 'EUR' });
    const [session] = await sessionOf(eventId, {
      startsAt: '2031-06-01T19:00',
      seatingMode: 'seated',
      seatMap: { rows: [{ name: 'A', seats: 6 }] },
    });
    const sessionId = session!.sessionId;
    const held = await ok<BookingBody>('POST', bookingsOf(sessionId), { attendeeId, seats: 2 });
    const other = await ok<BookingBody>('POST', bookingsOf(sessionId), { partyId });
    await ok('POST', `${bookingsOf(sessionId)}/${other.bookingId}/confirm`);

    const cancel = await rt.call<SessionBody>('POST', `/v1/orgs/${orgId}/sessions/${sessionId}/cancel`, {
      token: owner,
      body: { reason: 'The orchestra is stuck abroad' },
    });
    expect(cancel.status, cancel.text).toBe(200);
    expect(cancel.json).toMatchObject({
      status: 'cancelled',
      cancellation: { reason: 'The orchestra is stuck abroad' },
    });

    const done = await cancelledSession(sessionId);
    expect(done.availability).toEqual({ capacity: 6, available: 6, held: 0, confirmed: 0 });
    for (const b of [held, other]) {
      const read = await ok<BookingBody>('GET', `${bookingsOf(sessionId)}/${b.bookingId}`);
      expect(read.status).toBe('cancelled');
      expect(read.history?.at(-1)).toMatchObject({ to: 'cancelled', reason: 'session cancelled' });
    }
    const notices = (await notificationsOf(sessionId)).filter((n) => n.type === 'session.cancelled');
    expect(notices.map((n) => n.recipientId).sort()).toEqual([attendeeId, partyId].sort());

    // Retried: answered as it is. A cancelled session takes no bookings and no changes.
    const again = await rt.call<SessionBody>('POST', `/v1/orgs/${orgId}/sessions/${sessionId}/cancel`, {
      token: owner,
      body: { reason: 'Another reason' },
    });
    expect(again.status).toBe(200);
    expect(again.json.cancellation?.reason).toBe('The orchestra is stuck abroad');
    const refused = await rt.call<{ code: string; detail: string }>('POST', bookingsOf(sessionId), {
      token: owner,
      body: { attendeeId },
    });
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe('NOT_BOOKABLE');
    expect(refused.json.detail).toContain('cancelled');
    const edit = await rt.call('PATCH', `/v1/orgs/${orgId}/sessions/${sessionId}`, {
      token: owner,
      body: { startsAt: '2031-06-02T19:00' },
    });
    expect(edit.status).toBe(409);
    const list = await ok<{ items: { sessionId: string; status: string }[] }>(
      'GET',
      `/v1/orgs/${orgId}/events/${eventId}/sessions`,
    );
    expect(list.items.find((s) => s.sessionId === sessionId)?.status).toBe('cancelled');
    expect(await checkerViolations()).toEqual([]);
  });

  it('cancelling an event cancels all its sessions and their bookings', async () => {
    const eventId = await publishedEvent('Series', { kind: 'free' });
    const sessions = await sessionOf(eventId, {
      startsAt: '2031-07-01T19:00',
      capacity: 6,
      recurrence: { frequency: 'daily', count: 3 },
    });
    const booked = await ok<BookingBody>('POST', bookingsOf(sessions[2]!.sessionId), {
      attendeeId,
      seats: 3,
    });
    await ok('POST', `/v1/orgs/${orgId}/events/${eventId}/status`, { status: 'cancelled' });
    for (const s of sessions) {
      const done = await cancelledSession(s.sessionId);
      expect(done).toMatchObject({ status: 'cancelled', cancellation: { reason: 'event cancelled' } });
      expect(done.availability.available).toBe(6);
    }
    const read = await ok<BookingBody>('GET', `${bookingsOf(sessions[2]!.sessionId)}/${booked.bookingId}`);
    expect(read.status).toBe('cancelled');
    const notices = await notificationsOf(sessions[2]!.sessionId);
    expect(notices.filter((n) => n.type === 'session.cancelled')).toHaveLength(1);
    expect(await checkerViolations()).toEqual([]);
  });

  it('seats a party at one table of a table session and shows the table', async () => {
    const eventId = await publishedEvent('Gala dinner', { kind: 'free' });
    const [session] = await sessionOf(eventId, {
      startsAt: '2031-08-01T19:00',
      seatingMode: 'tables',
      tables: [
        { name: 'Table 1', capacity: 1 },
        { name: 'Table 2', capacity: 3 },
        { name: 'Table 3', capacity: 2 },
      ],
    });
    const sessionId = session!.sessionId;
    const party = await ok<BookingBody>('POST', bookingsOf(sessionId), { partyId });
    expect(party.seatLabels).toEqual(['Table 2-1', 'Table 2-2']);
    const read = await ok<BookingBody>('GET', `${bookingsOf(sessionId)}/${party.bookingId}`);
    expect(read.tables).toEqual(['Table 2']);
    const availability = await ok<{ tables: { name: string; free: number }[] }>(
      'GET',
      `/v1/orgs/${orgId}/sessions/${sessionId}/availability`,
    );
    expect(availability.tables.map((t) => [t.name, t.free])).toEqual([
      ['Table 1', 1],
      ['Table 2', 1],
      ['Table 3', 2],
    ]);
    expect(await checkerViolations()).toEqual([]);
  });
});
