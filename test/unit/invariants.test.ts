import { describe, expect, it } from 'vitest';
import { checkInvariants } from '../../scripts/invariants/check.js';
import { entityNames, type RawItem } from '../../scripts/invariants/snapshot.js';
import { formatViolation } from '../../scripts/invariants/violation.js';
import { booking, counter, org, ref, seat, session } from './invariants-items.js';

/** The invariant checker as a pure function over hand-made table items. */

/** A general session of 10: 3 confirmed, 2 held, one cancelled booking that released its 4. */
const generalSession = (): RawItem[] => [
  session('ses_g', 'general', 10),
  counter('ses_g', { capacity: 10, available: 5, held: 2, confirmed: 3 }),
  booking('ses_g', 'bkg_1', 'confirmed', 3),
  booking('ses_g', 'bkg_2', 'held', 2),
  booking('ses_g', 'bkg_3', 'cancelled', 4),
];

/** A seated session of 4: A1+A2 confirmed, B1 held; A2 was once booked by an expired booking. */
const seatedSession = (): RawItem[] => [
  session('ses_s', 'seated', 4),
  counter('ses_s', { capacity: 4, available: 1, held: 1, confirmed: 2 }),
  booking('ses_s', 'bkg_a', 'confirmed', 2, ['A1', 'A2']),
  booking('ses_s', 'bkg_b', 'held', 1, ['B1']),
  booking('ses_s', 'bkg_old', 'expired', 1, ['A2']),
  seat('ses_s', 'A1', 'bkg_a'),
  seat('ses_s', 'A2', 'bkg_a'),
  seat('ses_s', 'B1', 'bkg_b', 'held'),
];

const checksFailing = (items: RawItem[]) => checkInvariants(items).violations.map((v) => v.check);

describe('invariant checker', () => {
  it('passes a consistent table and counts what it read', () => {
    const report = checkInvariants([
      ...generalSession(),
      ...seatedSession(),
      { __edb_e__: 'organization', orgId: org, name: 'ignored' },
    ]);
    expect(report.violations).toEqual([]);
    expect(report).toMatchObject({ ok: true, sessions: 2, bookings: 6, liveBookings: 4, seatItems: 3 });
  });

  it('reports a counter whose parts do not add up to its capacity', () => {
    const items = generalSession();
    items[1] = counter('ses_g', { capacity: 11, available: 5, held: 2, confirmed: 3 });
    const [v] = checkInvariants(items).violations;
    expect(v).toMatchObject({ check: 'counter-balanced', orgId: org, sessionId: 'ses_g' });
    expect(v!.detail).toBe('capacity 11 != available 5 + held 2 + confirmed 3');
  });

  it('reports a negative available count (an oversell) and the bookings that disagree with it', () => {
    const items = [
      counter('ses_o', { capacity: 2, available: -1, held: 0, confirmed: 3 }),
      booking('ses_o', 'bkg_1', 'confirmed', 2),
      booking('ses_o', 'bkg_2', 'confirmed', 2),
    ];
    const report = checkInvariants(items);
    expect(report.violations.map((v) => v.check)).toEqual([
      'counter-non-negative',
      'confirmed-matches-bookings',
    ]);
    expect(report.violations[0]!.detail).toBe('available is -1');
    expect(report.violations[1]!.detail).toBe('counter says confirmed 3, confirmed bookings hold 4 seats');
  });

  it('compares held and confirmed with the bookings separately', () => {
    const items = generalSession();
    // Same total (5) but a held booking counted as confirmed.
    items[1] = counter('ses_g', { capacity: 10, available: 5, held: 1, confirmed: 4 });
    expect(checksFailing(items)).toEqual(['held-matches-bookings', 'confirmed-matches-bookings']);
  });

  it('does not count cancelled or expired bookings', () => {
    const items = generalSession();
    items[1] = counter('ses_g', { capacity: 10, available: 1, held: 2, confirmed: 7 });
    expect(checksFailing(items)).toEqual(['confirmed-matches-bookings']);
  });

  it('reports a session without its counter', () => {
    expect(checksFailing([session('ses_x', 'general', 5)])).toEqual(['counter-present']);
    expect(checksFailing([booking('ses_y', 'bkg_1', 'cancelled', 1)])).toEqual(['counter-present']);
  });

  it('reports a seat label held by two live bookings, naming the label', () => {
    const items = [
      ...seatedSession().filter((i) => i.bookingId !== 'bkg_b'),
      counter('ses_s', { capacity: 4, available: 0, held: 2, confirmed: 2 }),
      booking('ses_s', 'bkg_c', 'held', 2, ['A1', 'B1']),
      seat('ses_s', 'B1', 'bkg_c', 'held'),
    ];
    const violations = checkInvariants(items).violations;
    const twice = violations.filter((v) => v.check === 'label-in-one-live-booking');
    expect(twice).toEqual([
      expect.objectContaining({ label: 'A1', detail: 'in live bookings bkg_a, bkg_c' }),
    ]);
    // The seat item of A1 points at bkg_a, so bkg_c's claim on it is also reported.
    expect(violations.filter((v) => v.check === 'live-booking-has-seat-items')).toEqual([
      expect.objectContaining({
        bookingId: 'bkg_c',
        label: 'A1',
        detail: 'seat item belongs to booking bkg_a',
      }),
    ]);
  });

  it('reports a live booking whose seat item is missing', () => {
    const items = seatedSession().filter((i) => !(i.__edb_e__ === entityNames.seat && i.label === 'B1'));
    expect(checkInvariants(items).violations).toEqual([
      expect.objectContaining({
        check: 'live-booking-has-seat-items',
        bookingId: 'bkg_b',
        label: 'B1',
        detail: 'no seat item',
      }),
    ]);
  });

  it('reports seat items left behind by released or missing bookings', () => {
    const items = [
      ...seatedSession(),
      seat('ses_s', 'B2', 'bkg_old'),
      seat('ses_s', 'C1', 'bkg_gone'),
      seat('ses_s', 'C2', 'bkg_a'),
    ];
    expect(checkInvariants(items).violations.map((v) => [v.label, v.detail])).toEqual([
      ['B2', 'seat item of a booking that is expired'],
      ['C1', 'seat item of a missing booking'],
      ['C2', 'the booking does not list this label'],
    ]);
  });

  it('reports a seat item whose state differs from its booking’s', () => {
    const items = seatedSession();
    items[7] = seat('ses_s', 'B1', 'bkg_b', 'confirmed');
    expect(checkInvariants(items).violations).toEqual([
      expect.objectContaining({ label: 'B1', detail: 'seat is confirmed, booking is held' }),
    ]);
  });

  it('reports a live booking of a seated session with fewer labels than seats', () => {
    const items = seatedSession();
    items[3] = booking('ses_s', 'bkg_b', 'held', 1, []);
    expect(checksFailing(items)).toEqual(['seated-booking-has-labels', 'seat-item-has-live-booking']);
  });

  it('reports an item of a known kind that lacks what the checks read', () => {
    const broken = { __edb_e__: entityNames.booking, pk: 'p', sk: 's', ...ref('ses_g'), bookingId: 'bkg_9' };
    const [v] = checkInvariants([...generalSession(), broken]).violations;
    expect(v).toMatchObject({ check: 'readable-item', orgId: org, sessionId: 'ses_g', bookingId: 'bkg_9' });
    expect(v!.detail).toContain('status');
  });

  it('lists every violation of every session, not only the first', () => {
    const items = [
      ...generalSession(),
      ...seatedSession(),
      counter('ses_g', { capacity: 10, available: -2, held: 2, confirmed: 3 }),
      counter('ses_s', { capacity: 4, available: 1, held: 0, confirmed: 2 }),
    ];
    const violations = checkInvariants(items).violations;
    expect(violations.map((v) => `${v.sessionId} ${v.check}`)).toEqual([
      'ses_g counter-balanced',
      'ses_g counter-non-negative',
      'ses_s counter-balanced',
      'ses_s held-matches-bookings',
    ]);
  });

  it('prints one line per violation naming org, session, booking and label', () => {
    expect(
      formatViolation({
        check: 'live-booking-has-seat-items',
        orgId: 'org_a',
        sessionId: 'ses_s',
        bookingId: 'bkg_b',
        label: 'B1',
        detail: 'no seat item',
      }),
    ).toBe('[live-booking-has-seat-items] org=org_a session=ses_s booking=bkg_b label=B1 : no seat item');
  });
});
