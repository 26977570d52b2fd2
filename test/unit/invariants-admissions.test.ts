import { describe, expect, it } from 'vitest';
import { admissionChecks, stampWindowMs } from '../../scripts/invariants/admission-checks.js';
import { checkInvariants, defaultChecks } from '../../scripts/invariants/check.js';
import type { RawItem } from '../../scripts/invariants/snapshot.js';
import { formatViolation } from '../../scripts/invariants/violation.js';
import { admission, changedBooking, evening, scan } from './invariants-admission-items.js';
import { counter, session } from './invariants-items.js';

/** The admission checks over hand-made admissions, scan records and bookings of one session. */

const ses = 'ses_d';
const check = (items: RawItem[]) => checkInvariants(items, admissionChecks);
const failing = (items: RawItem[]) => check(items).violations.map((v) => v.check);
const lines = (items: RawItem[]) => check(items).violations.map(formatViolation);

/**
 * bkg_a (2 places): place 1 in, out, in again, with a refused scan between; place 2 in and out.
 * bkg_b (1 place): never came.
 */
const evening1 = (): RawItem[] => [
  changedBooking(ses, 'bkg_a', 'confirmed', 2),
  changedBooking(ses, 'bkg_b', 'confirmed', 1),
  scan(ses, 'bkg_a-1', 'admitted', evening(0)),
  scan(ses, 'bkg_a-1', 'already_in', evening(1)),
  scan(ses, 'bkg_a-1', 'exited', evening(30)),
  scan(ses, 'bkg_a-1', 'admitted', evening(45)),
  admission(ses, 'bkg_a-1', 'in', 2, evening(45)),
  scan(ses, 'bkg_a-2', 'admitted', evening(5)),
  scan(ses, 'bkg_a-2', 'exited', evening(60)),
  scan(ses, 'bkg_a-2', 'not_in', evening(61)),
  admission(ses, 'bkg_a-2', 'out', 1, evening(60)),
];

/** The items without those that match `drop`. */
const without = (items: RawItem[], drop: (i: RawItem) => boolean) => items.filter((i) => !drop(i));

describe('admission invariants', () => {
  it('pass a consistent evening, with every other check too', () => {
    const items = [
      session(ses, 'general', 10),
      counter(ses, { capacity: 10, available: 7, held: 0, confirmed: 3 }),
      ...evening1(),
    ];
    const report = checkInvariants(items, defaultChecks(new Date(evening(120))));
    expect(report.violations).toEqual([]);
    expect(report).toMatchObject({ ok: true, admissions: 2, insideAfterCancel: 0 });
    expect(report.checks).toEqual(
      expect.arrayContaining([
        'admission-has-booking',
        'one-admission-per-ticket',
        'inside-ticket-confirmed',
        'entries-match-scans',
        'no-entry-while-inside',
      ]),
    );
  });

  describe('admission-has-booking', () => {
    it('reports a missing booking, a place beyond the seats, another booking, and no ticket id', () => {
      const other = { ...admission(ses, 'bkg_b-1', 'out', 1), bookingId: 'bkg_a' };
      const items = [
        ...evening1(),
        admission(ses, 'bkg_gone-1', 'out', 1),
        admission(ses, 'bkg_a-3', 'out', 1),
        other,
        { ...admission(ses, 'walk-in', 'out', 1), bookingId: 'bkg_a' },
      ];
      const found = check(items).violations.filter((v) => v.check === 'admission-has-booking');
      expect(found.map((v) => v.detail)).toEqual([
        'ticket bkg_gone-1 has an admission, its booking is missing',
        'ticket bkg_a-3 is place 3 of a booking of 2 seats',
        'ticket bkg_b-1 names booking bkg_b, its admission bkg_a',
        'ticket walk-in is not a ticket id',
      ]);
      expect(found[0]).toMatchObject({ sessionId: ses, bookingId: 'bkg_gone' });
    });
  });

  describe('one-admission-per-ticket', () => {
    it('reports a ticket with two admissions', () => {
      const items = [...evening1(), admission(ses, 'bkg_a-2', 'out', 1, evening(60))];
      expect(lines(items).filter((l) => l.startsWith('[one-admission-per-ticket]'))).toEqual([
        `[one-admission-per-ticket] org=org_a session=${ses} booking=bkg_a : ticket bkg_a-2 has 2 admissions`,
      ]);
    });
  });

  describe('inside-ticket-confirmed', () => {
    const cancelledAt = (at: string) => (i: RawItem) =>
      i.bookingId === 'bkg_a' && i.__edb_e__ === 'booking'
        ? changedBooking(ses, 'bkg_a', 'cancelled', 2, at)
        : i;

    it('counts a ticket inside whose booking was cancelled after the entry, and reports none', () => {
      const items = evening1().map(cancelledAt(evening(50)));
      const report = check(items);
      expect(report.violations).toEqual([]);
      expect(report.insideAfterCancel).toBe(1);
    });

    it('allows a cancellation stamped just before the entry it committed after (the stamp window)', () => {
      const justBefore = new Date(Date.parse(evening(45)) - stampWindowMs / 2).toISOString();
      expect(check(evening1().map(cancelledAt(justBefore))).insideAfterCancel).toBe(1);
    });

    it('reports a ticket inside whose booking was cancelled before the entry, or is held or expired', () => {
      const cancelled = evening1().map(cancelledAt(evening(10)));
      expect(lines(cancelled)).toEqual([
        `[inside-ticket-confirmed] org=org_a session=${ses} booking=bkg_a : ticket bkg_a-1 is inside since ${evening(45)}, its booking is cancelled (last changed ${evening(10)})`,
      ]);
      const held = evening1().map((i) =>
        i.bookingId === 'bkg_a' && i.__edb_e__ === 'booking' ? changedBooking(ses, 'bkg_a', 'held', 2) : i,
      );
      expect(failing(held)).toEqual(['inside-ticket-confirmed']);
      expect(check(held).insideAfterCancel).toBe(0);
    });

    it('leaves a ticket that went out alone, whatever its booking became', () => {
      const items = [
        changedBooking(ses, 'bkg_c', 'cancelled', 1, evening(-60)),
        scan(ses, 'bkg_c-1', 'admitted', evening(0)),
        scan(ses, 'bkg_c-1', 'exited', evening(5)),
        admission(ses, 'bkg_c-1', 'out', 1, evening(5)),
      ];
      expect(failing(items)).toEqual([]);
    });
  });

  describe('entries-match-scans', () => {
    it('reports entries without their scans, exits beyond the entries, and scans without an admission', () => {
      const items = [
        ...without(
          evening1(),
          (i) => i.ticketId === 'bkg_a-1' && i.outcome === 'admitted' && i.recordedAt === evening(45),
        ),
        scan(ses, 'bkg_a-2', 'exited', evening(70)),
        scan(ses, 'bkg_b-1', 'admitted', evening(15)),
      ];
      expect(check(items).violations.map((v) => v.detail)).toEqual([
        'ticket bkg_a-1 has 1 admitted and 1 exited scans; its admission is in with 2 entries',
        'ticket bkg_a-2 has 1 admitted and 2 exited scans; its admission is out with 1 entries',
        'ticket bkg_b-1 has 1 admitted and 0 exited scans and no admission',
      ]);
      expect(failing(items)).toEqual(['entries-match-scans', 'entries-match-scans', 'entries-match-scans']);
    });

    it('reports an admission inside whose exits equal its entries', () => {
      const items = [
        changedBooking(ses, 'bkg_c', 'confirmed', 1),
        scan(ses, 'bkg_c-1', 'admitted', evening(0)),
        scan(ses, 'bkg_c-1', 'exited', evening(5)),
        admission(ses, 'bkg_c-1', 'in', 1, evening(0)),
      ];
      expect(failing(items)).toEqual(['entries-match-scans']);
    });
  });

  describe('no-entry-while-inside', () => {
    it('reports a ticket admitted twice without going out between', () => {
      const items = [
        changedBooking(ses, 'bkg_c', 'confirmed', 1),
        scan(ses, 'bkg_c-1', 'admitted', evening(0)),
        scan(ses, 'bkg_c-1', 'admitted', evening(3)),
        scan(ses, 'bkg_c-1', 'exited', evening(9)),
        admission(ses, 'bkg_c-1', 'in', 2, evening(3)),
      ];
      const found = check(items).violations.filter((v) => v.check === 'no-entry-while-inside');
      expect(found).toHaveLength(1);
      expect(found[0]?.detail).toMatch(
        new RegExp(
          `^ticket bkg_c-1 was admitted again by scan n-\\d+ at ${evening(3).replaceAll('.', '\\.')}`,
        ),
      );
    });

    it('orders moves by when they were recorded: an offline entry scanned before an exit it followed', () => {
      // Out at 19:20; an offline scanner let the ticket in at 19:15 by its own clock and uploaded at 19:40.
      const items = [
        changedBooking(ses, 'bkg_c', 'confirmed', 1),
        scan(ses, 'bkg_c-1', 'admitted', evening(10)),
        scan(ses, 'bkg_c-1', 'exited', evening(20)),
        scan(ses, 'bkg_c-1', 'admitted', evening(40), evening(15)),
        admission(ses, 'bkg_c-1', 'in', 2, evening(15)),
      ];
      expect(failing(items)).toEqual([]);
    });

    it('takes moves stamped alike in the order that fits, and still reports two entries stamped alike', () => {
      const tied = [
        changedBooking(ses, 'bkg_c', 'confirmed', 1),
        scan(ses, 'bkg_c-1', 'admitted', evening(0)),
        // A clock that did not move: the second entry and the exit before it carry one stamp.
        scan(ses, 'bkg_c-1', 'admitted', evening(5)),
        scan(ses, 'bkg_c-1', 'exited', evening(5)),
        admission(ses, 'bkg_c-1', 'in', 2, evening(5)),
      ];
      expect(failing(tied)).toEqual([]);
      const doubled = [
        changedBooking(ses, 'bkg_c', 'confirmed', 1),
        scan(ses, 'bkg_c-1', 'admitted', evening(5)),
        scan(ses, 'bkg_c-1', 'admitted', evening(5)),
        admission(ses, 'bkg_c-1', 'in', 2, evening(5)),
      ];
      expect(failing(doubled)).toEqual(['entries-match-scans', 'no-entry-while-inside']);
    });
  });
});
