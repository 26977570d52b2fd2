import { assertWhole, basisPointsOf, share } from './price-rounding.js';

/**
 * The price of an order: what was bought (ticket lines), less a promo code's discount, plus the
 * organizer's tax and the platform's fee. Every amount is a whole number of minor units of the
 * currency (cents, paise; for zero-decimal currencies such as JPY the minor unit is the yen), and
 * every fraction is rounded half up in integer arithmetic, so the same input always gives the same
 * cents and the total is exactly the sum of the lines.
 */

/** One thing bought: `seats` tickets of a category at the unit price its rules gave. */
export interface TicketLineInput {
  categoryId: string | null;
  name: string;
  seats: number;
  unitAmount: number;
}

/** A promo code's discount; `categoryIds` null = every category. Fixed = minor units off each ticket. */
export type DiscountInput =
  | { code: string; kind: 'percent'; percent: number; categoryIds: string[] | null }
  | { code: string; kind: 'fixed'; amountMinor: number; categoryIds: string[] | null };

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

export type QuoteLine =
  | {
      kind: 'ticket';
      categoryId: string | null;
      name: string;
      seats: number;
      unitAmount: number;
      amount: number;
    }
  | { kind: 'discount'; code: string; categoryId: string | null; name: string; amount: number }
  | { kind: 'tax'; name: string; ratePercent: number; number: string | null; amount: number }
  | { kind: 'fee'; name: string; amount: number };

/** What an order charges, all amounts in minor units of `currency`. */
export interface Quote {
  currency: string;
  /** Tickets in all lines. */
  seats: number;
  /** The unit price when every ticket line has the same one, else null. */
  unitAmount: number | null;
  /** Ticket lines in the order given, then one discount line per ticket line covered, tax, fee. */
  lines: QuoteLine[];
  /** Tickets less discounts (never negative). */
  subtotal: number;
  /** Tax on the subtotal (e.g. GST), with the organizer's tax number; null when none is set. */
  tax: { name: string; ratePercent: number; number: string | null; amount: number } | null;
  /** The platform's fee, charged on top: 0 when the subtotal is 0. */
  fee: number;
  /** subtotal + tax + fee, and the sum of every line's amount: what the buyer pays. */
  total: number;
}

export interface PriceQuoteInput {
  currency: string;
  tickets: TicketLineInput[];
  discount: DiscountInput | null;
  tax: TaxSetting | null;
  fee: FeeSetting;
}

/** How the fee line is labelled on a receipt. */
export const feeLineName = 'Platform fee';

type TicketLine = Extract<QuoteLine, { kind: 'ticket' }>;
type DiscountLine = Extract<QuoteLine, { kind: 'discount' }>;

const ticketLine = (t: TicketLineInput, index: number): TicketLine => {
  assertWhole(t.seats, 1, `tickets[${index}].seats`);
  assertWhole(t.unitAmount, 0, `tickets[${index}].unitAmount`);
  const amount = t.unitAmount * t.seats;
  assertWhole(amount, 0, `tickets[${index}] amount`);
  return {
    kind: 'ticket',
    categoryId: t.categoryId,
    name: t.name,
    seats: t.seats,
    unitAmount: t.unitAmount,
    amount,
  };
};

const covers = (d: DiscountInput, line: TicketLine): boolean =>
  d.categoryIds === null || (line.categoryId !== null && d.categoryIds.includes(line.categoryId));

/** The discount's amount off one ticket line, as a positive number never above the line's amount. */
const discountOff = (d: DiscountInput, line: TicketLine): number => {
  if (d.kind === 'fixed') return Math.min(d.amountMinor, line.unitAmount) * line.seats;
  return Math.min(share(line.amount, basisPointsOf(d.percent, 'discount.percent')), line.amount);
};

const assertDiscount = (d: DiscountInput): void => {
  if (d.kind === 'fixed') {
    assertWhole(d.amountMinor, 1, 'discount.amountMinor');
    return;
  }
  const basisPoints = basisPointsOf(d.percent, 'discount.percent');
  if (basisPoints <= 0 || basisPoints > 10_000) {
    throw new Error(`discount.percent must be above 0 and at most 100, got ${d.percent}`);
  }
};

/**
 * One discount line per ticket line the code covers (named as that line, negative amount). A
 * discount covering no line gives no line: whether that is an error is the caller's to say.
 */
const discountLines = (d: DiscountInput | null, tickets: TicketLine[]): DiscountLine[] => {
  if (!d) return [];
  assertDiscount(d);
  return tickets
    .filter((line) => covers(d, line))
    .map((line) => ({
      kind: 'discount',
      code: d.code,
      categoryId: line.categoryId,
      name: line.name,
      // 0 - x, not -x: a discount of nothing is 0, never -0.
      amount: 0 - discountOff(d, line),
    }));
};

const sum = (amounts: number[]): number => amounts.reduce((a, b) => a + b, 0);

const sameUnitAmount = (tickets: TicketLine[]): number | null => {
  const first = tickets[0]?.unitAmount ?? null;
  return tickets.every((t) => t.unitAmount === first) ? first : null;
};

/**
 * Prices an order. Tax is on the subtotal (after discounts); the fee is basis points of the
 * subtotal plus its fixed part, and nothing when the subtotal is 0 (a free order pays no fee). A
 * set tax always has its line, even at 0, so a receipt names the tax and its number; the fee line
 * appears only when there is a fee.
 */
export const priceQuote = ({ currency, tickets, discount, tax, fee }: PriceQuoteInput): Quote => {
  if (tickets.length === 0) throw new Error('a quote needs at least one ticket line');
  assertWhole(fee.basisPoints, 0, 'fee.basisPoints');
  assertWhole(fee.fixedMinor, 0, 'fee.fixedMinor');
  const ticketLines = tickets.map(ticketLine);
  const discounts = discountLines(discount, ticketLines);
  // Each discount is capped at its own line, so the subtotal is never negative.
  const subtotal = sum(ticketLines.map((l) => l.amount)) + sum(discounts.map((l) => l.amount));
  const taxAmount = tax ? share(subtotal, basisPointsOf(tax.ratePercent, 'tax.ratePercent')) : 0;
  const feeAmount = subtotal === 0 ? 0 : share(subtotal, fee.basisPoints) + fee.fixedMinor;
  const taxLines: QuoteLine[] = tax
    ? [{ kind: 'tax', name: tax.name, ratePercent: tax.ratePercent, number: tax.number, amount: taxAmount }]
    : [];
  const feeLines: QuoteLine[] = feeAmount > 0 ? [{ kind: 'fee', name: feeLineName, amount: feeAmount }] : [];
  return {
    currency,
    seats: sum(ticketLines.map((l) => l.seats)),
    unitAmount: sameUnitAmount(ticketLines),
    lines: [...ticketLines, ...discounts, ...taxLines, ...feeLines],
    subtotal,
    tax: tax ? { name: tax.name, ratePercent: tax.ratePercent, number: tax.number, amount: taxAmount } : null,
    fee: feeAmount,
    total: subtotal + taxAmount + feeAmount,
  };
};
