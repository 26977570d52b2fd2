import { describe, expect, it } from 'vitest';
import { quote } from '../../functions/modules/payments/domain/quote.js';

const noFee = { basisPoints: 0, fixedMinor: 0 };

describe('payment quote', () => {
  it('multiplies the unit price by the seats, with no tax and no fee', () => {
    expect(quote({ unitAmount: 2500, currency: 'EUR', seats: 3, tax: null, fee: noFee })).toEqual({
      currency: 'EUR',
      unitAmount: 2500,
      seats: 3,
      lines: [
        { kind: 'ticket', categoryId: null, name: 'Admission', seats: 3, unitAmount: 2500, amount: 7500 },
      ],
      subtotal: 7500,
      tax: null,
      fee: 0,
      total: 7500,
    });
  });

  it('adds tax by percent on the subtotal with the tax number, and the fee on top', () => {
    const q = quote({
      unitAmount: 49_900,
      currency: 'INR',
      seats: 2,
      tax: { name: 'GST', ratePercent: 18, number: '29ABCDE1234F1Z5' },
      fee: { basisPoints: 250, fixedMinor: 300 },
    });
    expect(q.subtotal).toBe(99_800);
    expect(q.tax).toEqual({ name: 'GST', ratePercent: 18, number: '29ABCDE1234F1Z5', amount: 17_964 });
    // 2.5 % of 99,800 is 2,495, plus 300 fixed.
    expect(q.fee).toBe(2_795);
    expect(q.total).toBe(99_800 + 17_964 + 2_795);
    expect(q.lines).toEqual([
      { kind: 'ticket', categoryId: null, name: 'Admission', seats: 2, unitAmount: 49_900, amount: 99_800 },
      { kind: 'tax', name: 'GST', ratePercent: 18, number: '29ABCDE1234F1Z5', amount: 17_964 },
      { kind: 'fee', name: 'Platform fee', amount: 2_795 },
    ]);
  });

  it('rounds fractional tax and fee to whole minor units, half up', () => {
    const q = quote({
      unitAmount: 333,
      currency: 'EUR',
      seats: 1,
      tax: { name: 'VAT', ratePercent: 7.5, number: null },
      fee: { basisPoints: 150, fixedMinor: 0 },
    });
    // 7.5 % of 333 = 24.975 -> 25; 1.5 % of 333 = 4.995 -> 5.
    expect(q.tax?.amount).toBe(25);
    expect(q.fee).toBe(5);
    expect(q.total).toBe(363);
    expect(Number.isInteger(q.total)).toBe(true);
  });
});
