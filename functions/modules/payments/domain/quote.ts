import type { Booking } from '../../bookings/index.js';
import type { Event } from '../../catalog/index.js';
import {
  admissionLineName,
  type FeeSetting,
  priceQuote,
  type TaxSetting,
  ticketLinesOf,
} from '../../pricing/index.js';
import type { Quote } from './model.js';

export type { FeeSetting, TaxSetting };

export { admissionLineName };

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
 * What a held booking pays: its ticket lines (categories as bought, or the event's one price) less
 * its promo code's discount, with tax and fee. Null when that comes to nothing.
 */
export const bookingQuote = (
  booking: Pick<Booking, 'seats' | 'tickets' | 'discount'>,
  event: Pick<Event, 'price'>,
  tax: TaxSetting | null,
  fee: FeeSetting,
): Quote | null => {
  const lines = ticketLinesOf(booking, event);
  if (!lines) return null;
  const priced = priceQuote({ ...lines, discount: booking.discount, tax, fee });
  return priced.total > 0 ? priced : null;
};
