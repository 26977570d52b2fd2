import type { Booking } from '../../bookings/index.js';
import type { Admission } from './model.js';
import { placeOf, ticketIdOf } from './tickets.js';

/**
 * One row per ticket of a session for the door's export: every place of its confirmed bookings,
 * and the tickets that entered though their booking is no longer confirmed (cancelled after the
 * entry: the row says so in `bookingStatus`).
 */

export interface AdmissionRow {
  ticketId: string;
  bookingId: string;
  /** The seat of a seated booking; null for general admission. */
  seat: string | null;
  /** The attendee's name, or the party's for a party's booking. */
  attendee: string | null;
  state: 'in' | 'out' | 'not_arrived';
  firstEntryAt: string | null;
  lastMoveAt: string | null;
  /** Where the last move was made. */
  gate: string | null;
  entries: number;
  bookingStatus: Booking['status'] | null;
}

interface RowTicket {
  ticketId: string;
  bookingId: string;
  place: number;
}

const byTicket = (a: RowTicket, b: RowTicket) =>
  a.bookingId < b.bookingId ? -1 : a.bookingId > b.bookingId ? 1 : a.place - b.place;

export const admissionRows = async (
  bookings: readonly Booking[],
  admissions: readonly Admission[],
  nameOf: (b: Pick<Booking, 'attendeeId' | 'partyId'>) => Promise<string | null>,
): Promise<AdmissionRow[]> => {
  const bookingsById = new Map(bookings.map((b) => [b.bookingId, b]));
  const admissionsByTicket = new Map(admissions.map((a) => [a.ticketId, a]));
  const tickets = new Map<string, RowTicket>();
  for (const b of bookings.filter((x) => x.status === 'confirmed')) {
    for (let place = 1; place <= b.seats; place++) {
      const ticketId = ticketIdOf(b.bookingId, place);
      tickets.set(ticketId, { ticketId, bookingId: b.bookingId, place });
    }
  }
  for (const a of admissions) {
    if (!tickets.has(a.ticketId)) {
      tickets.set(a.ticketId, {
        ticketId: a.ticketId,
        bookingId: a.bookingId,
        place: placeOf(a.ticketId)?.place ?? 0,
      });
    }
  }
  return Promise.all(
    [...tickets.values()].sort(byTicket).map(async (t): Promise<AdmissionRow> => {
      const booking = bookingsById.get(t.bookingId);
      const admission = admissionsByTicket.get(t.ticketId);
      return {
        ticketId: t.ticketId,
        bookingId: t.bookingId,
        seat: booking?.seatLabels[t.place - 1] ?? null,
        attendee: await nameOf(booking ?? { attendeeId: admission?.attendeeId ?? null, partyId: null }),
        state: admission?.state ?? 'not_arrived',
        firstEntryAt: admission?.firstEntryAt ?? null,
        lastMoveAt: admission?.at ?? null,
        gate: admission?.gate ?? null,
        entries: admission?.entries ?? 0,
        bookingStatus: booking?.status ?? null,
      };
    }),
  );
};
