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
