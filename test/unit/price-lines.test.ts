import { describe, expect, it } from 'vitest';
import {
  type DiscountInput,
  type PriceQuoteInput,
  type PriceStep,
  priceQuote,
  type Quote,
  type TicketLineInput,
  unitPriceOf,
} from '../../functions/modules/pricing/index.js';
import { mulberry32, type Prng } from '../../scripts/soak/prng.js';

const noFee = { basisPoints: 0, fixedMinor: 0 };
const std: TicketLineInput = { categoryId: 'cat_std', name: 'Standard', seats: 2, unitAmount: 1_200 };
const vip: TicketLineInput = { categoryId: 'cat_vip', name: 'VIP', seats: 1, unitAmount: 5_000 };
const plain: TicketLineInput = { categoryId: null, name: 'Admission', seats: 3, unitAmount: 300 };

const price = (over: Partial<PriceQuoteInput>): Quote =>
  priceQuote({ currency: 'EUR', tickets: [std], discount: null, tax: null, fee: noFee, ...over });

const percent = (p: number, categoryIds: string[] | null = null): DiscountInput => ({
  code: 'SAVE',
  kind: 'percent',
  percent: p,
  categoryIds,
});
const fixed = (amountMinor: number, categoryIds: string[] | null = null): DiscountInput => ({
  code: 'FLAT',
  kind: 'fixed',
  amountMinor,
  categoryIds,
});

const sumOfLines = (q: Quote): number => q.lines.reduce((n, l) => n + l.amount, 0);

describe('priceQuote: tickets', () => {
  it('prices each line as unit x seats, counts the seats and names the common unit price', () => {
    const q = price({ tickets: [std, { ...std, categoryId: 'cat_b', name: 'Balcony' }] });
    expect(q).toEqual({
      currency: 'EUR',
      seats: 4,
      unitAmount: 1_200,
      lines: [
        {
          kind: 'ticket',
          categoryId: 'cat_std',
          name: 'Standard',
          seats: 2,
          unitAmount: 1_200,
          amount: 2_400,
        },
        { kind: 'ticket', categoryId: 'cat_b', name: 'Balcony', seats: 2, unitAmount: 1_200, amount: 2_400 },
      ],
      subtotal: 4_800,
      tax: null,
      fee: 0,
      total: 4_800,
    });
  });

  it('has no single unit price when the lines differ', () => {
    const q = price({ tickets: [std, vip] });
    expect(q.unitAmount).toBeNull();
    expect(q.seats).toBe(3);
    expect(q.subtotal).toBe(7_400);
  });
});

describe('priceQuote: discounts', () => {
  it('takes a percentage off each line it covers, one negative line per covered ticket line', () => {
    const q = price({ tickets: [std, vip], discount: percent(10) });
    expect(q.lines.filter((l) => l.kind === 'discount')).toEqual([
      { kind: 'discount', code: 'SAVE', categoryId: 'cat_std', name: 'Standard', amount: -240 },
      { kind: 'discount', code: 'SAVE', categoryId: 'cat_vip', name: 'VIP', amount: -500 },
    ]);
    expect(q.subtotal).toBe(7_400 - 740);
    expect(q.total).toBe(sumOfLines(q));
  });

  it('rounds a percentage discount half up per line (12.5 % of 10.04 = 1.255 -> 1.26)', () => {
    const q = price({ tickets: [{ ...std, seats: 1, unitAmount: 1_004 }], discount: percent(12.5) });
    // 1,004 x 12.5 % = 125.5 minor units: exactly half, up to 126.
    expect(q.lines[1]).toMatchObject({ kind: 'discount', amount: -126 });
    expect(q.subtotal).toBe(878);
  });

  it('takes a fixed amount off each ticket, never more than the ticket costs', () => {
    const q = price({ tickets: [std, plain], discount: fixed(500) });
    expect(q.lines.filter((l) => l.kind === 'discount').map((l) => [l.categoryId, l.amount])).toEqual([
      ['cat_std', -1_000], // 2 x 5.00 off 12.00
      [null, -900], // 3 x 3.00: the 5.00 off stops at the ticket's 3.00
    ]);
    expect(q.subtotal).toBe(2_400 - 1_000);
    expect(q.total).toBe(sumOfLines(q));
  });

  it('applies only to the categories it names; a line without a category is not one of them', () => {
    const q = price({ tickets: [std, vip, plain], discount: percent(20, ['cat_vip']) });
    const discounts = q.lines.filter((l) => l.kind === 'discount');
    expect(discounts).toEqual([
      { kind: 'discount', code: 'SAVE', categoryId: 'cat_vip', name: 'VIP', amount: -1_000 },
    ]);
    expect(q.subtotal).toBe(2_400 + 5_000 + 900 - 1_000);
  });

  it('gives no line for a discount that covers no line (the caller decides if that is an error)', () => {
    const none = price({ tickets: [std, plain], discount: fixed(100, ['cat_vip']) });
    const empty = price({ tickets: [std], discount: percent(50, []) });
    expect(none.lines.map((l) => l.kind)).toEqual(['ticket', 'ticket']);
    expect(none.subtotal).toBe(3_300);
    expect(empty.lines.map((l) => l.kind)).toEqual(['ticket']);
  });

  it('keeps a covered line even when its discount is nothing (a free category), at 0 and not -0', () => {
    const q = price({ tickets: [{ ...std, unitAmount: 0 }], discount: percent(30) });
    const line = q.lines[1]!;
    expect(line).toMatchObject({ kind: 'discount', categoryId: 'cat_std' });
    expect(Object.is(line.amount, 0)).toBe(true);
    expect(q.total).toBe(0);
  });

  it('100 % off: the lines cancel out, tax 0 with its line, no fee even with a fixed part, total 0', () => {
    const q = price({
      tickets: [std, vip],
      discount: percent(100),
      tax: { name: 'VAT', ratePercent: 20, number: 'NL123' },
      fee: { basisPoints: 250, fixedMinor: 30 },
    });
    expect(q.lines.map((l) => [l.kind, l.amount])).toEqual([
      ['ticket', 2_400],
      ['ticket', 5_000],
      ['discount', -2_400],
      ['discount', -5_000],
      ['tax', 0],
    ]);
    expect(q).toMatchObject({
      subtotal: 0,
      fee: 0,
      total: 0,
      tax: { name: 'VAT', amount: 0, number: 'NL123' },
    });
  });

  it('a fixed discount above every ticket price frees the order: never negative', () => {
    const q = price({
      tickets: [std, plain],
      discount: fixed(1_000_000),
      fee: { basisPoints: 100, fixedMinor: 50 },
    });
    expect(q.subtotal).toBe(0);
    expect(q.total).toBe(0);
    expect(q.lines.every((l) => l.kind !== 'fee')).toBe(true);
  });

  it('a 50 % code on a 1-yen ticket rounds the half yen up: the ticket is free, not -1', () => {
    const q = price({
      currency: 'JPY',
      tickets: [{ ...plain, seats: 1, unitAmount: 1 }],
      discount: percent(50),
    });
    expect(q.lines[1]).toMatchObject({ kind: 'discount', amount: -1 });
    expect(q.subtotal).toBe(0);
  });
});

describe('priceQuote: tax and fee, rounded half up in minor units', () => {
  it('names a set tax even at 0 %, and shows no fee line when there is no fee', () => {
    const q = price({ tax: { name: 'VAT', ratePercent: 0, number: null } });
    expect(q.lines.map((l) => l.kind)).toEqual(['ticket', 'tax']);
    expect(q.tax).toEqual({ name: 'VAT', ratePercent: 0, number: null, amount: 0 });
    expect(price({}).lines.map((l) => l.kind)).toEqual(['ticket']);
  });

  it('JPY (zero-decimal): a 10 % code, 10 % tax at exactly .5 and a fee at exactly .5, all up', () => {
    const q = priceQuote({
      currency: 'JPY',
      tickets: [{ categoryId: 'cat_std', name: 'Standard', seats: 1, unitAmount: 1_250 }],
      discount: percent(10),
      tax: { name: 'JCT', ratePercent: 10, number: 'T1234567890123' },
      fee: { basisPoints: 200, fixedMinor: 0 },
    });
    // 1,250 - 125 = 1,125 yen; tax 112.5 -> 113; fee 2 % of 1,125 = 22.5 -> 23.
    expect(q.lines.map((l) => [l.kind, l.amount])).toEqual([
      ['ticket', 1_250],
      ['discount', -125],
      ['tax', 113],
      ['fee', 23],
    ]);
    expect(q).toMatchObject({ subtotal: 1_125, fee: 23, total: 1_261, tax: { amount: 113 } });
  });

  it('JPY: under .5 rounds down, over .5 up', () => {
    const jpy = (unitAmount: number) =>
      priceQuote({
        currency: 'JPY',
        tickets: [{ categoryId: null, name: 'Admission', seats: 1, unitAmount }],
        discount: null,
        tax: { name: 'JCT', ratePercent: 10, number: null },
        fee: { basisPoints: 200, fixedMinor: 0 },
      });
    // 1,249: tax 124.9 -> 125, fee 24.98 -> 25. 1,124: tax 112.4 -> 112, fee 22.48 -> 22.
    expect([jpy(1_249).tax?.amount, jpy(1_249).fee]).toEqual([125, 25]);
    expect([jpy(1_124).tax?.amount, jpy(1_124).fee]).toEqual([112, 22]);
  });

  it('INR (two decimals): GST 18 % at exactly half a paisa rounds up, fee with its fixed part', () => {
    const q = priceQuote({
      currency: 'INR',
      tickets: [{ categoryId: 'cat_std', name: 'Standard', seats: 3, unitAmount: 33_275 }],
      discount: null,
      tax: { name: 'GST', ratePercent: 18, number: '29ABCDE1234F1Z5' },
      fee: { basisPoints: 250, fixedMinor: 300 },
    });
    // 998.25; GST 179.685 -> 179.69; fee 2.5 % = 24.95625 -> 24.96, + 3.00.
    expect(q).toMatchObject({ subtotal: 99_825, tax: { amount: 17_969 }, fee: 2_796, total: 120_590 });
    expect(q.total).toBe(sumOfLines(q));
  });

  it('EUR (two decimals): 7.5 % VAT of 3.33 is 0.24975 -> 0.25, a 1.5 % fee 0.04995 -> 0.05', () => {
    const q = price({
      tickets: [{ ...std, seats: 1, unitAmount: 333 }],
      tax: { name: 'VAT', ratePercent: 7.5, number: null },
      fee: { basisPoints: 150, fixedMinor: 0 },
    });
    expect(q).toMatchObject({ subtotal: 333, tax: { amount: 25 }, fee: 5, total: 363 });
  });

  it('taxes the subtotal after the discount, not the tickets before it', () => {
    const q = price({
      tickets: [{ ...std, seats: 2, unitAmount: 1_010 }],
      discount: percent(12.5),
      tax: { name: 'VAT', ratePercent: 10, number: null },
    });
    // 2,020 x 12.5 % = 252.5 -> 253 off; 1,767 x 10 % = 176.7 -> 177.
    expect(q).toMatchObject({ subtotal: 1_767, tax: { amount: 177 }, total: 1_944 });
  });
});

describe('priceQuote: programming errors are refused', () => {
  it.each([
    ['no ticket line', { tickets: [] }],
    ['0 seats', { tickets: [{ ...std, seats: 0 }] }],
    ['fractional seats', { tickets: [{ ...std, seats: 1.5 }] }],
    ['a negative unit price', { tickets: [{ ...std, unitAmount: -1 }] }],
    ['a fractional unit price', { tickets: [{ ...std, unitAmount: 10.5 }] }],
    ['a 0 % discount', { discount: percent(0) }],
    ['a discount above 100 %', { discount: percent(100.01) }],
    ['a percentage with three decimals', { discount: percent(12.345) }],
    ['a fixed discount of nothing', { discount: fixed(0) }],
    ['a fractional fixed discount', { discount: fixed(2.5) }],
    ['a tax rate with three decimals', { tax: { name: 'VAT', ratePercent: 7.125, number: null } }],
    ['a fractional fee', { fee: { basisPoints: 2.5, fixedMinor: 0 } }],
  ] as [string, Partial<PriceQuoteInput>][])('%s', (_, over) => {
    expect(() => price(over)).toThrow(Error);
  });

  it('accepts two-decimal percentages whose float x 100 is inexact (0.29, 12.34, 99.99)', () => {
    for (const p of [0.29, 12.34, 99.99]) expect(() => price({ discount: percent(p) })).not.toThrow();
  });
});

/** Half up of amount x basisPoints / 10,000, computed independently in BigInt. */
const halfUp = (amount: number, basisPoints: number): number =>
  Number((BigInt(amount) * BigInt(basisPoints) + 5_000n) / 10_000n);

const categories = ['cat_a', 'cat_b', 'cat_c', null] as const;

const randomInput = (g: Prng): PriceQuoteInput => {
  const tickets = Array.from({ length: g.int(1, 4) }, (_, i) => ({
    categoryId: g.pick(categories),
    name: `Line ${i}`,
    seats: g.int(1, 12),
    unitAmount: g.pick([0, g.int(1, 99), g.int(100, 250_000)]),
  }));
  const categoryIds =
    g.next() < 0.4 ? null : (categories.filter((c) => c !== null && g.next() < 0.5) as string[]);
  const discount: DiscountInput | null =
    g.weighted({ none: 1, percent: 2, fixed: 2 }) === 'none'
      ? null
      : g.next() < 0.5
        ? { code: 'P', kind: 'percent', percent: g.int(1, 10_000) / 100, categoryIds }
        : { code: 'F', kind: 'fixed', amountMinor: g.int(1, 300_000), categoryIds };
  return {
    currency: g.pick(['JPY', 'EUR', 'INR', 'KRW']),
    tickets,
    discount,
    tax: g.next() < 0.3 ? null : { name: 'Tax', ratePercent: g.int(0, 3_000) / 100, number: null },
    fee: { basisPoints: g.int(0, 1_000), fixedMinor: g.int(0, 500) },
  };
};

describe('priceQuote over 2,000 seeded random orders', () => {
  it('totals the lines exactly, in whole minor units, never negative, as an independent BigInt reckoning', () => {
    const g = mulberry32(16);
    for (let run = 0; run < 2_000; run++) {
      const input = randomInput(g);
      const q = priceQuote(input);
      const where = `run ${run}: ${JSON.stringify(input)}`;
      for (const l of q.lines) {
        expect(Number.isSafeInteger(l.amount), where).toBe(true);
        expect(Object.is(l.amount, -0), where).toBe(false);
      }
      expect(q.total, where).toBe(sumOfLines(q));
      expect(q.total, where).toBe(q.subtotal + (q.tax?.amount ?? 0) + q.fee);
      expect(q.subtotal, where).toBeGreaterThanOrEqual(0);

      // The reference: each covered line's discount by its own rule, capped at the line.
      const tickets = input.tickets.map((t) => t.unitAmount * t.seats);
      const d = input.discount;
      const off = input.tickets.map((t, i) => {
        if (
          !d ||
          (d.categoryIds !== null && (t.categoryId === null || !d.categoryIds.includes(t.categoryId)))
        ) {
          return null;
        }
        const amount = tickets[i]!;
        return d.kind === 'fixed'
          ? Math.min(d.amountMinor, t.unitAmount) * t.seats
          : Math.min(halfUp(amount, Math.round(d.percent * 100)), amount);
      });
      const discounts = q.lines.filter((l) => l.kind === 'discount').map((l) => 0 - l.amount);
      expect(discounts, where).toEqual(off.filter((o) => o !== null));
      const subtotal = tickets.reduce((a, b) => a + b, 0) - discounts.reduce((a, b) => a + b, 0);
      expect(q.subtotal, where).toBe(subtotal);
      const tax = input.tax ? halfUp(subtotal, Math.round(input.tax.ratePercent * 100)) : 0;
      expect(q.tax?.amount ?? 0, where).toBe(tax);
      expect(
        q.lines.some((l) => l.kind === 'tax'),
        where,
      ).toBe(input.tax !== null);
      const fee = subtotal === 0 ? 0 : halfUp(subtotal, input.fee.basisPoints) + input.fee.fixedMinor;
      expect(q.fee, where).toBe(fee);
      expect(
        q.lines.some((l) => l.kind === 'fee'),
        where,
      ).toBe(fee > 0);
    }
  });
});

describe('unitPriceOf', () => {
  const bySold: PriceStep[] = [
    { kind: 'after_sold', afterSold: 100, unitAmount: 1_200 },
    { kind: 'after_sold', afterSold: 200, unitAmount: 1_500 },
  ];
  const summer: PriceStep = { kind: 'from_date', from: '2026-06-01T00:00:00.000Z', unitAmount: 1_300 };
  const spring = '2026-05-01T12:00:00.000Z';

  it('is the base price until a step is reached, and says how many may still sell at it', () => {
    expect(unitPriceOf(1_000, bySold, { sold: 0, at: spring })).toEqual({
      unitAmount: 1_000,
      step: null,
      untilNextStep: 100,
    });
    expect(unitPriceOf(1_000, bySold, { sold: 99, at: spring }).untilNextStep).toBe(1);
    expect(unitPriceOf(1_000, [], { sold: 5, at: spring })).toEqual({
      unitAmount: 1_000,
      step: null,
      untilNextStep: null,
    });
  });

  it('after_sold: the step applies from the afterSold-th sale on (sold >= afterSold)', () => {
    expect(unitPriceOf(1_000, bySold, { sold: 100, at: spring })).toEqual({
      unitAmount: 1_200,
      step: bySold[0],
      untilNextStep: 100,
    });
    expect(unitPriceOf(1_000, bySold, { sold: 250, at: spring })).toEqual({
      unitAmount: 1_500,
      step: bySold[1],
      untilNextStep: null,
    });
  });

  it('from_date: applies from its instant on (at >= from), whatever the sales', () => {
    expect(unitPriceOf(1_000, [summer], { sold: 0, at: '2026-05-31T23:59:59.999Z' }).unitAmount).toBe(1_000);
    expect(unitPriceOf(1_000, [summer], { sold: 0, at: summer.from })).toEqual({
      unitAmount: 1_300,
      step: summer,
      untilNextStep: null,
    });
    // Another spelling of the same instant is the same instant.
    expect(unitPriceOf(1_000, [summer], { sold: 0, at: '2026-06-01T02:00:00+02:00' }).unitAmount).toBe(1_300);
  });

  it('both kinds reached: the highest price wins, in any listing order', () => {
    for (const steps of [
      [...bySold, summer],
      [summer, ...bySold],
    ]) {
      expect(unitPriceOf(1_000, steps, { sold: 150, at: '2026-07-01T00:00:00.000Z' })).toEqual({
        unitAmount: 1_300,
        step: summer,
        untilNextStep: 50,
      });
      expect(unitPriceOf(1_000, steps, { sold: 220, at: '2026-07-01T00:00:00.000Z' })).toEqual({
        unitAmount: 1_500,
        step: bySold[1],
        untilNextStep: null,
      });
    }
  });

  it('untilNextStep is the nearest after_sold step ahead, listed in any order', () => {
    const steps: PriceStep[] = [
      { kind: 'after_sold', afterSold: 300, unitAmount: 2_000 },
      { kind: 'after_sold', afterSold: 120, unitAmount: 1_400 },
      summer,
    ];
    expect(unitPriceOf(1_000, steps, { sold: 110, at: spring }).untilNextStep).toBe(10);
  });

  it('a tie between reached steps keeps the first listed', () => {
    const a: PriceStep = { kind: 'after_sold', afterSold: 10, unitAmount: 1_300 };
    expect(unitPriceOf(1_000, [a, summer], { sold: 10, at: summer.from }).step).toBe(a);
    expect(unitPriceOf(1_000, [summer, a], { sold: 10, at: summer.from }).step).toBe(summer);
  });

  it('refuses an unreadable instant or a fractional count', () => {
    expect(() => unitPriceOf(1_000, [summer], { sold: 0, at: 'soon' })).toThrow(Error);
    expect(() => unitPriceOf(1_000, [{ ...summer, from: 'June' }], { sold: 0, at: spring })).toThrow(Error);
    expect(() => unitPriceOf(1_000, bySold, { sold: 1.5, at: spring })).toThrow(Error);
    expect(() => unitPriceOf(-1, bySold, { sold: 0, at: spring })).toThrow(Error);
  });
});
