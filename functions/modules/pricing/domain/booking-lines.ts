import type { Event } from '../../catalog/index.js';
import { type DiscountInput, priceQuote, type TicketLineInput } from './price.js';
import type { BookingTicket } from './ticket-choice.js';

/** The name of the one ticket line of an event sold at a single price. */
export const admissionLineName = 'Admission';

/**
 * The ticket lines of a booking: its categories at the prices it was booked at, or, for an event
 * that sells none, the event's one price for each place. Null for an event without a price.
 */
export const ticketLinesOf = (
  booking: { seats: number; tickets: readonly BookingTicket[] },
  event: Pick<Event, 'price'>,
): { currency: string; tickets: TicketLineInput[] } | null => {
  const first = booking.tickets[0];
  if (first) {
    return {
      currency: first.currency,
      tickets: booking.tickets.map(({ categoryId, name, seats, unitAmount }) => ({
        categoryId,
        name,
        seats,
        unitAmount,
      })),
    };
  }
  if (event.price.kind !== 'paid') return null;
  return {
    currency: event.price.currency,
    tickets: [
      {
        categoryId: null,
        name: admissionLineName,
        seats: booking.seats,
        unitAmount: event.price.amountMinor,
      },
    ],
  };
};

/** Whether what a booking buys, less its discount, costs anything: else it confirms at once. */
export const costsSomething = (
  bought: { seats: number; tickets: readonly BookingTicket[] },
  event: Pick<Event, 'price'>,
  discount: DiscountInput | null,
): boolean => {
  const lines = ticketLinesOf(bought, event);
  return (
    lines !== null &&
    priceQuote({ ...lines, discount, tax: null, fee: { basisPoints: 0, fixedMinor: 0 } }).subtotal > 0
  );
};
