import { describe, expect, it, vi } from 'vitest';
import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import { createService } from '../../functions/kernel/dynamo/service.js';
import { checkInvariants } from '../../scripts/invariants/check.js';
import { scanTable } from '../../scripts/invariants/scan.js';
import { oneAuditRecordOf } from '../support/audit-records.js';
import { type ApiResponse, type TestRuntime, useLocalRuntime } from '../support/local-runtime.js';

/**
 * The waitlist end to end over HTTP against the local runtime, under each policy: a full session
 * of two places, entries of party sizes 1, 2 and 1; a cancellation releases one place, which
 * reaches the offer engine through the outbox relay and the holds queue; the offer expires on its
 * schedule and the next offer follows; accepting confirms the held booking.
 *
 * The API takes offer periods in whole minutes. To keep the wait to seconds, the test sets the
 * stored event's `settings.offerMinutes` to a fraction of a minute directly in the table (as the
 * hold-expiry test does for holds); everything after that runs unchanged on the real clock.
 */

/** The offer left to lapse: long enough to see its hold first on a loaded machine. */
const OFFER_SECONDS = 8;
/** The offers a test answers: the answer must come before the offer lapses, however slow the run. */
const ANSWERED_OFFER_SECONDS = 60;

interface Entry {
  entryId: string;
  status: string;
  rank: number | null;
  partySize: number;
  skips: number;
  bookingId: string | null;
  expiresAt: string | null;
}

const ok = <T>(res: ApiResponse<T>, status: number): T => {
  expect(res.status, res.text).toBe(status);
  return res.json;
};

const setOfferSeconds = async (rt: TestRuntime, orgId: string, eventId: string, seconds: number) => {
  const client = createDocumentClient({ region: 'us-east-1', endpoint: rt.runtime.dynamoEndpoint });
  try {
    await createService(client, rt.runtime.tableName)
      .entities.event.patch({ orgId, eventId })
      .data(({ settings }, { set }) => set(settings.offerMinutes, seconds / 60))
      .go();
  } finally {
    client.destroy();
  }
};

/** A free event (offers on `policy`) with a two-place session, two bookings filling it, three people to wait. */
const fullSession = async (rt: TestRuntime, policy: 'fifo' | 'fit') => {
  const owner = `wl-${policy}`;
  const token = await rt.mintToken({ sub: owner, email: `${owner}@wait.example`, name: owner });
  const post = async <T>(path: string, body: unknown, status = 201) =>
    ok(await rt.call<T>('POST', path, { token, body }), status);
  const { orgId } = await post<{ orgId: string }>('/v1/orgs', { name: owner });
  const org = `/v1/orgs/${orgId}`;
  const venue = await post<{ venueId: string; rooms: { roomId: string }[] }>(`${org}/venues`, {
    name: 'Hall',
    address: 'Uferstraße 12',
    city: 'Berlin',
    timezone: 'Europe/Berlin',
    rooms: [{ name: 'Main', capacity: 50 }],
  });
  const { eventId } = await post<{ eventId: string }>(`${org}/events`, {
    venueId: venue.venueId,
    title: 'Full house',
    defaultCapacity: 2,
    settings: { waitlistPolicy: policy, offerCutoffMinutes: 0 },
  });
  const { sessions } = await post<{ sessions: { sessionId: string }[] }>(
    `${org}/events/${eventId}/sessions`,
    {
      startsAt: '2027-03-18T19:00',
      roomId: venue.rooms[0]?.roomId,
      capacity: 2,
    },
  );
  await post(`${org}/events/${eventId}/status`, { status: 'published' }, 200);
  await setOfferSeconds(rt, orgId, eventId, OFFER_SECONDS);
  const person = async (name: string) =>
    (
      await post<{ attendeeId: string }>(`${org}/attendees`, {
        firstName: name,
        lastName: policy,
        email: `${name.toLowerCase()}-${policy}@wait.example`,
      })
    ).attendeeId;
  const session = `${org}/sessions/${sessions[0]?.sessionId}`;
  const bookings = [];
  for (const name of ['Ann', 'Bob']) {
    bookings.push(
      await post<{ bookingId: string }>(`${session}/bookings`, { attendeeId: await person(name) }),
    );
  }
  /** Offers made from now on last long enough to be answered on a loaded machine. */
  const longerOffers = () => setOfferSeconds(rt, orgId, eventId, ANSWERED_OFFER_SECONDS);
  return { token, org, session, post, person, bookings, longerOffers };
};

describe.each(['fifo', 'fit'] as const)('waitlist offers under %s', (policy) => {
  const rt = useLocalRuntime();

  const entryOf = async (token: string, org: string, entryId: string) =>
    ok(await rt.call<Entry>('GET', `${org}/waitlist/${entryId}`, { token }), 200);

  const waitFor = async (token: string, org: string, entryId: string, status: string) => {
    await vi.waitFor(async () => expect((await entryOf(token, org, entryId)).status).toBe(status), {
      timeout: 20_000,
      interval: 100,
    });
    return entryOf(token, org, entryId);
  };

  it('offers the right entry on each release, moves on after an expiry, and confirms on accept', async () => {
    const w = await fullSession(rt, policy);
    const { token, org, session, post } = w;
    const one = await post<Entry>(`${session}/waitlist`, { attendeeId: await w.person('Cy'), partySize: 1 });
    const two = await post<Entry>(`${session}/waitlist`, { attendeeId: await w.person('Di'), partySize: 2 });
    // The third asks to book and is put on the waitlist instead (people wait already).
    const joined = await post<{ waitlistEntry: Entry }>(
      `${session}/bookings`,
      { attendeeId: await w.person('Ed'), seats: 1, joinWaitlistIfFull: true },
      202,
    );
    const three = joined.waitlistEntry;
    expect([one.rank, two.rank, three.rank]).toEqual([1, 2, 3]);

    // One place comes free: the head (one person) fits under either policy.
    await post(`${session}/bookings/${w.bookings[0]?.bookingId}/cancel`, undefined, 200);
    const offered = await waitFor(token, org, one.entryId, 'offered');
    expect(offered.expiresAt).not.toBeNull();
    // This offer lapses in seconds; the next ones are answered.
    await w.longerOffers();
    const hold = ok(
      await rt.call<{ status: string; waitlistEntryId: string }>(
        'GET',
        `${session}/bookings/${offered.bookingId}`,
        { token },
      ),
      200,
    );
    expect(hold).toMatchObject({ status: 'held', waitlistEntryId: one.entryId });
    expect((await entryOf(token, org, two.entryId)).status).toBe('waiting');
    expect((await entryOf(token, org, three.entryId)).status).toBe('waiting');

    // Nobody answers: the offer expires on its schedule and the place is released again.
    await waitFor(token, org, one.entryId, 'expired');
    let accepting: Entry;
    if (policy === 'fit') {
      // The party of two does not fit the one place: it is passed over once, the next is offered.
      accepting = await waitFor(token, org, three.entryId, 'offered');
      expect(await entryOf(token, org, two.entryId)).toMatchObject({ status: 'waiting', skips: 1, rank: 1 });
    } else {
      // Only the head may be offered, and it needs two places: nobody is offered.
      await new Promise((r) => setTimeout(r, 1500));
      expect((await entryOf(token, org, two.entryId)).status).toBe('waiting');
      expect((await entryOf(token, org, three.entryId)).status).toBe('waiting');
      await post(`${session}/bookings/${w.bookings[1]?.bookingId}/cancel`, undefined, 200);
      accepting = await waitFor(token, org, two.entryId, 'offered');
    }
    const acceptedRes = await rt.call<Entry>('POST', `${org}/waitlist/${accepting.entryId}/accept`, {
      token,
    });
    const accepted = ok(acceptedRes, 200);
    await oneAuditRecordOf(rt, acceptedRes, `wl-${policy}`);
    expect(accepted.status).toBe('accepted');
    const booking = ok(
      await rt.call<{ status: string }>('GET', `${session}/bookings/${accepting.bookingId}`, { token }),
      200,
    );
    expect(booking.status).toBe('confirmed');

    if (policy === 'fifo') {
      // Declining releases the places to the next in line.
      await post(`${session}/bookings/${accepting.bookingId}/cancel`, undefined, 200);
      await waitFor(token, org, three.entryId, 'offered');
      const declinedRes = await rt.call<Entry>('POST', `${org}/waitlist/${three.entryId}/decline`, { token });
      const declined = ok(declinedRes, 200);
      await oneAuditRecordOf(rt, declinedRes, `wl-${policy}`);
      expect(declined.status).toBe('declined');
    }

    // The offer notification went out through the outbox to the local delivery log.
    await vi.waitFor(
      async () => {
        const log = await rt.call<{ items: { type: string; to: string }[] }>('GET', '/local/outbox');
        expect(log.json.items).toContainEqual(
          expect.objectContaining({ type: 'waitlist.offered', to: `cy-${policy}@wait.example` }),
        );
      },
      { timeout: 15_000, interval: 200 },
    );

    const report = checkInvariants(
      await scanTable({ tableName: rt.runtime.tableName, endpoint: rt.runtime.dynamoEndpoint }),
    );
    expect(report.violations).toEqual([]);
  }, 60_000);
});
