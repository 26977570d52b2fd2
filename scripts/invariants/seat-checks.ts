import { isLive, labelsOf } from './bookings.js';
import { type SessionCheck, violation } from './check-types.js';
import type { BookingItem, SessionSnapshot } from './snapshot.js';

/** Invariant 2 of the design: a seat label belongs to at most one live booking, and seat items agree. */

export const labelInOneLiveBooking: SessionCheck = {
  name: 'label-in-one-live-booking',
  rule: 'a seat label is in at most one live booking',
  run: (s) => {
    const holders = new Map<string, string[]>();
    for (const b of s.bookings.filter(isLive)) {
      for (const label of labelsOf(b)) holders.set(label, [...(holders.get(label) ?? []), b.bookingId]);
    }
    return [...holders.entries()]
      .filter(([, ids]) => ids.length > 1)
      .map(([label, ids]) =>
        violation('label-in-one-live-booking', s, `in live bookings ${ids.join(', ')}`, {
          bookingId: ids[0]!,
          label,
        }),
      );
  },
};

/** Table sessions book their places as labels too (`${table}-${n}`). */
const isSeated = (s: SessionSnapshot): boolean =>
  s.session?.seatingMode === 'seated' || s.session?.seatingMode === 'tables';

export const seatedBookingHasLabels: SessionCheck = {
  name: 'seated-booking-has-labels',
  rule: 'a live booking of a seated or table session has one label per seat',
  run: (s) =>
    isSeated(s)
      ? s.bookings
          .filter((b) => isLive(b) && labelsOf(b).length !== b.seats)
          .map((b) =>
            violation('seated-booking-has-labels', s, `${b.seats} seats but ${labelsOf(b).length} labels`, {
              bookingId: b.bookingId,
            }),
          )
      : [],
};

export const liveBookingHasSeatItems: SessionCheck = {
  name: 'live-booking-has-seat-items',
  rule: 'every label of a live booking has its seat item, pointing at that booking',
  run: (s) => {
    const owner = new Map(s.seats.map((seat) => [seat.label, seat.bookingId]));
    return s.bookings.filter(isLive).flatMap((b) =>
      labelsOf(b)
        .filter((label) => owner.get(label) !== b.bookingId)
        .map((label) => {
          const other = owner.get(label);
          const detail = other ? `seat item belongs to booking ${other}` : 'no seat item';
          return violation('live-booking-has-seat-items', s, detail, { bookingId: b.bookingId, label });
        }),
    );
  },
};

export const seatItemHasLiveBooking: SessionCheck = {
  name: 'seat-item-has-live-booking',
  rule: 'every seat item belongs to a live booking that holds its label, in the same state',
  run: (s) => {
    const bookings = new Map<string, BookingItem>(s.bookings.map((b) => [b.bookingId, b]));
    return s.seats.flatMap((seat) => {
      const b = bookings.get(seat.bookingId);
      const at = { bookingId: seat.bookingId, label: seat.label };
      if (!b) return [violation('seat-item-has-live-booking', s, 'seat item of a missing booking', at)];
      if (!isLive(b))
        return [violation('seat-item-has-live-booking', s, `seat item of a booking that is ${b.status}`, at)];
      if (!labelsOf(b).includes(seat.label))
        return [violation('seat-item-has-live-booking', s, 'the booking does not list this label', at)];
      if (seat.state !== b.status)
        return [
          violation('seat-item-has-live-booking', s, `seat is ${seat.state}, booking is ${b.status}`, at),
        ];
      return [];
    });
  },
};
