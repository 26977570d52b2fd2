import type { AdmissionItem, ScanItem } from './admission-items.js';
import { type SessionCheck, violation } from './check-types.js';
import type { BookingItem, SessionSnapshot } from './snapshot.js';

/**
 * Invariant 5 of the design and what the door's transaction keeps: an admission stands for a real
 * place of a booking of its session, it moves only with a scan that says so, and a ticket is
 * never let in twice without going out between.
 *
 * A ticket inside whose booking is cancelled is not a violation when the cancellation came after
 * the entry: each scan checks, in its own transaction, that the booking is confirmed, but a
 * cancellation does not touch admissions (the person is still in the hall; their ticket is only
 * revoked for the next scan). Such tickets are counted (`insideAfterCancel`). Which came first is
 * read from the booking's last change and the entry's `recordedAt`; both are stamped before their
 * transaction commits, so a cancellation committed just after an entry may carry a stamp up to the
 * length of a commit earlier: `stampWindowMs` allows for it.
 */

export const stampWindowMs = 30_000;

/** `${bookingId}-${place}`, as the tickets module writes ticket ids. */
const placeOf = (ticketId: string): { bookingId: string; place: number } | undefined => {
  const match = /^(bkg_[a-z0-9]+)-([1-9][0-9]?)$/.exec(ticketId);
  return match ? { bookingId: match[1] as string, place: Number(match[2]) } : undefined;
};

type Move = ScanItem & { ticketId: string; outcome: 'admitted' | 'exited' };

const isMove = (s: ScanItem): s is Move =>
  s.ticketId !== undefined && (s.outcome === 'admitted' || s.outcome === 'exited');

/** A session's entries and exits per ticket, in the order they were decided (`recordedAt`). */
const movesByTicket = (s: SessionSnapshot): Map<string, Move[]> => {
  const byTicket = new Map<string, Move[]>();
  for (const m of (s.scans ?? []).filter(isMove))
    byTicket.set(m.ticketId, [...(byTicket.get(m.ticketId) ?? []), m]);
  for (const moves of byTicket.values()) moves.sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
  return byTicket;
};

const bookingsOf = (s: SessionSnapshot): Map<string, BookingItem> =>
  new Map(s.bookings.map((b) => [b.bookingId, b]));

const ticketAt = (a: AdmissionItem) => ({ bookingId: a.bookingId });

export const admissionHasBooking: SessionCheck = {
  name: 'admission-has-booking',
  rule: "an admission's ticket names a booking of its session (the admission's own) and a place within its seats",
  run: (s) => {
    const bookings = bookingsOf(s);
    return (s.admissions ?? []).flatMap((a) => {
      const place = placeOf(a.ticketId);
      const fail = (why: string) => [
        violation('admission-has-booking', s, `ticket ${a.ticketId} ${why}`, ticketAt(a)),
      ];
      if (!place) return fail('is not a ticket id');
      if (place.bookingId !== a.bookingId)
        return fail(`names booking ${place.bookingId}, its admission ${a.bookingId}`);
      const b = bookings.get(a.bookingId);
      if (!b) return fail('has an admission, its booking is missing');
      if (place.place > b.seats) return fail(`is place ${place.place} of a booking of ${b.seats} seats`);
      return [];
    });
  },
};

/** The moment the ticket last went in: its last entry's `recordedAt`, else the admission's move. */
const lastEntryAt = (a: AdmissionItem, moves: readonly Move[] | undefined): string =>
  moves?.filter((m) => m.outcome === 'admitted').at(-1)?.recordedAt ?? a.at;

/** A ticket inside whose booking was cancelled after its entry (see above), or undefined. */
const cancelledAfterEntry = (a: AdmissionItem, b: BookingItem, moves: readonly Move[] | undefined) =>
  b.status === 'cancelled' &&
  b.updatedAt !== undefined &&
  Date.parse(b.updatedAt) >= Date.parse(lastEntryAt(a, moves)) - stampWindowMs;

export const insideTicketConfirmed: SessionCheck = {
  name: 'inside-ticket-confirmed',
  rule: 'a ticket inside belongs to a confirmed booking, or to one cancelled after its entry (counted as insideAfterCancel)',
  run: (s) => {
    const bookings = bookingsOf(s);
    const moves = movesByTicket(s);
    return (s.admissions ?? [])
      .filter((a) => a.state === 'in')
      .flatMap((a) => {
        const b = bookings.get(a.bookingId);
        // A missing booking is admission-has-booking's to report.
        if (!b || b.status === 'confirmed' || cancelledAfterEntry(a, b, moves.get(a.ticketId))) return [];
        const when = b.status === 'cancelled' ? ` (last changed ${b.updatedAt ?? 'at an unknown time'})` : '';
        return [
          violation(
            'inside-ticket-confirmed',
            s,
            `ticket ${a.ticketId} is inside since ${lastEntryAt(a, moves.get(a.ticketId))}, its booking is ${b.status}${when}`,
            ticketAt(a),
          ),
        ];
      });
  },
};

/** Tickets inside whose booking was cancelled after their entry: counted, not reported. */
export const insideAfterCancel = (s: SessionSnapshot): number => {
  const bookings = bookingsOf(s);
  const moves = movesByTicket(s);
  return (s.admissions ?? []).filter((a) => {
    const b = bookings.get(a.bookingId);
    return a.state === 'in' && b !== undefined && cancelledAfterEntry(a, b, moves.get(a.ticketId));
  }).length;
};

export const entriesMatchScans: SessionCheck = {
  name: 'entries-match-scans',
  rule: "a ticket's admitted scans number its admission's entries, and its exited scans as many (out) or one fewer (in)",
  run: (s) => {
    const moves = movesByTicket(s);
    const admissions = new Map((s.admissions ?? []).map((a) => [a.ticketId, a]));
    const tickets = new Set([...moves.keys(), ...admissions.keys()]);
    return [...tickets].flatMap((ticketId) => {
      const a = admissions.get(ticketId);
      const ticketMoves = moves.get(ticketId) ?? [];
      const entries = ticketMoves.filter((m) => m.outcome === 'admitted').length;
      const exits = ticketMoves.length - entries;
      const at = { bookingId: a?.bookingId ?? placeOf(ticketId)?.bookingId ?? '' };
      const scans = `${entries} admitted and ${exits} exited scans`;
      if (!a) {
        return [violation('entries-match-scans', s, `ticket ${ticketId} has ${scans} and no admission`, at)];
      }
      const expectedExits = a.state === 'in' ? a.entries - 1 : a.entries;
      if (entries === a.entries && exits === expectedExits) return [];
      return [
        violation(
          'entries-match-scans',
          s,
          `ticket ${ticketId} has ${scans}; its admission is ${a.state} with ${a.entries} entries`,
          at,
        ),
      ];
    });
  },
};

export const oneAdmissionPerTicket: SessionCheck = {
  name: 'one-admission-per-ticket',
  rule: 'a ticket has at most one admission',
  run: (s) => {
    const count = new Map<string, AdmissionItem[]>();
    for (const a of s.admissions ?? []) count.set(a.ticketId, [...(count.get(a.ticketId) ?? []), a]);
    return [...count.values()]
      .filter((same) => same.length > 1)
      .map((same) =>
        violation(
          'one-admission-per-ticket',
          s,
          `ticket ${same[0]?.ticketId} has ${same.length} admissions`,
          ticketAt(same[0] as AdmissionItem),
        ),
      );
  },
};

/**
 * Replays a ticket's moves in the order they were decided and answers the entries made while it
 * was inside. Moves stamped alike (a clock that did not move between them) may have been decided
 * in either order: among them, the one that fits (an exit while inside, an entry while out) is
 * taken first.
 */
const entriesWhileInside = (moves: readonly Move[]): Move[] => {
  const doubled: Move[] = [];
  let inside = false;
  for (let i = 0; i < moves.length; ) {
    const stamp = moves[i]?.recordedAt;
    const tied = moves.slice(i).filter((m) => m.recordedAt === stamp);
    i += tied.length;
    while (tied.length > 0) {
      const fits = tied.findIndex((m) => (m.outcome === 'admitted') !== inside);
      const [next] = tied.splice(Math.max(fits, 0), 1) as [Move];
      if (next.outcome === 'admitted' && inside) doubled.push(next);
      inside = next.outcome === 'admitted';
    }
  }
  return doubled;
};

export const noEntryWhileInside: SessionCheck = {
  name: 'no-entry-while-inside',
  rule: 'no two admitted scans of a ticket without an exited scan between them (in the order they were recorded)',
  run: (s) =>
    [...movesByTicket(s)].flatMap(([ticketId, moves]) =>
      entriesWhileInside(moves).map((m) =>
        violation(
          'no-entry-while-inside',
          s,
          `ticket ${ticketId} was admitted again by scan ${m.nonce} at ${m.recordedAt} (scanned ${m.scannedAt}) while inside`,
          { bookingId: placeOf(ticketId)?.bookingId ?? '' },
        ),
      ),
    ),
};

/** The admission checks, in report order. */
export const admissionChecks: readonly SessionCheck[] = [
  admissionHasBooking,
  oneAdmissionPerTicket,
  insideTicketConfirmed,
  entriesMatchScans,
  noEntryWhileInside,
];

/** Admissions of the session (tickets that ever entered). */
export const admissionsOf = (s: SessionSnapshot): number => s.admissions?.length ?? 0;
