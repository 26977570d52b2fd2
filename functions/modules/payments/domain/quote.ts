import type { Quote } from './model.js';

/** The organizer's tax: a name (GST, VAT), a percentage and their registration number. */
export interface TaxSetting {
  name: string;
  ratePercent: number;
  number: string | null;
}

/** The platform's fee on each order: basis points of the subtotal plus a fixed amount. */
export interface FeeSetting {
  basisPoints: number;
  fixedMinor: number;
}

export interface QuoteInput {
  unitAmount: number;
  currency: string;
  seats: number;
  tax: TaxSetting | null;
  fee: FeeSetting;
}

/**
 * `amount x basisPoints / 10,000` rounded half up, in integers only (a float product such as
 * 333 x 7.5 % = 24.974999... would round the wrong way): minor units never carry fractions.
 */
const share = (amount: number, basisPoints: number): number =>
  Math.floor((2 * amount * basisPoints + 10_000) / 20_000);

/**
 * The one price function: unit price x seats, tax by percent on the subtotal, the platform's fee on
 * top. Ticket categories and promo codes will change the unit price and subtotal before tax.
 */
export const quote = ({ unitAmount, currency, seats, tax, fee }: QuoteInput): Quote => {
  const subtotal = unitAmount * seats;
  // The rate has at most two decimals (the contract), so in basis points it is a whole number.
  const taxAmount = tax ? share(subtotal, Math.round(tax.ratePercent * 100)) : 0;
  const feeAmount = subtotal === 0 ? 0 : share(subtotal, fee.basisPoints) + fee.fixedMinor;
  return {
    currency,
    unitAmount,
    seats,
    subtotal,
    tax: tax ? { ...tax, amount: taxAmount } : null,
    fee: feeAmount,
    total: subtotal + taxAmount + feeAmount,
  };
};
