import { describe, expect, it } from 'vitest';
import { type ApiResponse, useLocalRuntime } from '../support/local-runtime.js';
import { berlinIn, publishedSession } from './http-world.js';

/**
 * The door work of an event opened to its team over HTTP: a viewer of the organization placed on
 * event A as a volunteer (`manage_attendees`) scans tickets of A's session, asks for a one-time
 * code, downloads and uploads its offline scans and reads who came; the same on event B's session
 * is refused and changes nothing; routes of the whole organization keep the role alone; taken off
 * the team, the viewer is refused again.
 */

const rt = useLocalRuntime();

const ok = <T>(res: ApiResponse<T>, status = 200): T => {
  expect(res.status, res.text).toBe(status);
  return res.json;
};

interface Ticket {
  ticketId: string;
  code: string;
}

describe('an event team at the door', () => {
  it("opens the scans and admissions of the team's event alone", async () => {
    const owner = await rt.mintToken({ sub: 'tc-owner', email: 'owner@tc.example' });
    const a = await publishedSession(rt, owner, {
      orgName: 'Team door',
      event: { title: 'Event A', defaultCapacity: 20 },
      session: { startsAt: berlinIn(30) },
    });
    const { orgId } = a;
    const org = `/v1/orgs/${orgId}`;
    const { eventId: bEventId } = ok(
      await rt.call<{ eventId: string }>('POST', `${org}/events`, {
        token: owner,
        body: { venueId: a.venueId, title: 'Event B', defaultCapacity: 20 },
      }),
      201,
    );
    ok(
      await rt.call('POST', `${org}/events/${bEventId}/status`, {
        token: owner,
        body: { status: 'published' },
      }),
    );
    const { sessions } = ok(
      await rt.call<{ sessions: { sessionId: string }[] }>('POST', `${org}/events/${bEventId}/sessions`, {
        token: owner,
        body: { roomId: a.roomId, startsAt: berlinIn(40), allowOverlap: true },
      }),
      201,
    );
    const b = { eventId: bEventId, sessionId: sessions[0]!.sessionId };

    const vera = await rt.mintToken({ sub: 'tc-vera', email: 'vera@tc.example' });
    const invite = ok(
      await rt.call<{ token: string }>('POST', `${org}/invites`, {
        token: owner,
        body: { email: 'vera@tc.example', role: 'viewer' },
      }),
      201,
    );
    ok(await rt.call('POST', '/v1/invites/accept', { token: vera, body: { token: invite.token } }), 201);

    const { attendeeId } = ok(
      await rt.call<{ attendeeId: string }>('POST', `${org}/attendees`, {
        token: owner,
        body: { firstName: 'Ada', lastName: 'Guest', email: 'ada@tc.example' },
      }),
      201,
    );
    const ticketsOf = async (sessionId: string, seats: number): Promise<Ticket[]> => {
      const booking = ok(
        await rt.call<{ bookingId: string; status: string }>(
          'POST',
          `${org}/sessions/${sessionId}/bookings`,
          {
            token: owner,
            body: { attendeeId, seats },
          },
        ),
        201,
      );
      expect(booking.status).toBe('confirmed');
      return ok(
        await rt.call<{ items: Ticket[] }>(
          'GET',
          `${org}/sessions/${sessionId}/bookings/${booking.bookingId}/tickets`,
          { token: owner },
        ),
      ).items;
    };
    const aTickets = await ticketsOf(a.sessionId, 3);
    const [bTicket] = await ticketsOf(b.sessionId, 1);

    let nonces = 0;
    const scan = (sessionId: string, ticket: Ticket | undefined) =>
      rt.call<{ outcome: string }>('POST', `${org}/checkins`, {
        token: vera,
        body: {
          sessionId,
          method: 'qr',
          code: ticket?.code,
          direction: 'entry',
          gate: 'North',
          nonce: `tc-scan-${++nonces}`,
        },
      });
    const admissions = (sessionId: string, tail = '') =>
      rt.call<{ entered: number; inside: number }>('GET', `${org}/sessions/${sessionId}/admissions${tail}`, {
        token: vera,
      });
    const doorWork = (sessionId: string) => [
      admissions(sessionId),
      admissions(sessionId, '/inside'),
      admissions(sessionId, '.csv'),
      rt.call('GET', `${org}/sessions/${sessionId}/checkin-list`, { token: vera }),
    ];
    const upload = (sessionId: string, ticket: Ticket | undefined) =>
      rt.call<{ results: { outcome: string }[] }>('POST', `${org}/checkins/offline`, {
        token: vera,
        body: {
          deviceId: 'tc-scanner',
          scans: [
            {
              sessionId,
              method: 'qr',
              code: ticket?.code,
              direction: 'entry',
              gate: 'Side',
              scannedAt: new Date().toISOString(),
              nonce: `tc-offline-${++nonces}`,
            },
          ],
        },
      });
    const otp = (sessionId: string) =>
      rt.call('POST', `${org}/checkins/otp`, { token: vera, body: { sessionId, attendeeId } });

    // A viewer alone does no door work.
    expect((await scan(b.sessionId, bTicket)).status).toBe(403);
    for (const res of await Promise.all(doorWork(a.sessionId))) expect(res.status, res.text).toBe(403);

    ok(
      await rt.call('PUT', `${org}/events/${a.eventId}/team/tc-vera`, {
        token: owner,
        body: { role: 'volunteer' },
      }),
    );
    // The first scan of A's session reads its event and Vera's place after the batch; the next in it.
    expect(ok(await scan(a.sessionId, aTickets[0])).outcome).toBe('admitted');
    expect(ok(await scan(a.sessionId, aTickets[1])).outcome).toBe('admitted');
    expect(ok(await upload(a.sessionId, aTickets[2])).results.map((r) => r.outcome)).toEqual(['admitted']);
    for (const res of await Promise.all(doorWork(a.sessionId))) expect(res.status, res.text).toBe(200);
    expect(ok(await admissions(a.sessionId))).toMatchObject({ entered: 3, inside: 3 });
    ok(await otp(a.sessionId), 202);
    // A ticket of B shown at A's door is answered, as for any scanner of A.
    expect(ok(await scan(a.sessionId, bTicket)).outcome).toBe('wrong_session');

    // Event B is not hers: refused, and nothing of B changes.
    expect((await scan(b.sessionId, bTicket)).status).toBe(403);
    expect((await upload(b.sessionId, bTicket)).status).toBe(403);
    expect((await otp(b.sessionId)).status).toBe(403);
    for (const res of await Promise.all(doorWork(b.sessionId))) expect(res.status, res.text).toBe(403);
    const bDoor = await rt.call<{ entered: number }>('GET', `${org}/sessions/${b.sessionId}/admissions`, {
      token: owner,
    });
    expect(ok(bDoor)).toMatchObject({ entered: 0, inside: 0 });
    // Routes of the whole organization keep the organization role alone.
    expect((await rt.call('GET', `${org}/attendees/${attendeeId}/attendance`, { token: vera })).status).toBe(
      403,
    );
    expect((await rt.call('GET', `${org}/checkin-lists`, { token: vera })).status).toBe(403);

    // Taken off the team, refused again (the scan's read of her place is not kept).
    ok(await rt.call('DELETE', `${org}/events/${a.eventId}/team/tc-vera`, { token: owner }), 204);
    expect((await scan(a.sessionId, aTickets[0])).status).toBe(403);
    expect((await upload(a.sessionId, aTickets[0])).status).toBe(403);
    for (const res of await Promise.all(doorWork(a.sessionId))) expect(res.status, res.text).toBe(403);
  }, 90_000);
});
