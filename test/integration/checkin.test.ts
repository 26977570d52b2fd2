import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import { book, cancelBooking } from '../../functions/modules/bookings/domain/bookings.js';
import type { EventSettings } from '../../functions/modules/catalog/domain/model.js';
import { keyringOf } from '../../functions/modules/tickets/adapters/ticket-keys.js';
import { type ScanInput, scanTicket } from '../../functions/modules/tickets/domain/checkin.js';
import { rotatingCode, staticCode, stepSeconds } from '../../functions/modules/tickets/domain/codes.js';
import { bookingTickets } from '../../functions/modules/tickets/domain/tickets.js';
import { localTicketKey } from '../../scripts/local/ticket-key.js';
import { ada, bookingWorld, door, manualClock, owner, publishedEventAt, refOf } from './booking-world.js';
import { freshContainer } from './fixtures.js';

/**
 * The door on DynamoDB Local: which scans admit, and why the others do not (revoked, unpaid,
 * wrong session, too early or late, invalid codes, not inside), manual look-ups, exits and
 * re-entry, rotating codes. The clock port is set to the session's evening.
 */

let c: Container;
let w: Awaited<ReturnType<typeof bookingWorld>>;
let clock: ReturnType<typeof manualClock>;
let nonces = 0;

beforeAll(async () => {
  const { env } = await localTicketKey({ inMemory: true });
  c = await freshContainer(env);
  w = await bookingWorld(c);
  clock = manualClock(c.deps, new Date());
}, 60_000);

/** A published free event with these settings at the world's venue, and one session of it. */
const sessionOf = async (settings: Partial<EventSettings> = {}, seats = 4) => {
  const event = await c.deps.events.get(w.orgId, w.freeEventId);
  const eventId = await publishedEventAt(c, w.orgId, event?.venueId ?? '', { settings });
  return w.session(eventId, 'general', seats);
};

/** Ada's confirmed booking of `seats` in the session, and its tickets. */
const confirmedIn = async (sessionId: string, seats = 2) => {
  const b = await book(c.deps, ada, w.orgId, sessionId, { attendeeId: w.ada, seats });
  expect(b.status).toBe('confirmed');
  const tickets = await bookingTickets(c.deps, ada, refOf(b));
  return { booking: b, tickets: tickets.map((t) => ({ ...t, code: t.code ?? undefined })) };
};

const scan = (sessionId: string, input: Partial<ScanInput>) => {
  nonces += 1;
  return scanTicket(c.deps, door, w.orgId, {
    sessionId,
    method: 'qr',
    direction: 'entry',
    gate: 'North',
    nonce: `n-${String(nonces).padStart(6, '0')}`,
    ...input,
  });
};

/** The clock at `minutes` from the session's start. */
const atStartOf = async (sessionId: string, minutes = 0) => {
  const s = await c.deps.sessions.get(w.orgId, sessionId);
  clock.set(new Date(Date.parse(s?.startsAt ?? '') + minutes * 60_000));
};

describe('scans of static codes', () => {
  it('admit once; again already_in with where and when; exit, not_in, and back in', async () => {
    const s = await sessionOf();
    const { tickets } = await confirmedIn(s.sessionId);
    await atStartOf(s.sessionId, -30);
    const code = tickets[0]?.code ?? '';
    expect(await scan(s.sessionId, { code, gate: 'North' })).toMatchObject({
      outcome: 'admitted',
      attendee: { attendeeId: w.ada, name: 'Ada L' },
    });
    const again = await scan(s.sessionId, { code, gate: 'South' });
    expect(again).toMatchObject({ outcome: 'already_in', previous: { gate: 'North' } });
    expect(await scan(s.sessionId, { code, direction: 'exit', gate: 'South' })).toMatchObject({
      outcome: 'exited',
    });
    expect(await scan(s.sessionId, { code, direction: 'exit' })).toMatchObject({ outcome: 'not_in' });
    expect(await scan(s.sessionId, { code, gate: 'East' })).toMatchObject({ outcome: 'admitted' });
    const ref = { orgId: w.orgId, sessionId: s.sessionId, ticketId: tickets[0]?.ticketId ?? '' };
    expect(await c.deps.admissions.getAdmission(ref)).toMatchObject({
      state: 'in',
      entries: 2,
      gate: 'East',
    });
  });

  it('of a cancelled booking: revoked; of a held (unpaid) one: unpaid; nothing admitted', async () => {
    const s = await sessionOf();
    const { booking, tickets } = await confirmedIn(s.sessionId);
    await cancelBooking(c.deps, owner, refOf(booking));
    const paid = await w.session(w.paidEventId, 'general', 4);
    const held = await book(c.deps, ada, w.orgId, paid.sessionId, { attendeeId: w.ada, seats: 1 });
    expect(held.status).toBe('held');
    await atStartOf(s.sessionId, -10);
    expect(await scan(s.sessionId, { code: tickets[0]?.code })).toMatchObject({ outcome: 'revoked' });
    // A held booking has no tickets to show: a code made for its place (as a forger with the key would) says unpaid.
    const keys = await c.deps.ticketKeys.get();
    const heldCode = staticCode(keys, {
      orgId: w.orgId,
      sessionId: paid.sessionId,
      ticketId: `${held.bookingId}-1`,
    });
    await atStartOf(paid.sessionId, -10);
    expect(await scan(paid.sessionId, { code: heldCode })).toMatchObject({ outcome: 'unpaid' });
    const ticketId = tickets[0]?.ticketId ?? '';
    expect(
      await c.deps.admissions.getAdmission({ orgId: w.orgId, sessionId: s.sessionId, ticketId }),
    ).toBeUndefined();
  });

  it('of another session: wrong_session; before the doors open or after the end: too_early, too_late', async () => {
    const a = await sessionOf({ checkinOpensMinutesBefore: 30 });
    const b = await sessionOf();
    const { tickets } = await confirmedIn(a.sessionId);
    const code = tickets[0]?.code;
    await atStartOf(b.sessionId, -5);
    expect(await scan(b.sessionId, { code })).toMatchObject({ outcome: 'wrong_session' });
    await atStartOf(a.sessionId, -31);
    expect(await scan(a.sessionId, { code })).toMatchObject({ outcome: 'too_early' });
    const session = await c.deps.sessions.get(w.orgId, a.sessionId);
    clock.set(new Date(Date.parse(session?.endsAt ?? '') + 60_000));
    expect(await scan(a.sessionId, { code })).toMatchObject({ outcome: 'too_late' });
    await atStartOf(a.sessionId, -29);
    expect(await scan(a.sessionId, { code })).toMatchObject({ outcome: 'admitted' });
  });

  it('forged, of another tenant, or for a place the booking does not have: invalid', async () => {
    const s = await sessionOf();
    const { booking } = await confirmedIn(s.sessionId, 2);
    await atStartOf(s.sessionId);
    const foreign = keyringOf('another-tenant-seed-0123456789abcdef');
    const ref = { orgId: w.orgId, sessionId: s.sessionId, ticketId: `${booking.bookingId}-1` };
    expect(await scan(s.sessionId, { code: staticCode(foreign, ref) })).toMatchObject({ outcome: 'invalid' });
    expect(await scan(s.sessionId, { code: 'T1.Zm9v.YmFy.YmF6' })).toMatchObject({ outcome: 'invalid' });
    const keys = await c.deps.ticketKeys.get();
    const third = staticCode(keys, { ...ref, ticketId: `${booking.bookingId}-3` });
    expect(await scan(s.sessionId, { code: third })).toMatchObject({ outcome: 'invalid' });
  });
});

describe('manual look-ups, exits and re-entry rules', () => {
  it('manual: admits the attendee’s places one by one, then already_in', async () => {
    const s = await sessionOf();
    await confirmedIn(s.sessionId, 2);
    await atStartOf(s.sessionId);
    const manual = { method: 'manual' as const, attendeeId: w.ada, code: undefined };
    const first = await scan(s.sessionId, manual);
    const second = await scan(s.sessionId, manual);
    expect([first.outcome, second.outcome]).toEqual(['admitted', 'admitted']);
    expect(first.ticketId).not.toBe(second.ticketId);
    expect(await scan(s.sessionId, manual)).toMatchObject({ outcome: 'already_in' });
    expect(await scan(s.sessionId, { ...manual, attendeeId: w.ben })).toMatchObject({ outcome: 'invalid' });
  });

  it('with re-entry off, someone who went out is not let in again', async () => {
    const s = await sessionOf({ checkinReentry: false });
    const { tickets } = await confirmedIn(s.sessionId, 1);
    await atStartOf(s.sessionId);
    const code = tickets[0]?.code;
    const first = await scan(s.sessionId, { code, gate: 'A' });
    expect(first).toMatchObject({ outcome: 'admitted' });
    expect(await scan(s.sessionId, { code, direction: 'exit' })).toMatchObject({ outcome: 'exited' });
    // `previous` names the first entry.
    expect(await scan(s.sessionId, { code, gate: 'B' })).toMatchObject({
      outcome: 'already_in',
      previous: { at: first.scannedAt },
    });
  });

  it('a scan time in the future is refused as bad input, naming scannedAt', async () => {
    const s = await sessionOf();
    await atStartOf(s.sessionId);
    const future = new Date(Date.now() + 3600_000).toISOString();
    clock.set(new Date());
    await expect(scan(s.sessionId, { code: 'T1.a.b.c', scannedAt: future })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});

describe('rotating codes', () => {
  it('the app’s code of the current step admits; a static code or a stale step does not', async () => {
    const s = await sessionOf({ ticketCodes: 'rotating' });
    const { booking, tickets } = await confirmedIn(s.sessionId, 1);
    const t = tickets[0];
    // No static code to copy: the app gets a token and the secret it derives each step's code from.
    expect(t).toMatchObject({ codeKind: 'rotating', code: undefined, rotating: { stepSeconds } });
    await atStartOf(s.sessionId, -5);
    const now = c.deps.clock.now();
    const secret = Buffer.from(t?.rotating?.secret ?? '', 'base64url');
    const token = t?.rotating?.token ?? '';
    const stale = rotatingCode(token, secret, new Date(now.getTime() - 2 * stepSeconds * 1000));
    expect(await scan(s.sessionId, { method: 'app', code: stale })).toMatchObject({ outcome: 'invalid' });
    const keys = await c.deps.ticketKeys.get();
    const printed = staticCode(keys, {
      orgId: w.orgId,
      sessionId: s.sessionId,
      ticketId: `${booking.bookingId}-1`,
    });
    expect(await scan(s.sessionId, { code: printed })).toMatchObject({ outcome: 'invalid' });
    const current = rotatingCode(token, secret, now);
    expect(await scan(s.sessionId, { method: 'app', code: current })).toMatchObject({ outcome: 'admitted' });
  });
});
