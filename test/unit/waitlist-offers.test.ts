import { describe, expect, it } from 'vitest';
import {
  maxSkippedPerOffer,
  offerDeadline,
  planOffers,
  type WaitingSlot,
} from '../../functions/modules/bookings/domain/waitlist-model.js';
import { offerSeats } from '../../functions/modules/bookings/domain/waitlist-offers.js';
import type { Seating } from '../../functions/modules/catalog/domain/session.js';

/** Which waiting entries get an offer when places come free, and which places an offer holds. */

/** A waiting line of these party sizes; `skips` by entry id where an entry was passed over before. */
const line = (sizes: number[], skips: Record<string, number> = {}): WaitingSlot[] =>
  sizes.map((partySize, i) => ({
    entryId: `e${i + 1}`,
    position: i + 1,
    partySize,
    tickets: [],
    skips: skips[`e${i + 1}`] ?? 0,
  }));

const fifo = { waitlistPolicy: 'fifo', waitlistMaxSkips: 3 } as const;
const fit = { waitlistPolicy: 'fit', waitlistMaxSkips: 3 } as const;

/** Each planned offer as `entryId <- skipped entry ids`. */
const summary = (slots: WaitingSlot[], available: number, settings: typeof fifo | typeof fit) =>
  planOffers(slots, available, settings).map(
    ({ slot, skipped }) => `${slot.entryId} <- ${skipped.map((s) => s.entryId).join(',')}`,
  );

describe('waitlist offer planning', () => {
  it('fifo: offers the head of the line, in order, while its party fits', () => {
    expect(summary(line([2, 1, 3]), 3, fifo)).toEqual(['e1 <- ', 'e2 <- ']);
    expect(summary(line([1, 1, 1]), 5, fifo)).toEqual(['e1 <- ', 'e2 <- ', 'e3 <- ']);
  });

  it('fifo: a party that does not fit waits, and nobody behind it passes it', () => {
    expect(summary(line([3, 1, 1]), 2, fifo)).toEqual([]);
    // e2 does not fit the one place left after e1, so e3 (which would) waits too.
    expect(summary(line([1, 2, 1]), 2, fifo)).toEqual(['e1 <- ']);
  });

  it('fit: passes over parties that do not fit, counting each offer that passed them', () => {
    // Two places: e1 (3) is passed for e2; then e3 (2) no longer fits and is passed for e4.
    expect(summary(line([3, 1, 2, 1]), 2, fit)).toEqual(['e2 <- e1', 'e4 <- e3']);
  });

  it('fit: counts no skip for parties passed when no offer follows them', () => {
    expect(summary(line([1, 4, 4]), 1, fit)).toEqual(['e1 <- ']);
    expect(summary(line([1, 4, 4]), 2, fit)).toEqual(['e1 <- ']);
  });

  it('fit: an entry passed over its maximum number of times blocks everyone behind it', () => {
    expect(summary(line([3, 1], { e1: 2 }), 2, fit)).toEqual(['e2 <- e1']);
    expect(summary(line([3, 1], { e1: 3 }), 2, fit)).toEqual([]);
    // A blocked entry further back still lets those ahead of it be offered.
    expect(summary(line([1, 3, 1], { e2: 3 }), 2, fit)).toEqual(['e1 <- ']);
  });

  it(`fit: passes at most ${maxSkippedPerOffer} entries for one offer`, () => {
    const tooBig = Array.from({ length: maxSkippedPerOffer }, () => 5);
    const passed = tooBig.map((_, i) => `e${i + 1}`);
    expect(summary(line([...tooBig, 1]), 1, fit)).toEqual([
      `e${maxSkippedPerOffer + 1} <- ${passed.join(',')}`,
    ]);
    expect(summary(line([...tooBig, 5, 1]), 1, fit)).toEqual([]);
  });

  it('passes over, without a skip, an entry whose ticket category has no places left; under either policy', () => {
    const slots = line([1, 1, 2]).map((slot, i) => ({
      ...slot,
      tickets: [{ categoryId: i === 0 ? 'vip' : 'std', seats: slot.partySize }],
    }));
    const room = new Map([
      ['vip', 0],
      ['std', 1],
    ]);
    for (const settings of [fifo, fit]) {
      // e1 waits for VIP (none left); e2 takes Standard's last place; e3 (2 Standard) finds none.
      const plan = planOffers(slots, 3, settings, room);
      expect(plan.map(({ slot, skipped }) => [slot.entryId, skipped.length])).toEqual([['e2', 0]]);
    }
    // A category without a quota is not in the map: only the session's places bound it.
    expect(planOffers(slots, 4, fifo, new Map([['vip', 1]])).map((o) => o.slot.entryId)).toEqual([
      'e1',
      'e2',
      'e3',
    ]);
  });

  it('plans nothing without free places or without anyone waiting', () => {
    expect(planOffers(line([1, 1]), 0, fit)).toEqual([]);
    expect(planOffers([], 4, fifo)).toEqual([]);
  });

  it('gives an offer offerMinutes to answer, never past the session start', () => {
    const now = new Date('2030-01-01T18:00:00.000Z');
    expect(offerDeadline(now, { offerMinutes: 30 }, '2030-01-01T19:00:00.000Z')).toBe(
      '2030-01-01T18:30:00.000Z',
    );
    expect(offerDeadline(now, { offerMinutes: 90 }, '2030-01-01T19:00:00.000Z')).toBe(
      '2030-01-01T19:00:00.000Z',
    );
  });
});

describe('places an offer holds', () => {
  const seated: Seating = { mode: 'seated', seats: ['A1', 'A2', 'A3', 'A4', 'B1', 'B2'] };
  const attendee = (partySize: number) => ({ partySize, partyId: null });
  const party = (partySize: number) => ({ partySize, partyId: 'pty_x' });

  it('holds no seat at general admission', () => {
    expect(offerSeats({ mode: 'general' }, new Set(), party(3))).toEqual([]);
  });

  it('gives an attendee the lowest free seats and a party free seats next to each other', () => {
    expect(offerSeats(seated, new Set(['A2']), attendee(2))).toEqual(['A1', 'A3']);
    expect(offerSeats(seated, new Set(['A2']), party(2))).toEqual(['A3', 'A4']);
  });

  it('seats a party at one table when one has room', () => {
    const seating: Seating = {
      mode: 'tables',
      tables: [
        { name: 'T1', capacity: 2 },
        { name: 'T2', capacity: 4 },
      ],
    };
    expect(offerSeats(seating, new Set(['T1-1']), party(3))).toEqual(['T2-1', 'T2-2', 'T2-3']);
  });

  it('answers undefined when fewer places are free than the party needs', () => {
    expect(offerSeats(seated, new Set(['A1', 'A2', 'A3', 'A4']), party(3))).toBeUndefined();
  });
});
