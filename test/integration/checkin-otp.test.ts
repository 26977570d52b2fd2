import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import { createService } from '../../functions/kernel/dynamo/service.js';
import { book } from '../../functions/modules/bookings/domain/bookings.js';
import {
  type ScanAnswer,
  type ScanInput,
  scanTicket,
} from '../../functions/modules/tickets/domain/checkin.js';
import type { ScanReason } from '../../functions/modules/tickets/domain/model.js';
import { otpPolicy } from '../../functions/modules/tickets/domain/otp-model.js';
import { requestCheckinOtp } from '../../functions/modules/tickets/domain/otp-request.js';
import { localTicketKey } from '../../scripts/local/ticket-key.js';
import { ada, bookingWorld, codeOf, door, manualClock } from './booking-world.js';
import { freshContainer } from './fixtures.js';

/**
 * One-time check-in codes on DynamoDB Local: a code admits once; a wrong, expired, exhausted or
 * reused code admits nobody (the admissions show it) and says why; guesses at once never get more
 * than the allowed tries; new codes are rate-limited; the code is in no answer to staff, only in
 * the attendee's notification. The clock port is moved by hand.
 */

let c: Container & { tableName: string };
let w: Awaited<ReturnType<typeof bookingWorld>>;
let clock: ReturnType<typeof manualClock>;
let nonces = 0;

beforeAll(async () => {
  const { env } = await localTicketKey({ inMemory: true });
  c = await freshContainer(env);
  w = await bookingWorld(c);
  clock = manualClock(c.deps, new Date());
}, 60_000);

/** A session of the free event with a confirmed booking of Ada's (`seats` places); the clock 10 minutes before it starts. */
const adaBooked = async (seats = 2) => {
  const s = await w.session(w.freeEventId, 'general', 5);
  const booking = await book(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.ada, seats });
  expect(booking.status).toBe('confirmed');
  clock.set(new Date(Date.parse(s.startsAt) - 10 * 60_000));
  return { sessionId: s.sessionId, bookingId: booking.bookingId };
};

const request = (sessionId: string, attendeeId = w.ada) =>
  requestCheckinOtp(c.deps, door, w.orgId, { sessionId, attendeeId });

const scan = (sessionId: string, otp: string, more: Partial<ScanInput> = {}) => {
  nonces += 1;
  return scanTicket(c.deps, door, w.orgId, {
    sessionId,
    method: 'otp',
    attendeeId: w.ada,
    otp,
    direction: 'entry',
    gate: 'Side door',
    nonce: `otp-${String(nonces).padStart(6, '0')}`,
    ...more,
  });
};

/** The codes delivered to Ada for the session, newest last: read from the outbox, as delivery does. */
const deliveredCodes = async (sessionId: string): Promise<string[]> => {
  const client = createDocumentClient({ region: 'us-east-1', endpoint: process.env.DYNAMODB_ENDPOINT });
  const { outbox } = createService(client, c.tableName).entities;
  const { data } = await outbox.query.bySession({ orgId: w.orgId, sessionId }).go({ pages: 'all' });
  return data
    .filter((i) => i.type === 'checkin.otp' && i.recipientId === w.ada)
    .map((i) => String((JSON.parse(i.payload) as { code: string }).code));
};

const lastCode = async (sessionId: string): Promise<string> => {
  const codes = await deliveredCodes(sessionId);
  const code = codes[codes.length - 1];
  expect(code).toMatch(/^[0-9]{6}$/);
  return code ?? '';
};

/** A six-digit code that is not `code`. */
const wrongFor = (code: string): string => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

/** The admissions of the session's places 1 and 2 (undefined: never went in). */
const admissionsOf = async (sessionId: string, bookingId: string) =>
  Promise.all(
    [1, 2].map((place) =>
      c.deps.admissions.getAdmission({ orgId: w.orgId, sessionId, ticketId: `${bookingId}-${place}` }),
    ),
  );

const insideCount = async (sessionId: string, bookingId: string) =>
  (await admissionsOf(sessionId, bookingId)).filter((a) => a?.state === 'in').length;

const refusedFor = (reason: ScanReason): Partial<ScanAnswer> => ({
  outcome: 'invalid',
  reason,
  ticketId: null,
});

describe('requesting a code', () => {
  it('sends the code through the outbox; the answer says where and until when, never the code', async () => {
    const { sessionId } = await adaBooked();
    const sent = await request(sessionId);
    const code = await lastCode(sessionId);
    expect(sent).toMatchObject({
      sessionId,
      attendeeId: w.ada,
      sentTo: { email: 'a•••@example.com', phone: null, app: true },
      tries: otpPolicy.maxTries,
    });
    const now = c.deps.clock.now().getTime();
    expect(Date.parse(sent.expiresAt) - now).toBe(otpPolicy.validForMs);
    expect(Date.parse(sent.nextRequestAt) - now).toBe(otpPolicy.resendAfterMs);
    expect(JSON.stringify(sent)).not.toContain(code);
    // Only a keyed hash of it is stored.
    const stored = await c.deps.checkinOtps.get({ orgId: w.orgId, sessionId, attendeeId: w.ada });
    expect(stored).toMatchObject({ tries: 0, usedBy: null, requestedBy: door.sub });
    expect(JSON.stringify(stored)).not.toContain(code);
  });

  it('a new code is refused for 30 seconds, then replaces the old one; at most 5 an hour', async () => {
    const { sessionId } = await adaBooked();
    await request(sessionId);
    const first = await lastCode(sessionId);
    clock.advanceMinutes(0.25);
    const tooSoon = await codeOf(request(sessionId));
    expect(tooSoon).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 15 } });
    expect(await deliveredCodes(sessionId)).toHaveLength(1);
    clock.advanceMinutes(0.25);
    await request(sessionId);
    const second = await lastCode(sessionId);
    // The first code is gone with its record: it is now just a wrong code.
    if (first !== second) expect(await scan(sessionId, first)).toMatchObject(refusedFor('otp_wrong'));
    for (let i = 3; i <= otpPolicy.perHour; i++) {
      clock.advanceMinutes(1);
      await request(sessionId);
    }
    clock.advanceMinutes(1);
    const capped = await codeOf(request(sessionId));
    // Five went out within the hour, the first of them 4.5 minutes ago: the next one an hour after it.
    expect(capped).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 3600 - 270 } });
    expect(await deliveredCodes(sessionId)).toHaveLength(otpPolicy.perHour);
    clock.advanceMinutes(60);
    await expect(request(sessionId)).resolves.toMatchObject({ attendeeId: w.ada });
  });

  it('is refused with why for an attendee without a confirmed booking, or unknown', async () => {
    const { sessionId } = await adaBooked();
    expect(await codeOf(request(sessionId, w.ben))).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'not_booked' },
    });
    const paid = await w.session(w.paidEventId, 'general', 4);
    const held = await book(c.deps, ada, w.orgId, paid.sessionId, { attendeeId: w.ada, seats: 1 });
    expect(held.status).toBe('held');
    expect(await codeOf(request(paid.sessionId))).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'unpaid' },
    });
    expect(await codeOf(request(sessionId, 'att_00000000000000000000'))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await deliveredCodes(paid.sessionId)).toHaveLength(0);
  });
});

describe('checking in with a code', () => {
  it('the right code admits once; used again (another place is free) it admits nobody', async () => {
    const { sessionId, bookingId } = await adaBooked(2);
    await request(sessionId);
    const code = await lastCode(sessionId);
    const admitted = await scan(sessionId, code, { nonce: 'otp-once-0001' });
    expect(admitted).toMatchObject({ outcome: 'admitted', reason: null, attendee: { attendeeId: w.ada } });
    expect(JSON.stringify(admitted)).not.toContain(code);
    // The door sends the same scan again: its first answer, nothing more.
    expect(await scan(sessionId, code, { nonce: 'otp-once-0001' })).toMatchObject({
      outcome: 'admitted',
      replayed: true,
    });
    expect(await scan(sessionId, code)).toMatchObject(refusedFor('otp_used'));
    expect(await insideCount(sessionId, bookingId)).toBe(1);
    // The refusal is recorded as other refused scans are, with its reason.
    const refused = await c.deps.admissions.getScan(
      w.orgId,
      sessionId,
      `otp-${String(nonces).padStart(6, '0')}`,
    );
    expect(refused).toMatchObject({ method: 'otp', outcome: 'invalid', reason: 'otp_used' });
  });

  it('two gates with one code at once: one admitted, the other refused as used', async () => {
    const { sessionId, bookingId } = await adaBooked(2);
    await request(sessionId);
    const code = await lastCode(sessionId);
    const answers = await Promise.all([scan(sessionId, code), scan(sessionId, code)]);
    expect(answers.map((a) => a.outcome).sort()).toEqual(['admitted', 'invalid']);
    expect(answers.find((a) => a.outcome === 'invalid')?.reason).toBe('otp_used');
    expect(await insideCount(sessionId, bookingId)).toBe(1);
  });

  it('a wrong code admits nobody and costs a try; the right one still admits', async () => {
    const { sessionId, bookingId } = await adaBooked();
    await request(sessionId);
    const code = await lastCode(sessionId);
    expect(await scan(sessionId, wrongFor(code))).toMatchObject(refusedFor('otp_wrong'));
    expect(await insideCount(sessionId, bookingId)).toBe(0);
    const key = { orgId: w.orgId, sessionId, attendeeId: w.ada };
    expect((await c.deps.checkinOtps.get(key))?.tries).toBe(1);
    expect(await scan(sessionId, code)).toMatchObject({ outcome: 'admitted' });
  });

  it('an expired code admits nobody', async () => {
    const { sessionId, bookingId } = await adaBooked();
    await request(sessionId);
    const code = await lastCode(sessionId);
    clock.advanceMinutes(otpPolicy.validForMs / 60_000);
    expect(await scan(sessionId, code)).toMatchObject(refusedFor('otp_expired'));
    expect(await insideCount(sessionId, bookingId)).toBe(0);
  });

  it('after 5 wrong tries even the right code is refused; a new code starts again', async () => {
    const { sessionId, bookingId } = await adaBooked();
    await request(sessionId);
    const code = await lastCode(sessionId);
    for (let i = 0; i < otpPolicy.maxTries; i++) {
      expect(await scan(sessionId, wrongFor(code))).toMatchObject(refusedFor('otp_wrong'));
    }
    expect(await scan(sessionId, code)).toMatchObject(refusedFor('otp_exhausted'));
    expect(await insideCount(sessionId, bookingId)).toBe(0);
    clock.advanceMinutes(1);
    await request(sessionId);
    expect(await scan(sessionId, await lastCode(sessionId))).toMatchObject({ outcome: 'admitted' });
  });

  it('30 guesses at once get at most 5 tries between them, and nobody in', async () => {
    const { sessionId, bookingId } = await adaBooked();
    await request(sessionId);
    const code = await lastCode(sessionId);
    const guesses = Array.from({ length: 30 }, (_, i) =>
      String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'),
    );
    const answers = await Promise.all(guesses.map((g) => scan(sessionId, g)));
    const reasons = answers.map((a) => a.reason);
    expect(reasons.filter((r) => r === 'otp_wrong')).toHaveLength(otpPolicy.maxTries);
    expect(reasons.filter((r) => r === 'otp_exhausted')).toHaveLength(30 - otpPolicy.maxTries);
    const key = { orgId: w.orgId, sessionId, attendeeId: w.ada };
    expect((await c.deps.checkinOtps.get(key))?.tries).toBe(otpPolicy.maxTries);
    expect(await scan(sessionId, code)).toMatchObject(refusedFor('otp_exhausted'));
    expect(await insideCount(sessionId, bookingId)).toBe(0);
  });

  it('without a code asked for: refused as none; nothing admitted', async () => {
    const { sessionId, bookingId } = await adaBooked();
    expect(await scan(sessionId, '123456')).toMatchObject(refusedFor('otp_none'));
    expect(await insideCount(sessionId, bookingId)).toBe(0);
  });

  it('a scan time uploaded from the past does not revive an expired code', async () => {
    const { sessionId, bookingId } = await adaBooked();
    await request(sessionId);
    const code = await lastCode(sessionId);
    const issuedAt = c.deps.clock.now().toISOString();
    clock.advanceMinutes(10);
    expect(await scan(sessionId, code, { scannedAt: issuedAt })).toMatchObject(refusedFor('otp_expired'));
    expect(await insideCount(sessionId, bookingId)).toBe(0);
  });
});
