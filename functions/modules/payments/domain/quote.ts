import type { Booking } from '../../bookings/index.js';
import type { Event } from '../../catalog/index.js';
import { type FeeSetting, priceQuote, type TaxSetting } from '../../pricing/index.js';
import type { Quote } from './model.js';

export type { FeeSetting, TaxSetting };

/** The name of the one ticket line of an event sold at a single price. */
export const admissionLineName = 'Admission';

export interface QuoteInput {
  unitAmount: number;
  currency: string;
  seats: number;
  tax: TaxSetting | null;
  fee: FeeSetting;
}

/**
 * The quote of an event sold at one price: one ticket line (no category) priced by the pricing
 * module's `priceQuote`, with the organizer's tax and the platform's fee.
 */
export const quote = ({ unitAmount, currency, seats, tax, fee }: QuoteInput): Quote =>
  priceQuote({
    currency,
    tickets: [{ categoryId: null, name: admissionLineName, seats, unitAmount }],
    discount: null,
    tax,
    fee,
  });

/**
 * What a held booking pays: the ticket categories it bought at the prices it was booked at, or,
 * for an event that sells none, the event's one price for each place. Null when that is free.
 */
export const bookingQuote = (
  booking: Pick<Booking, 'seats' | 'tickets'>,
  event: Pick<Event, 'price'>,
  tax: TaxSetting | null,
  fee: FeeSetting,
): Quote | null => {
  const first = booking.tickets[0];
  if (first) {
    const tickets = booking.tickets.map(({ categoryId, name, seats, unitAmount }) => ({
      categoryId,
      name,
      seats,
      unitAmount,
    }));
    const priced = priceQuote({ currency: first.currency, tickets, discount: null, tax, fee });
    return priced.total > 0 ? priced : null;
  }
  if (event.price.kind !== 'paid') return null;
  return quote({
    unitAmount: event.price.amountMinor,
    currency: event.price.currency,
    seats: booking.seats,
    tax,
    fee,
  });
};
