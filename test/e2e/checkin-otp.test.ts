import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse } from '../support/local-runtime.js';
import { useLocalRuntime } from '../support/local-runtime.js';
import { berlinIn, publishedSession } from './http-world.js';

/**
 * One-time check-in codes over HTTP on the local runtime: door staff ask for a code, the attendee
 * receives it (the local delivery log, `GET /local/outbox`), staff type it in. The right code admits
 * once; wrong, exhausted and reused codes admit nobody and say why; a second code too soon is a
 * 429; no answer to staff ever holds the code.
 */

const rt = useLocalRuntime();

interface OtpSent {
  sentTo: { email: string | null; phone: string | null; app: boolean };
  expiresAt: string;
  nextRequestAt: string;
}
interface ScanAnswer {
  outcome: string;
  reason: string | null;
  ticketId: string | null;
  replayed: boolean;
}
interface Delivery {
  type: string;
  to: string;
  text: string;
}

let door: string;
let orgId: string;
let sessionId: string;
/** Attendees with a confirmed booking of two places each. */
const booked: Record<'ada' | 'bob', { attendeeId: string; bookingId: string }> = {
  ada: { attendeeId: '', bookingId: '' },
  bob: { attendeeId: '', bookingId: '' },
};

beforeAll(async () => {
  const owner = await rt.mintToken({ sub: 'otp-owner', email: 'owner@otp.example', name: 'Owner' });
  door = await rt.mintToken({ sub: 'otp-door', email: 'door@otp.example', name: 'Door' });
  ({ orgId, sessionId } = await publishedSession(rt, owner, {
    orgName: 'Codes',
    event: { title: 'Late show', defaultCapacity: 20 },
    session: { startsAt: berlinIn(30) },
  }));
  const invite = await rt.call<{ token: string }>('POST', `/v1/orgs/${orgId}/invites`, {
    token: owner,
    body: { email: 'door@otp.example', role: 'door', expiresInHours: 1 },
  });
  expect(invite.status, invite.text).toBe(201);
  const joined = await rt.call('POST', '/v1/invites/accept', {
    token: door,
    body: { token: invite.json.token },
  });
  expect(joined.status, joined.text).toBeLessThan(300);
  for (const name of ['ada', 'bob'] as const) {
    const attendee = await rt.call<{ attendeeId: string }>('POST', `/v1/orgs/${orgId}/attendees`, {
      token: owner,
      body: { firstName: name, lastName: 'Guest', email: `${name}@otp.example` },
    });
    expect(attendee.status, attendee.text).toBe(201);
    const booking = await rt.call<{ bookingId: string; status: string }>(
      'POST',
      `/v1/orgs/${orgId}/sessions/${sessionId}/bookings`,
      { token: owner, body: { attendeeId: attendee.json.attendeeId, seats: 2 } },
    );
    expect(booking.json.status, booking.text).toBe('confirmed');
    booked[name] = { attendeeId: attendee.json.attendeeId, bookingId: booking.json.bookingId };
  }
});

const requestCode = (attendeeId: string) =>
  rt.call<OtpSent>('POST', `/v1/orgs/${orgId}/checkins/otp`, {
    token: door,
    body: { sessionId, attendeeId },
  });

let nonces = 0;
const scan = (attendeeId: string, otp: string) => {
  nonces += 1;
  return rt.call<ScanAnswer>('POST', `/v1/orgs/${orgId}/checkins`, {
    token: door,
    body: { sessionId, method: 'otp', attendeeId, otp, gate: 'Side door', nonce: `otp-e2e-${nonces}` },
  });
};

/** The code the attendee received by email, once the notifications consumer has sent it. */
const receivedCode = async (email: string): Promise<string> => {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const log = await rt.call<{ items: Delivery[] }>('GET', '/local/outbox');
    const mail = log.json.items.find((d) => d.type === 'checkin.otp' && d.to === email);
    const code = /^code: ([0-9]{6})$/m.exec(mail?.text ?? '')?.[1];
    if (code) return code;
    if (Date.now() > deadline) throw new Error(`no check-in code reached ${email}: ${log.text}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

const wrongFor = (code: string): string => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

const expectNoCode = (responses: ApiResponse<unknown>[], code: string) => {
  for (const r of responses) expect(r.text).not.toContain(code);
};

describe('check-in with a one-time code over HTTP', () => {
  it('the right code admits once; a wrong one and the same one again admit nobody', async () => {
    const { attendeeId, bookingId } = booked.ada;
    const sent = await requestCode(attendeeId);
    expect(sent.status, sent.text).toBe(202);
    expect(sent.json.sentTo).toEqual({ email: 'a•••@otp.example', phone: null, app: false });
    const code = await receivedCode('ada@otp.example');

    const wrong = await scan(attendeeId, wrongFor(code));
    expect(wrong.json).toMatchObject({ outcome: 'invalid', reason: 'otp_wrong', ticketId: null });
    const right = await scan(attendeeId, code);
    // Place 1 is the one admitted: nothing went in before it.
    expect(right.json).toMatchObject({ outcome: 'admitted', reason: null, ticketId: `${bookingId}-1` });
    // Place 2 is still free, but the code is spent.
    const again = await scan(attendeeId, code);
    expect(again.json).toMatchObject({ outcome: 'invalid', reason: 'otp_used', ticketId: null });
    expectNoCode([sent, wrong, right, again], code);
  });

  it('a second code within 30 seconds is a 429 that says when', async () => {
    const { attendeeId } = booked.ada;
    const tooSoon = await requestCode(attendeeId);
    expect(tooSoon.status, tooSoon.text).toBe(429);
    expect(tooSoon.headers.get('content-type')).toContain('application/problem+json');
    expect(tooSoon.json).toMatchObject({
      code: 'RATE_LIMITED',
      details: { nextRequestAt: expect.any(String) },
    });
    const retryAfter = Number(tooSoon.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(30);
  });

  it('after 5 wrong tries even the right code is refused, and nobody is admitted', async () => {
    const { attendeeId, bookingId } = booked.bob;
    expect((await requestCode(attendeeId)).status).toBe(202);
    const code = await receivedCode('bob@otp.example');
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await scan(attendeeId, wrongFor(code)));
    expect(answers.map((a) => a.json.reason)).toEqual(Array(5).fill('otp_wrong'));
    const right = await scan(attendeeId, code);
    expect(right.json).toMatchObject({ outcome: 'invalid', reason: 'otp_exhausted' });
    expectNoCode([...answers, right], code);
    // Both of Bob's places are still out: a manual look-up admits place 1.
    const manual = await rt.call<ScanAnswer>('POST', `/v1/orgs/${orgId}/checkins`, {
      token: door,
      body: { sessionId, method: 'manual', attendeeId, gate: 'Side door', nonce: 'otp-e2e-manual' },
    });
    expect(manual.json).toMatchObject({ outcome: 'admitted', ticketId: `${bookingId}-1` });
  });

  it('bad input names the field', async () => {
    const { attendeeId } = booked.ada;
    const badDigits = await scan(attendeeId, '12ab56');
    expect(badDigits.status).toBe(422);
    expect(badDigits.json).toMatchObject({ errors: [expect.objectContaining({ field: 'body.otp' })] });
    const noCode = await rt.call('POST', `/v1/orgs/${orgId}/checkins`, {
      token: door,
      body: { sessionId, method: 'otp', attendeeId, gate: 'Side door', nonce: 'otp-e2e-nocode' },
    });
    expect(noCode.status).toBe(422);
    expect(noCode.text).toContain('body.otp');
    const noAttendee = await rt.call('POST', `/v1/orgs/${orgId}/checkins/otp`, {
      token: door,
      body: { sessionId },
    });
    expect(noAttendee.status).toBe(422);
    expect(noAttendee.text).toContain('body.attendeeId');
  });
});
