import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import type { Deps } from '../../functions/kernel/domain/deps.js';
import { book, cancelBooking } from '../../functions/modules/bookings/domain/bookings.js';
import type { Booking } from '../../functions/modules/bookings/domain/model.js';
import {
  admissionExport,
  admissionSummary,
  insideNow,
} from '../../functions/modules/tickets/domain/admissions.js';
import { attendeeAttendance } from '../../functions/modules/tickets/domain/attendance.js';
import { type ScanInput, scanTicket } from '../../functions/modules/tickets/domain/checkin.js';
import { bookingTickets } from '../../functions/modules/tickets/domain/tickets.js';
import { localTicketKey } from '../../scripts/local/ticket-key.js';
import { bookingWorld, codeOf, door, owner, refOf } from './booking-world.js';
import { freshContainer, user } from './fixtures.js';

/**
 * Who came, on DynamoDB Local: a session's figures before and after its start (no-shows), who is
 * inside now with names (an attendee's, a party's), the export's rows, and an attendee's
 * attendance across sessions. The clock port is moved to the sessions' evenings and keeps running.
 */

let c: Container;
let w: Awaited<ReturnType<typeof bookingWorld>>;
let nonces = 0;

/** The container's clock moved to `at`; it runs on from there. */
const clockAt = (deps: Deps, at: number) => {
  const offset = at - Date.now();
  deps.clock = { now: () => new Date(Date.now() + offset) };
};

const startOf = async (sessionId: string) =>
  Date.parse((await c.deps.sessions.get(w.orgId, sessionId))!.startsAt);

const scan = async (sessionId: string, code: string | null, input: Partial<ScanInput> = {}) => {
  nonces += 1;
  const answer = await scanTicket(c.deps, door, w.orgId, {
    sessionId,
    method: 'qr',
    code: code ?? '',
    direction: 'entry',
    gate: 'North',
    nonce: `adm-${String(nonces).padStart(6, '0')}`,
    ...input,
  });
  return answer.outcome;
};

const codesOf = async (b: Booking) => (await bookingTickets(c.deps, owner, refOf(b))).map((t) => t.code);

/** Session one: Ada (2 places), Ben's party (3), Gil (1, cancelled after he went in), Fay's 2 never came. */
let one: { sessionId: string; start: number; ada: Booking; party: Booking; gil: Booking; fay: Booking };
/** Session two, the next day: Ada (1 place) went in. */
let two: { sessionId: string; ada: Booking };

beforeAll(async () => {
  const { env } = await localTicketKey({ inMemory: true });
  c = await freshContainer(env);
  w = await bookingWorld(c);
  const s1 = await w.session(w.freeEventId, 'general', 10);
  const s2 = await w.session(w.freeEventId, 'general', 10);
  const fayAttendee = await c.deps.attendees.list(w.orgId, { limit: 50 });
  const fayId = fayAttendee.items.find((a) => a.firstName === 'Fay')!.attendeeId;
  const inOne = (input: { attendeeId?: string; partyId?: string; seats: number }) =>
    book(c.deps, owner, w.orgId, s1.sessionId, input);
  one = {
    sessionId: s1.sessionId,
    start: await startOf(s1.sessionId),
    ada: await inOne({ attendeeId: w.ada, seats: 2 }),
    party: await inOne({ partyId: w.partyId, seats: 3 }),
    gil: await inOne({ attendeeId: w.guest, seats: 1 }),
    fay: await inOne({ attendeeId: fayId, seats: 2 }),
  };
  two = {
    sessionId: s2.sessionId,
    ada: await book(c.deps, owner, w.orgId, s2.sessionId, { attendeeId: w.ada, seats: 1 }),
  };

  // Session one's evening, half an hour before the start.
  clockAt(c.deps, one.start - 30 * 60_000);
  const [ada1, ada2] = await codesOf(one.ada);
  const [party1] = await codesOf(one.party);
  const [gil1] = await codesOf(one.gil);
  expect(await scan(one.sessionId, ada1!, { gate: 'North' })).toBe('admitted');
  expect(await scan(one.sessionId, ada2!, { gate: 'South' })).toBe('admitted');
  expect(await scan(one.sessionId, party1!, { gate: 'North' })).toBe('admitted');
  expect(await scan(one.sessionId, gil1!, { gate: 'South' })).toBe('admitted');
  expect(await scan(one.sessionId, ada1!, { gate: 'North', direction: 'exit' })).toBe('exited');
  expect(await scan(one.sessionId, ada1!, { gate: 'East' })).toBe('admitted');
  expect(await scan(one.sessionId, ada2!, { gate: 'South' })).toBe('already_in');
  expect(await scan(one.sessionId, ada2!, { gate: 'South', direction: 'exit' })).toBe('exited');
  await cancelBooking(c.deps, owner, refOf(one.gil));

  // Session two's evening.
  clockAt(c.deps, (await startOf(two.sessionId)) - 10 * 60_000);
  const [adaTwo] = await codesOf(two.ada);
  expect(await scan(two.sessionId, adaTwo!, { gate: 'West' })).toBe('admitted');
}, 60_000);

const sessionRef = (sessionId: string) => ({ orgId: w.orgId, sessionId });

describe('a session’s admissions', () => {
  it('count tickets, inside, entered, exits, by gate and by hour; no no-shows before the start', async () => {
    clockAt(c.deps, one.start - 5 * 60_000);
    const summary = await admissionSummary(c.deps, owner, sessionRef(one.sessionId));
    expect(summary).toMatchObject({
      sessionId: one.sessionId,
      tickets: 7,
      inside: 3,
      entered: 4,
      exits: 2,
      byGate: [
        { gate: 'East', entries: 1, exits: 0 },
        { gate: 'North', entries: 2, exits: 1 },
        { gate: 'South', entries: 2, exits: 1 },
      ],
      noShows: null,
    });
    expect(summary.byHour.reduce((n, h) => n + h.entries, 0)).toBe(5);
    for (const h of summary.byHour) expect(h.hour).toMatch(/^\d{4}-\d\d-\d\dT\d\d:00:00\.000Z$/);
  });

  it('count the confirmed tickets never admitted as no-shows once the session has started', async () => {
    clockAt(c.deps, one.start + 10 * 60_000);
    const summary = await admissionSummary(c.deps, owner, sessionRef(one.sessionId));
    // Ada's two and one of the party's three came; Gil's ticket is no longer a ticket; Fay's two did not come.
    expect(summary).toMatchObject({ tickets: 7, noShows: 4 });
  });

  it('list who is inside now, a page at a time, with the attendee’s or the party’s name', async () => {
    const first = await insideNow(c.deps, owner, sessionRef(one.sessionId), { limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const rest = await insideNow(c.deps, owner, sessionRef(one.sessionId), {
      limit: 2,
      cursor: first.nextCursor ?? undefined,
    });
    const inside = [...first.items, ...rest.items];
    expect(inside.map((i) => [i.ticketId, i.name, i.gate]).sort()).toEqual(
      [
        [`${one.ada.bookingId}-1`, 'Ada L', 'East'],
        [`${one.party.bookingId}-1`, 'Bens', 'North'],
        [`${one.gil.bookingId}-1`, 'Gil G', 'South'],
      ].sort(),
    );
    expect(inside.find((i) => i.ticketId.startsWith(one.party.bookingId))).toMatchObject({
      attendeeId: null,
    });
  });

  it('export one row per ticket: the confirmed ones and the one cancelled after it went in', async () => {
    const rows = await admissionExport(c.deps, owner, sessionRef(one.sessionId));
    expect(rows).toHaveLength(8);
    const byTicket = new Map(rows.map((r) => [r.ticketId, r]));
    expect(byTicket.get(`${one.ada.bookingId}-1`)).toMatchObject({
      state: 'in',
      entries: 2,
      gate: 'East',
      attendee: 'Ada L',
    });
    expect(byTicket.get(`${one.ada.bookingId}-2`)).toMatchObject({ state: 'out', entries: 1, gate: 'South' });
    expect(byTicket.get(`${one.party.bookingId}-3`)).toMatchObject({
      state: 'not_arrived',
      attendee: 'Bens',
      entries: 0,
    });
    expect(byTicket.get(`${one.gil.bookingId}-1`)).toMatchObject({ state: 'in', bookingStatus: 'cancelled' });
    expect(rows.filter((r) => r.bookingId === one.fay.bookingId).map((r) => r.state)).toEqual([
      'not_arrived',
      'not_arrived',
    ]);
  });

  it('are not found for a session that does not exist, nor for someone outside the organization', async () => {
    const missing = sessionRef('ses_00000000000000000000');
    expect((await codeOf(admissionSummary(c.deps, owner, missing))).code).toBe('NOT_FOUND');
    expect((await codeOf(admissionSummary(c.deps, user('stranger'), sessionRef(one.sessionId)))).code).toBe(
      'NOT_FOUND',
    );
  });
});

describe('an attendee’s attendance', () => {
  it('lists their tickets that entered across sessions, the latest first, a page at a time', async () => {
    const ref = { orgId: w.orgId, attendeeId: w.ada };
    const all = await attendeeAttendance(c.deps, owner, ref, { limit: 10 });
    // Session two's is the latest; in session one, place 2 first went in after place 1.
    expect(all.items.map((r) => [r.sessionId, r.ticketId, r.state, r.entries])).toEqual([
      [two.sessionId, `${two.ada.bookingId}-1`, 'in', 1],
      [one.sessionId, `${one.ada.bookingId}-2`, 'out', 1],
      [one.sessionId, `${one.ada.bookingId}-1`, 'in', 2],
    ]);
    expect(all.items[0]).toMatchObject({ gate: 'West', bookingId: two.ada.bookingId });
    const page = await attendeeAttendance(c.deps, owner, ref, { limit: 1 });
    expect(page.items.map((r) => r.sessionId)).toEqual([two.sessionId]);
    const next = await attendeeAttendance(c.deps, owner, ref, {
      limit: 5,
      cursor: page.nextCursor ?? undefined,
    });
    expect(next.items.map((r) => r.sessionId)).toEqual([one.sessionId, one.sessionId]);
  });

  it('leaves a party’s tickets out of its members’ attendance, and refuses an unknown attendee', async () => {
    const ben = await attendeeAttendance(c.deps, owner, { orgId: w.orgId, attendeeId: w.ben }, { limit: 10 });
    expect(ben.items).toEqual([]);
    const unknown = { orgId: w.orgId, attendeeId: 'att_00000000000000000000' };
    expect((await codeOf(attendeeAttendance(c.deps, owner, unknown, { limit: 10 }))).code).toBe('NOT_FOUND');
  });
});
