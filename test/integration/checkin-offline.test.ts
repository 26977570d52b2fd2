import { createPublicKey, verify } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import { book, cancelBooking } from '../../functions/modules/bookings/domain/bookings.js';
import type { EventSettings } from '../../functions/modules/catalog/domain/model.js';
import { createSessions } from '../../functions/modules/catalog/domain/sessions.js';
import { createVenue } from '../../functions/modules/catalog/domain/venues.js';
import { scanTicket } from '../../functions/modules/tickets/domain/checkin.js';
import { createCheckinList } from '../../functions/modules/tickets/domain/checkin-lists.js';
import { checkStaticOffline } from '../../functions/modules/tickets/domain/codes.js';
import {
  listConflicts,
  type OfflineScan,
  resolveConflict,
} from '../../functions/modules/tickets/domain/conflicts.js';
import { entriesPerAnswer } from '../../functions/modules/tickets/domain/offline-limits.js';
import { offlineCheckinList } from '../../functions/modules/tickets/domain/offline-list.js';
import { uploadOfflineScans } from '../../functions/modules/tickets/domain/offline-upload.js';
import { bookingTickets } from '../../functions/modules/tickets/domain/tickets.js';
import { localTicketKey } from '../../scripts/local/ticket-key.js';
import {
  ada,
  bookingWorld,
  codeOf,
  door,
  manualClock,
  owner,
  publishedEventAt,
  refOf,
  repeatBookings,
} from './booking-world.js';
import { freshContainer } from './fixtures.js';

/**
 * Offline scanners on DynamoDB Local: the list they download (checked with the public key alone),
 * uploads of what they scanned (one admission per ticket, a conflict record where a device let
 * someone in whom the server does not admit, the same answers when sent again), check-in lists'
 * rules, and staff resolving conflicts. The clock port is set to the session's evening.
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
const sessionOf = async (settings: Partial<EventSettings> = {}, seats = 6) => {
  const event = await c.deps.events.get(w.orgId, w.freeEventId);
  const eventId = await publishedEventAt(c, w.orgId, event?.venueId ?? '', {
    settings: { ...repeatBookings, ...settings },
  });
  return w.session(eventId, 'general', seats);
};

/** Ada's confirmed booking of `seats` in the session, and its tickets' codes. */
const confirmedIn = async (sessionId: string, seats = 2) => {
  // Booked ahead: the world's sessions are years away.
  clock.set(new Date());
  const b = await book(c.deps, ada, w.orgId, sessionId, { attendeeId: w.ada, seats });
  expect(b.status).toBe('confirmed');
  const tickets = await bookingTickets(c.deps, ada, refOf(b));
  return { booking: b, tickets: tickets.map((t) => ({ ticketId: t.ticketId, code: t.code ?? '' })) };
};

/** The instant `minutes` from the session's start. */
const fromStart = async (sessionId: string, minutes: number) => {
  const s = await c.deps.sessions.get(w.orgId, sessionId);
  return new Date(Date.parse(s?.startsAt ?? '') + minutes * 60_000);
};

/** An entry the device let through at `at`. */
const entry = (sessionId: string, at: Date, fields: Partial<OfflineScan>): OfflineScan => {
  nonces += 1;
  return {
    sessionId,
    method: 'qr',
    direction: 'entry',
    gate: 'North',
    scannedAt: at.toISOString(),
    nonce: `off-${String(nonces).padStart(6, '0')}`,
    deviceOutcome: 'admitted',
    ...fields,
  };
};

const upload = (scans: OfflineScan[], deviceId = 'scanner-a') =>
  uploadOfflineScans(c.deps, door, w.orgId, { deviceId, scans });

const openConflicts = async (sessionId: string) =>
  (await listConflicts(c.deps, owner, w.orgId, sessionId, 'open', { limit: 100 })).items;

describe('the offline list', () => {
  it('verifies a code with only the downloaded public key; a tampered code fails', async () => {
    const s = await sessionOf();
    const { tickets } = await confirmedIn(s.sessionId);
    clock.set(await fromStart(s.sessionId, -20));
    const list = await offlineCheckinList(c.deps, door, w.orgId, s.sessionId, {});
    expect(list).toMatchObject({ sessionId: s.sessionId, ticketCodes: 'static', nextCursor: null });
    expect(list.publicKeyPem).toContain('BEGIN PUBLIC KEY');

    // What the scanner does offline: node:crypto with the PEM, no server, no ticket secret.
    const publicKey = createPublicKey(list.publicKeyPem);
    const offline = (code: string) =>
      checkStaticOffline((data, signature) => verify(null, data, publicKey, signature), code);
    const code = tickets[0]?.code ?? '';
    const checked = offline(code);
    expect(checked?.ref.ticketId).toBe(tickets[0]?.ticketId);
    const listed = list.tickets.find((t) => t.ticketId === checked?.ref.ticketId);
    expect(listed).toMatchObject({ secretHash: checked?.secretHash, attendeeName: 'Ada L', seatLabel: null });

    const [version, ticket, secret, signature] = code.split('.') as [string, string, string, string];
    const flipped = (part: string) => `${part.slice(0, 5)}${part[5] === 'A' ? 'B' : 'A'}${part.slice(6)}`;
    expect(offline([version, ticket, flipped(secret), signature].join('.'))).toBeNull();
    expect(offline([version, ticket, secret, flipped(signature)].join('.'))).toBeNull();
    // Another ticket's part under this signature: not what was signed.
    const other = tickets[1]?.code.split('.')[1] ?? '';
    expect(offline([version, other, secret, signature].join('.'))).toBeNull();
  });

  it('lists revoked tickets and who is inside', async () => {
    const s = await sessionOf();
    const kept = await confirmedIn(s.sessionId, 1);
    const gone = await confirmedIn(s.sessionId, 2);
    await cancelBooking(c.deps, owner, refOf(gone.booking));
    clock.set(await fromStart(s.sessionId, -5));
    const code = kept.tickets[0]?.code ?? '';
    await scanTicket(c.deps, door, w.orgId, {
      sessionId: s.sessionId,
      method: 'qr',
      code,
      direction: 'entry',
      gate: 'West',
      nonce: 'inside-000001',
    });
    const list = await offlineCheckinList(c.deps, door, w.orgId, s.sessionId, {});
    expect(list.tickets.map((t) => t.ticketId)).toEqual([kept.tickets[0]?.ticketId]);
    expect(list.revoked.sort()).toEqual(gone.tickets.map((t) => t.ticketId).sort());
    expect(list.inside).toEqual([
      { ticketId: kept.tickets[0]?.ticketId, at: expect.any(String), gate: 'West' },
    ]);
  });

  it(`comes in pages of about ${entriesPerAnswer} entries, each with a cursor to the next`, async () => {
    // About 200 bookings one after another: minutes, not seconds, when the run's other worker loads
    // the same DynamoDB Local (hence this test's timeout).
    const seats = 10;
    const bookings = Math.ceil((entriesPerAnswer + 1) / seats) + 1;
    // A room without a capacity of its own, for a session larger than the world's room.
    const arena = await createVenue(c.deps, owner, w.orgId, {
      name: 'Arena',
      address: 'Ring 1',
      city: 'Berlin',
      timezone: 'Europe/Berlin',
      rooms: [{ name: 'Floor' }],
    });
    const eventId = await publishedEventAt(c, w.orgId, arena.venueId, { settings: repeatBookings });
    const { sessions } = await createSessions(c.deps, owner, w.orgId, eventId, {
      startsAt: '2031-06-01T19:00',
      roomId: arena.rooms[0]?.roomId ?? '',
      capacity: bookings * seats,
    });
    const s = sessions[0] as { sessionId: string };
    clock.set(new Date());
    for (let i = 0; i < bookings; i++) {
      await book(c.deps, owner, w.orgId, s.sessionId, { attendeeId: w.guest, seats });
    }
    clock.set(await fromStart(s.sessionId, -5));
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await offlineCheckinList(c.deps, door, w.orgId, s.sessionId, { cursor });
      expect(page.tickets.length).toBeLessThanOrEqual(entriesPerAnswer + 100 * seats);
      seen.push(...page.tickets.map((t) => t.ticketId));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(2);
    expect(new Set(seen).size).toBe(bookings * seats);
    expect(
      await codeOf(offlineCheckinList(c.deps, door, w.orgId, s.sessionId, { cursor: 'bm90IGEgY3Vyc29y' })),
    ).toMatchObject({ code: 'VALIDATION_FAILED', details: { errors: [{ field: 'cursor' }] } });
  }, 180_000);
});

describe('uploads', () => {
  it('the same ticket admitted offline at two gates: one admission, one conflict', async () => {
    const s = await sessionOf();
    const { tickets } = await confirmedIn(s.sessionId);
    const code = tickets[0]?.code ?? '';
    clock.set(await fromStart(s.sessionId, 10));
    const north = entry(s.sessionId, await fromStart(s.sessionId, -10), { code, gate: 'North' });
    const south = entry(s.sessionId, await fromStart(s.sessionId, -5), { code, gate: 'South' });
    const a = await upload([north], 'scanner-a');
    const b = await upload([south], 'scanner-b');
    expect(a.results[0]).toMatchObject({ outcome: 'admitted', conflictId: null });
    expect(a.conflicts).toEqual([]);
    expect(b.results[0]).toMatchObject({ outcome: 'already_in', previous: { gate: 'North' } });
    expect(b.conflicts).toHaveLength(1);
    expect(b.conflicts[0]).toMatchObject({
      conflictId: b.results[0]?.conflictId,
      sessionId: s.sessionId,
      ticketId: tickets[0]?.ticketId,
      kind: 'double_admission',
      offline: { deviceId: 'scanner-b', gate: 'South', scannedAt: south.scannedAt, nonce: south.nonce },
      server: { outcome: 'already_in', admission: { gate: 'North', at: north.scannedAt } },
      status: 'open',
      resolution: null,
    });
    const admission = await c.deps.admissions.getAdmission({
      orgId: w.orgId,
      sessionId: s.sessionId,
      ticketId: tickets[0]?.ticketId ?? '',
    });
    expect(admission).toMatchObject({ state: 'in', entries: 1, gate: 'North' });
  });

  it('an entry after the booking was cancelled: a conflict, no admission', async () => {
    const s = await sessionOf();
    const { booking, tickets } = await confirmedIn(s.sessionId, 1);
    clock.set(await fromStart(s.sessionId, -30));
    await cancelBooking(c.deps, owner, refOf(booking));
    clock.set(await fromStart(s.sessionId, 5));
    const scan = entry(s.sessionId, await fromStart(s.sessionId, -1), { code: tickets[0]?.code });
    const answer = await upload([scan]);
    expect(answer.results[0]).toMatchObject({ outcome: 'revoked' });
    expect(answer.conflicts[0]).toMatchObject({
      kind: 'entry_after_revocation',
      server: { outcome: 'revoked', admission: null, booking: { status: 'cancelled' } },
    });
    const ticketId = tickets[0]?.ticketId ?? '';
    expect(
      await c.deps.admissions.getAdmission({ orgId: w.orgId, sessionId: s.sessionId, ticketId }),
    ).toBeUndefined();
  });

  it('a batch sent again answers the same and makes no new conflicts', async () => {
    const s = await sessionOf();
    const { tickets } = await confirmedIn(s.sessionId, 2);
    clock.set(await fromStart(s.sessionId, 15));
    const [one, two] = tickets.map((t) => t.code) as [string, string];
    const batch = [
      entry(s.sessionId, await fromStart(s.sessionId, -3), { code: one, gate: 'East' }),
      entry(s.sessionId, await fromStart(s.sessionId, -2), { code: one, gate: 'West' }),
      entry(s.sessionId, await fromStart(s.sessionId, -1), { code: two, gate: 'West' }),
      entry(s.sessionId, await fromStart(s.sessionId, 1), { code: 'T1.forged', gate: 'West' }),
    ];
    // Uploaded out of order: each ticket's scans are decided in scan order all the same.
    const first = await upload([batch[1], batch[0], batch[3], batch[2]] as OfflineScan[]);
    expect(first.results.map((r) => r.outcome)).toEqual(['already_in', 'admitted', 'invalid', 'admitted']);
    expect(first.conflicts.map((k) => k.kind)).toEqual(['double_admission', 'invalid_code']);
    const again = await upload([batch[1], batch[0], batch[3], batch[2]] as OfflineScan[]);
    const withoutReplay = (r: { replayed: boolean }) => ({ ...r, replayed: null });
    expect(again.results.map(withoutReplay)).toEqual(first.results.map(withoutReplay));
    expect(again.results.every((r) => r.replayed)).toBe(true);
    expect(again.conflicts).toEqual(first.conflicts);
    expect(await openConflicts(s.sessionId)).toHaveLength(2);
  });

  it('refuses an upload with a future scan time or an unknown session, and records nothing', async () => {
    const s = await sessionOf();
    const { tickets } = await confirmedIn(s.sessionId, 1);
    clock.set(await fromStart(s.sessionId, 0));
    const good = entry(s.sessionId, await fromStart(s.sessionId, -1), { code: tickets[0]?.code });
    const future = entry(s.sessionId, await fromStart(s.sessionId, 30), { code: tickets[0]?.code });
    const stranger = entry('ses_00000000000000000000', await fromStart(s.sessionId, -1), {
      code: tickets[0]?.code,
    });
    expect(await codeOf(upload([good, future, stranger]))).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { errors: [{ field: 'scans.1.scannedAt' }, { field: 'scans.2.sessionId' }] },
    });
    expect(await c.deps.admissions.getScan(w.orgId, s.sessionId, good.nonce)).toBeUndefined();
  });

  it('a scan the device refused makes no conflict', async () => {
    const s = await sessionOf();
    clock.set(await fromStart(s.sessionId, 0));
    const refused = entry(s.sessionId, await fromStart(s.sessionId, -1), {
      code: 'T1.forged',
      deviceOutcome: 'refused',
    });
    const answer = await upload([refused]);
    expect(answer.results[0]).toMatchObject({ outcome: 'invalid', conflictId: null });
    expect(await openConflicts(s.sessionId)).toEqual([]);
  });
});

describe('check-in lists', () => {
  it('their rules apply instead of the event: window, no re-entry, sessions not on the list', async () => {
    // The event would let people in an hour early and again after going out; the list does not.
    const s = await sessionOf({ checkinOpensMinutesBefore: 60, checkinReentry: true });
    const elsewhere = await sessionOf();
    const list = await createCheckinList(c.deps, owner, w.orgId, {
      name: 'Front door',
      sessionIds: [s.sessionId],
      reentry: false,
      opensMinutesBefore: 10,
      closesMinutesAfter: 5,
    });
    const { tickets } = await confirmedIn(s.sessionId, 2);
    const [one, two] = tickets.map((t) => t.code) as [string, string];
    const other = await confirmedIn(elsewhere.sessionId, 1);
    const session = await c.deps.sessions.get(w.orgId, s.sessionId);
    const afterEnd = new Date(Date.parse(session?.endsAt ?? '') + 6 * 60_000);
    clock.set(afterEnd);
    const listId = list.listId;
    const answer = await upload([
      entry(s.sessionId, await fromStart(s.sessionId, -11), { code: one, listId }),
      entry(s.sessionId, await fromStart(s.sessionId, -9), { code: one, listId }),
      { ...entry(s.sessionId, await fromStart(s.sessionId, 20), { code: one, listId }), direction: 'exit' },
      entry(s.sessionId, await fromStart(s.sessionId, 30), { code: one, listId }),
      entry(s.sessionId, afterEnd, { code: two, listId }),
      // Its time does not matter: a session the list does not take is refused at any time.
      entry(elsewhere.sessionId, afterEnd, { code: other.tickets[0]?.code, listId }),
    ]);
    expect(answer.results.map((r) => r.outcome)).toEqual([
      'too_early',
      'admitted',
      'exited',
      'already_in',
      'too_late',
      'wrong_session',
    ]);
    expect(answer.conflicts.map((k) => k.kind)).toEqual([
      'outside_window',
      'double_admission',
      'outside_window',
      'wrong_session',
    ]);
    // Without the list, the event's rules: the other session's ticket is admitted there.
    clock.set(await fromStart(elsewhere.sessionId, 0));
    expect(
      await scanTicket(c.deps, door, w.orgId, {
        sessionId: elsewhere.sessionId,
        method: 'qr',
        code: other.tickets[0]?.code,
        direction: 'entry',
        gate: 'North',
        scannedAt: (await fromStart(elsewhere.sessionId, 0)).toISOString(),
        nonce: 'no-list-000001',
      }),
    ).toMatchObject({ outcome: 'admitted' });
  });

  it('a list names sessions of its organization, and a download under it shows its rules', async () => {
    const s = await sessionOf();
    expect(
      await codeOf(
        createCheckinList(c.deps, owner, w.orgId, {
          name: 'Bad',
          sessionIds: [s.sessionId, 'ses_00000000000000000000'],
          reentry: true,
          opensMinutesBefore: 0,
          closesMinutesAfter: 0,
        }),
      ),
    ).toMatchObject({ code: 'VALIDATION_FAILED', details: { errors: [{ field: 'sessionIds.1' }] } });
    const list = await createCheckinList(c.deps, owner, w.orgId, {
      name: 'Side door',
      sessionIds: [s.sessionId, s.sessionId],
      reentry: false,
      opensMinutesBefore: 15,
      closesMinutesAfter: 30,
    });
    expect(list.sessionIds).toEqual([s.sessionId]);
    const session = await c.deps.sessions.get(w.orgId, s.sessionId);
    const offline = await offlineCheckinList(c.deps, door, w.orgId, s.sessionId, { listId: list.listId });
    expect(offline.rules).toEqual({
      opensAt: (await fromStart(s.sessionId, -15)).toISOString(),
      closesAt: new Date(Date.parse(session?.endsAt ?? '') + 30 * 60_000).toISOString(),
      reentry: false,
      admits: true,
    });
    const elsewhere = await sessionOf();
    expect(
      await codeOf(offlineCheckinList(c.deps, door, w.orgId, elsewhere.sessionId, { listId: list.listId })),
    ).toMatchObject({ code: 'VALIDATION_FAILED', details: { errors: [{ field: 'listId' }] } });
    // The door may read lists, not make them.
    expect(
      await codeOf(
        createCheckinList(c.deps, door, w.orgId, {
          name: 'Mine',
          sessionIds: [s.sessionId],
          reentry: true,
          opensMinutesBefore: 0,
          closesMinutesAfter: 0,
        }),
      ),
    ).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('conflicts', () => {
  it('staff list the open ones and resolve each once: the same answer again is fine, another is refused', async () => {
    const s = await sessionOf();
    const { tickets } = await confirmedIn(s.sessionId, 1);
    clock.set(await fromStart(s.sessionId, 5));
    const code = tickets[0]?.code;
    const { conflicts } = await upload([
      entry(s.sessionId, await fromStart(s.sessionId, -2), { code, gate: 'A' }),
      entry(s.sessionId, await fromStart(s.sessionId, -1), { code, gate: 'B' }),
    ]);
    const conflictId = conflicts[0]?.conflictId ?? '';
    expect((await openConflicts(s.sessionId)).map((k) => k.conflictId)).toEqual([conflictId]);

    const resolved = await resolveConflict(c.deps, owner, w.orgId, conflictId, {
      resolution: 'accepted',
      note: 'Same person, came round the other side',
    });
    expect(resolved).toMatchObject({
      status: 'resolved',
      resolution: 'accepted',
      resolvedBy: owner.sub,
      resolvedAt: expect.any(String),
    });
    expect(await resolveConflict(c.deps, owner, w.orgId, conflictId, { resolution: 'accepted' })).toEqual(
      resolved,
    );
    expect(
      await codeOf(resolveConflict(c.deps, owner, w.orgId, conflictId, { resolution: 'rejected' })),
    ).toMatchObject({ code: 'CONFLICT', details: { resolution: 'accepted' } });
    expect(await openConflicts(s.sessionId)).toEqual([]);
    const done = await listConflicts(c.deps, owner, w.orgId, s.sessionId, 'resolved', { limit: 10 });
    expect(done.items).toEqual([resolved]);
    // Resolving changes no admission: the ticket is in once, through gate A.
    expect(
      await c.deps.admissions.getAdmission({
        orgId: w.orgId,
        sessionId: s.sessionId,
        ticketId: tickets[0]?.ticketId ?? '',
      }),
    ).toMatchObject({ entries: 1, gate: 'A' });
    expect(
      await codeOf(
        resolveConflict(c.deps, owner, w.orgId, `cfl_${s.sessionId.slice(4)}_nosuchscan`, {
          resolution: 'accepted',
        }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await codeOf(resolveConflict(c.deps, door, w.orgId, conflictId, { resolution: 'accepted' })),
    ).toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
