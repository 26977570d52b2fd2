import { describe, expect, it, vi } from 'vitest';
import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import { createService } from '../../functions/kernel/dynamo/service.js';
import { oneAuditRecordOf } from '../support/audit-records.js';
import { type ApiResponse, useLocalRuntime } from '../support/local-runtime.js';
import { publishedSession, type SessionWorld } from './http-world.js';

/**
 * Join requests of an event that admits by approval, over HTTP against the local runtime: a
 * request approved (its places reserved by a held booking), paid through the local Stripe
 * stand-in and so booked; a request declined; a free event's reservation confirmed by its
 * attendee; and a reservation lapsing on its hold's schedule, its place going to the request
 * that waits in the session's line.
 *
 * The API takes `requestHoldMinutes` in whole minutes; to keep the wait to seconds the lapse test
 * sets the stored event's setting to a fraction of a minute in the table, as the hold-expiry tests do.
 */

const rt = useLocalRuntime();

interface Request {
  requestId: string;
  status: string;
  bookingId: string | null;
  waitlistEntryId: string | null;
  holdExpiresAt: string | null;
  hostMessage: string | null;
}
interface Booking {
  bookingId: string;
  status: string;
  paymentStatus: string;
  holdExpiresAt: string | null;
}

const ok = <T>(res: ApiResponse<T>, status: number): T => {
  expect(res.status, res.text).toBe(status);
  return res.json;
};

const attendeeOf = async (orgId: string, sub: string) => {
  const token = await rt.mintToken({ sub, email: `${sub}@requests.example`, name: sub });
  const me = ok(
    await rt.call<{ attendeeId: string }>('POST', `/v1/orgs/${orgId}/me`, {
      token,
      body: { firstName: sub, lastName: 'Guest' },
    }),
    200,
  );
  return { token, attendeeId: me.attendeeId };
};

const approvalWorld = async (owner: string, event: Record<string, unknown>) => {
  const token = await rt.mintToken({ sub: owner, email: `${owner}@requests.example` });
  const w = await publishedSession(rt, token, {
    orgName: owner,
    event: { title: 'By approval', admission: 'approval', ...event },
    session: { startsAt: '2027-06-01T19:00' },
  });
  const session = `/v1/orgs/${w.orgId}/sessions/${w.sessionId}`;
  const ask = async (who: { token: string }, partySize = 1) =>
    ok(await rt.call<Request>('POST', `${session}/requests`, { token: who.token, body: { partySize } }), 201);
  const decide = (requestId: string, how: 'approve' | 'decline', message?: string) =>
    rt.call<Request>('POST', `${session}/requests/${requestId}/${how}`, {
      token,
      body: { message: message ?? '' },
    });
  const read = async (who: { token: string }, requestId: string) =>
    ok(await rt.call<Request>('GET', `${session}/requests/${requestId}`, { token: who.token }), 200);
  const booking = async (who: { token: string }, bookingId: string) =>
    ok(await rt.call<Booking>('GET', `${session}/bookings/${bookingId}`, { token: who.token }), 200);
  return { w, token, session, ask, decide, read, booking };
};

/** Sets the stored event's `requestHoldMinutes` to seconds' worth (the API takes whole minutes). */
const setRequestHoldSeconds = async (w: SessionWorld, seconds: number) => {
  const client = createDocumentClient({ region: 'us-east-1', endpoint: rt.runtime.dynamoEndpoint });
  try {
    await createService(client, rt.runtime.tableName)
      .entities.event.patch({ orgId: w.orgId, eventId: w.eventId })
      .data(({ settings }, { set }) => set(settings.requestHoldMinutes, seconds / 60))
      .go();
  } finally {
    client.destroy();
  }
};

describe('join requests of a priced event', () => {
  it('are approved (places reserved), paid and so booked; declined with a message', async () => {
    const x = await approvalWorld('jr-priced', {
      defaultCapacity: 5,
      price: { kind: 'paid', amountMinor: 2500, currency: 'EUR' },
    });
    const ada = await attendeeOf(x.w.orgId, 'jr-ada');
    const bea = await attendeeOf(x.w.orgId, 'jr-bea');

    // Booking directly is refused: the event admits by approval.
    const direct = await rt.call<{ code: string }>('POST', `${x.session}/bookings`, {
      token: ada.token,
      body: { attendeeId: ada.attendeeId },
    });
    expect(direct.status, direct.text).toBe(403);
    expect(direct.json.code).toBe('APPROVAL_REQUIRED');

    const asked = await x.ask(ada, 2);
    expect(asked.status).toBe('pending');
    // One open request per attendee and session.
    expect(
      (await rt.call('POST', `${x.session}/requests`, { token: ada.token, body: { partySize: 1 } })).status,
    ).toBe(409);
    const beas = await x.ask(bea);

    const approval = await x.decide(asked.requestId, 'approve', 'Welcome!');
    const approved = ok(approval, 200);
    expect(approved).toMatchObject({ status: 'reserved', hostMessage: 'Welcome!' });
    // The reservation's booking step is the approval's one audit record.
    expect(await oneAuditRecordOf(rt, approval, 'jr-priced')).toMatchObject({ targetType: 'booking' });
    // Approving again answers the same reservation.
    expect(ok(await x.decide(asked.requestId, 'approve'), 200).bookingId).toBe(approved.bookingId);
    const held = await x.booking(ada, approved.bookingId as string);
    expect(held).toMatchObject({
      status: 'held',
      paymentStatus: 'pending',
      holdExpiresAt: approved.holdExpiresAt,
    });
    const availability = ok(
      await rt.call<{ available: number; held: number }>('GET', `${x.session}/availability`, {
        token: x.token,
      }),
      200,
    );
    expect(availability).toMatchObject({ available: 3, held: 2 });

    const declined = ok(await x.decide(beas.requestId, 'decline', 'Sorry, members only'), 200);
    expect(declined).toMatchObject({ status: 'declined', hostMessage: 'Sorry, members only' });
    expect((await x.decide(beas.requestId, 'approve')).status).toBe(409);
    expect((await x.read(bea, beas.requestId)).status).toBe('declined');

    // Ada pays the held booking through the local Stripe stand-in: the booking is confirmed, the request booked.
    const start = ok(
      await rt.call<{ checkout: { providerOrderId: string } }>(
        'POST',
        `${x.session}/bookings/${approved.bookingId}/payment`,
        { token: ada.token, body: { provider: 'stripe' } },
      ),
      200,
    );
    rt.runtime.paymentProvider.pay('stripe', start.checkout.providerOrderId);
    await vi.waitFor(
      async () => expect((await x.booking(ada, approved.bookingId as string)).status).toBe('confirmed'),
      { timeout: 10_000, interval: 100 },
    );
    expect(await x.read(ada, asked.requestId)).toMatchObject({ status: 'booked' });
    const counts = ok(
      await rt.call<Record<string, number>>('GET', `${x.session}/requests/counts`, { token: x.token }),
      200,
    );
    expect(counts).toEqual({
      pending: 0,
      reserved: 0,
      waitlisted: 0,
      declined: 1,
      booked: 1,
      lapsed: 0,
      cancelled: 0,
    });
    const pending = ok(
      await rt.call<{ items: Request[] }>('GET', `${x.session}/requests?status=declined`, { token: x.token }),
      200,
    );
    expect(pending.items.map((r) => r.requestId)).toEqual([beas.requestId]);
    // The attendee was told of the reservation.
    await vi.waitFor(
      async () => {
        const { json } = await rt.call<{ items: { type: string; to: string }[] }>('GET', '/local/outbox');
        expect(
          json.items.filter((d) => d.type === 'request.reserved' && d.to === 'jr-ada@requests.example'),
        ).toHaveLength(1);
      },
      { timeout: 10_000, interval: 200 },
    );
  });
});

describe('join requests of a free event', () => {
  it('a reservation confirmed by its attendee books the request', async () => {
    const x = await approvalWorld('jr-free', { defaultCapacity: 3 });
    const ada = await attendeeOf(x.w.orgId, 'jr-free-ada');
    const asked = await x.ask(ada);
    const reserved = ok(await x.decide(asked.requestId, 'approve'), 200);
    // Even free, the reservation is held until its deadline (a day by default).
    const held = await x.booking(ada, reserved.bookingId as string);
    expect(held).toMatchObject({ status: 'held', paymentStatus: 'none' });
    expect(Date.parse(held.holdExpiresAt as string) - Date.now()).toBeGreaterThan(23 * 3_600_000);
    const confirmed = ok(
      await rt.call<Booking>('POST', `${x.session}/bookings/${reserved.bookingId}/confirm`, {
        token: ada.token,
      }),
      200,
    );
    expect(confirmed.status).toBe('confirmed');
    expect((await x.read(ada, asked.requestId)).status).toBe('booked');
  });

  it('are refused by the guest rules, naming the rule, until the attendee declares an admitted gender', async () => {
    const x = await approvalWorld('jr-rules', {
      defaultCapacity: 5,
      settings: { guestRules: { plusOnes: false, allowedGenders: ['female'] } },
    });
    const ada = await attendeeOf(x.w.orgId, 'jr-rules-ada');
    const ask = (partySize: number) =>
      rt.call<{ code: string; details: { rule: string } }>('POST', `${x.session}/requests`, {
        token: ada.token,
        body: { partySize },
      });
    const party = await ask(2);
    expect(party.status, party.text).toBe(422);
    expect(party.json).toMatchObject({ code: 'GUEST_RULE', details: { rule: 'plusOnes' } });
    const undeclared = await ask(1);
    expect(undeclared.status, undeclared.text).toBe(422);
    expect(undeclared.json).toMatchObject({ code: 'GUEST_RULE', details: { rule: 'allowedGenders' } });
    const declared = ok(
      await rt.call<{ gender: string }>('PATCH', `/v1/orgs/${x.w.orgId}/attendees/${ada.attendeeId}`, {
        token: x.token,
        body: { gender: 'female' },
      }),
      200,
    );
    expect(declared.gender).toBe('female');
    expect((await ask(1)).status).toBe(201);
  });

  it('a reservation lapses on its deadline and its place goes to the request waiting in line', async () => {
    const x = await approvalWorld('jr-lapse', { defaultCapacity: 1 });
    await setRequestHoldSeconds(x.w, 3);
    const ada = await attendeeOf(x.w.orgId, 'jr-lapse-ada');
    const bea = await attendeeOf(x.w.orgId, 'jr-lapse-bea');
    const adas = await x.ask(ada);
    const beas = await x.ask(bea);
    const reserved = ok(await x.decide(adas.requestId, 'approve'), 200);
    expect(reserved.status).toBe('reserved');
    // The one place is reserved: Bea's approved request waits in the session's line.
    const waiting = ok(await x.decide(beas.requestId, 'approve'), 200);
    expect(waiting.status).toBe('waitlisted');
    expect(waiting.waitlistEntryId).not.toBeNull();

    await vi.waitFor(async () => expect((await x.read(ada, adas.requestId)).status).toBe('lapsed'), {
      timeout: 15_000,
      interval: 200,
    });
    expect((await x.booking(ada, reserved.bookingId as string)).status).toBe('expired');
    // The freed place is offered to Bea's entry: a held booking she accepts.
    const org = `/v1/orgs/${x.w.orgId}`;
    let entry = { status: '', bookingId: null as string | null };
    await vi.waitFor(
      async () => {
        entry = ok(
          await rt.call<typeof entry>('GET', `${org}/waitlist/${waiting.waitlistEntryId}`, {
            token: bea.token,
          }),
          200,
        );
        expect(entry.status).toBe('offered');
      },
      { timeout: 15_000, interval: 200 },
    );
    const accepted = ok(
      await rt.call<{ status: string }>('POST', `${org}/waitlist/${waiting.waitlistEntryId}/accept`, {
        token: bea.token,
      }),
      200,
    );
    expect(accepted.status).toBe('accepted');
    expect((await x.booking(bea, entry.bookingId as string)).status).toBe('confirmed');
  });
});
