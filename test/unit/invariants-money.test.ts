import { describe, expect, it } from 'vitest';
import { checkInvariants, defaultChecks } from '../../scripts/invariants/check.js';
import { moneyChecks } from '../../scripts/invariants/checks.js';
import { sessionFingerprints } from '../../scripts/invariants/fingerprint.js';
import { settleReads } from '../../scripts/invariants/settle.js';
import { entityNames, type RawItem, sessionKeyOf } from '../../scripts/invariants/snapshot.js';
import { formatViolation } from '../../scripts/invariants/violation.js';
import { counter, order, paidBooking, ref, refund, session, txn } from './invariants-items.js';

/** The money checks over hand-made payment orders, transactions, refund requests and bookings. */

/** Two hours after every item's last change (10:00), well past the refund grace. */
const now = new Date('2030-01-01T12:00:00.000Z');
const graceMs = 5 * 60_000;

const check = (items: RawItem[], at = now) => checkInvariants(items, moneyChecks({ graceMs, now: at }));
const failing = (items: RawItem[], at = now) => check(items, at).violations.map((v) => v.check);
const details = (items: RawItem[], at = now) => check(items, at).violations.map((v) => v.detail);

/** Booking bkg_1 confirmed and paid 3000 through its order, in session ses_m. */
const paidAndConfirmed = (): RawItem[] => [
  paidBooking('ses_m', 'bkg_1', 'confirmed', 'paid'),
  order('ses_m', 'bkg_1', 'paid', { paid: 3000 }),
  txn('ses_m', 'bkg_1', 'payment', 'pi_1', 3000),
];

/** Booking bkg_2 paid 3000, 1000 refunded, 500 more asked of the provider. */
const partlyRefunded = (): RawItem[] => [
  paidBooking('ses_m', 'bkg_2', 'confirmed', 'paid'),
  order('ses_m', 'bkg_2', 'partially_refunded', { paid: 3000, refunded: 1000, pending: 500 }),
  txn('ses_m', 'bkg_2', 'payment', 'pi_2', 3000),
  txn('ses_m', 'bkg_2', 'refund', 're_2a', 1000),
  refund('ses_m', 'bkg_2', 'req_a', 1000, 'succeeded'),
  refund('ses_m', 'bkg_2', 'req_b', 500, 'requested'),
  refund('ses_m', 'bkg_2', 'req_c', 700, 'failed'),
];

/** Booking bkg_3 paid, then refunded in full, which cancelled it. */
const refundedAndCancelled = (): RawItem[] => [
  paidBooking('ses_m', 'bkg_3', 'cancelled', 'refunded'),
  order('ses_m', 'bkg_3', 'refunded', { paid: 3000, refunded: 3000 }),
  txn('ses_m', 'bkg_3', 'payment', 'pi_3', 3000),
  txn('ses_m', 'bkg_3', 'refund', 're_3', 3000),
];

/** Booking bkg_4 paid, then charged back in full (counted as refunded), which cancelled it. */
const chargedBack = (): RawItem[] => [
  paidBooking('ses_m', 'bkg_4', 'cancelled', 'refunded'),
  order('ses_m', 'bkg_4', 'refunded', { paid: 3000, refunded: 3000 }),
  txn('ses_m', 'bkg_4', 'payment', 'pi_4', 3000),
  txn('ses_m', 'bkg_4', 'chargeback', 'dp_4', 3000),
];

const consistent = (): RawItem[] => [...paidAndConfirmed(), ...partlyRefunded(), ...refundedAndCancelled()];

/** The items with the one of the same entity and key as `next` replaced by it. */
const replaced = (items: RawItem[], next: RawItem): RawItem[] =>
  items.map((i) =>
    i.__edb_e__ === next.__edb_e__ &&
    i.bookingId === next.bookingId &&
    i.providerTransactionId === next.providerTransactionId &&
    i.requestId === next.requestId
      ? next
      : i,
  );

describe('money invariants', () => {
  it('pass consistent orders, transactions and refunds, with every other check too', () => {
    const items = [
      session('ses_m', 'general', 10),
      counter('ses_m', { capacity: 10, available: 6, held: 0, confirmed: 4 }),
      ...consistent(),
    ];
    const report = checkInvariants(items, defaultChecks(now));
    expect(report.violations).toEqual([]);
    expect(report).toMatchObject({ ok: true, bookings: 3, paymentOrders: 3, paidWithoutOrder: 0 });
    expect(report.checks).toEqual(
      expect.arrayContaining(['paid-order-has-booking', 'refunds-within-payments']),
    );
  });

  describe('paid-order-has-booking', () => {
    it('accepts money of a confirmed booking, of a released one refunded, or flagged for review', () => {
      const review = [
        paidBooking('ses_m', 'bkg_4', 'expired', 'pending'),
        order('ses_m', 'bkg_4', 'paid', { paid: 3000 }, { review: 'late_payment' }),
        txn('ses_m', 'bkg_4', 'payment', 'pi_4', 3000),
      ];
      expect(failing([...consistent(), ...review])).toEqual([]);
    });

    it('reports money of an expired booking neither refunded nor under review, once the grace is over', () => {
      const late = [
        paidBooking('ses_m', 'bkg_4', 'expired', 'pending'),
        order('ses_m', 'bkg_4', 'paid', { paid: 3000 }),
        txn('ses_m', 'bkg_4', 'payment', 'pi_4', 3000),
      ];
      const within = new Date(Date.parse('2030-01-01T10:00:00.000Z') + graceMs - 1000);
      expect(failing(late, within)).toEqual([]);
      const [v] = check(late).violations;
      expect(v).toMatchObject({ check: 'paid-order-has-booking', sessionId: 'ses_m', bookingId: 'bkg_4' });
      expect(v!.detail).toBe(
        'order pay_bkg_4 is paid (received 3000, refunded 0), booking is expired: not confirmed, not refunded, not flagged for review',
      );
    });

    it('counts the grace from the booking’s change too: a paid booking cancelled just now', () => {
      const cancelled = [
        paidBooking('ses_m', 'bkg_1', 'cancelled', 'paid', '2030-01-01T11:58:00.000Z'),
        ...paidAndConfirmed().slice(1),
      ];
      expect(failing(cancelled)).toEqual([]);
      expect(failing(cancelled, new Date('2030-01-01T12:04:00.000Z'))).toEqual(['paid-order-has-booking']);
    });

    it('reports a partly refunded order of a cancelled booking, money beside a held booking, and a missing booking', () => {
      const items = [
        ...replaced(partlyRefunded(), paidBooking('ses_m', 'bkg_2', 'cancelled', 'paid')),
        // A held booking is confirmed in the payment's transaction: no grace for it.
        paidBooking('ses_m', 'bkg_5', 'held', 'pending', now.toISOString()),
        order('ses_m', 'bkg_5', 'paid', { paid: 3000 }, { updatedAt: now.toISOString() }),
        txn('ses_m', 'bkg_5', 'payment', 'pi_5', 3000),
        ...paidAndConfirmed().slice(1),
      ];
      expect(check(items).violations.map((v) => `${v.bookingId} ${v.check}`)).toEqual([
        'bkg_2 paid-order-has-booking',
        'bkg_5 paid-order-has-booking',
        'bkg_1 paid-order-has-booking',
      ]);
      expect(details(items)[2]).toBe(
        'order pay_bkg_1 is paid (received 3000, refunded 0), its booking is missing',
      );
    });
  });

  describe('paid-booking-has-paid-order', () => {
    it('reports a confirmed booking whose order is not paid, or that is not marked paid', () => {
      const expiredOrder = replaced(paidAndConfirmed(), order('ses_m', 'bkg_1', 'expired'));
      expect(failing(expiredOrder)).toContain('paid-booking-has-paid-order');
      const refundedOrder = replaced(
        paidAndConfirmed(),
        order('ses_m', 'bkg_1', 'refunded', { paid: 3000, refunded: 3000 }),
      );
      expect(
        check(refundedOrder).violations.find((v) => v.check === 'paid-booking-has-paid-order'),
      ).toMatchObject({
        bookingId: 'bkg_1',
        detail: 'confirmed booking, payment paid, order pay_bkg_1 is refunded',
      });
      const pendingBooking = replaced(
        paidAndConfirmed(),
        paidBooking('ses_m', 'bkg_1', 'confirmed', 'pending'),
      );
      expect(failing(pendingBooking)).toEqual(['paid-booking-has-paid-order']);
    });

    it('counts, and does not fail, a booking marked paid without any order (confirmed by staff)', () => {
      const report = check([...consistent(), paidBooking('ses_m', 'bkg_staff', 'confirmed', 'paid')]);
      expect(report.violations).toEqual([]);
      expect(report.paidWithoutOrder).toBe(1);
    });
  });

  describe('refunds-within-payments', () => {
    it('reports refunds, and chargebacks with them, that exceed the payments', () => {
      const over = [
        ...replaced(
          refundedAndCancelled(),
          order('ses_m', 'bkg_3', 'refunded', { paid: 3000, refunded: 3500 }),
        ),
        txn('ses_m', 'bkg_3', 'refund', 're_3b', 500),
      ];
      expect(failing(over)).toEqual(['refunds-within-payments']);
      expect(details(over)).toEqual(['refunds 3500 exceed payments 3000']);
      expect(failing(chargedBack())).toEqual([]);
      const both = [
        ...replaced(
          refundedAndCancelled(),
          order('ses_m', 'bkg_3', 'refunded', { paid: 3000, refunded: 3500 }),
        ),
        txn('ses_m', 'bkg_3', 'chargeback', 'dp_3', 500),
      ];
      expect(details(both)).toEqual(['refunds 3000 and chargebacks 500 exceed payments 3000']);
    });
  });

  describe('order-amounts-match-transactions', () => {
    it('counts chargebacks in refundedAmount', () => {
      const leftOut = replaced(
        chargedBack(),
        order('ses_m', 'bkg_4', 'refunded', { paid: 3000, refunded: 0 }),
      );
      expect(details(leftOut)).toContain(
        'order pay_bkg_4 says paid 3000, refunded 0; its transactions pay 3000, refund 0, charge back 3000',
      );
    });

    it('reports amounts that are not the sums of the transactions, transactions without an order, negative ones', () => {
      const items = [
        ...replaced(paidAndConfirmed(), order('ses_m', 'bkg_1', 'paid', { paid: 6000, total: 3000 })),
        ...replaced(
          partlyRefunded(),
          order('ses_m', 'bkg_2', 'partially_refunded', { paid: 3000, refunded: 500, pending: 500 }),
        ),
        txn('ses_m', 'bkg_9', 'payment', 'pi_9', 3000),
        txn('ses_m', 'bkg_1', 'refund', 're_neg', -100),
      ];
      expect(check(items).violations.filter((v) => v.check === 'order-amounts-match-transactions')).toEqual([
        expect.objectContaining({
          bookingId: 'bkg_1',
          detail: 'order pay_bkg_1 says paid 6000, refunded 0; its transactions pay 3000, refund -100',
        }),
        expect.objectContaining({
          bookingId: 'bkg_2',
          detail: 'order pay_bkg_2 says paid 3000, refunded 500; its transactions pay 3000, refund 1000',
        }),
        expect.objectContaining({ bookingId: 'bkg_9', detail: 'payment pi_9 of 3000 has no order' }),
        expect.objectContaining({ bookingId: 'bkg_1', detail: 'refund re_neg has a negative amount -100' }),
      ]);
    });
  });

  describe('refund-pending-matches-requests', () => {
    it('reports a reservation that is not the open requests, requests without an order, negative ones', () => {
      const items = [
        ...replaced(
          partlyRefunded(),
          order('ses_m', 'bkg_2', 'partially_refunded', { paid: 3000, refunded: 1000, pending: 0 }),
        ),
        refund('ses_m', 'bkg_8', 'req_x', 300, 'requested'),
        ...replaced(paidAndConfirmed(), order('ses_m', 'bkg_1', 'paid', { paid: 3000, pending: -200 })),
        refund('ses_m', 'bkg_1', 'req_neg', -200, 'requested'),
      ];
      expect(failing(items)).toEqual(Array(4).fill('refund-pending-matches-requests'));
      expect(details(items)).toEqual([
        'order pay_bkg_2 has refundPending 0, 1 open requests ask 500',
        // Even where it agrees with its (negative) request.
        'order pay_bkg_1 has a negative refundPending -200',
        'refund request req_x (requested) has no order',
        'refund request req_neg asks a negative amount -200',
      ]);
      expect(failing(partlyRefunded())).toEqual([]);
    });
  });

  describe('order-status-matches-amounts', () => {
    const statusOf = (o: RawItem) => failing([o]).filter((c) => c === 'order-status-matches-amounts');

    it('accepts each status with the amounts it implies', () => {
      const good = [
        order('ses_m', 'bkg_a', 'pending'),
        order('ses_m', 'bkg_b', 'failed'),
        order('ses_m', 'bkg_c', 'expired'),
        order('ses_m', 'bkg_d', 'paid', { paid: 3000 }),
        order('ses_m', 'bkg_e', 'partially_refunded', { paid: 3000, refunded: 1 }),
        order('ses_m', 'bkg_f', 'refunded', { paid: 3000, refunded: 3000 }),
      ];
      for (const o of good) expect(statusOf(o)).toEqual([]);
    });

    it('reports a status its amounts contradict', () => {
      const bad: [RawItem, string][] = [
        [order('ses_m', 'bkg_a', 'expired', { paid: 3000 }), 'expired wants no money yet'],
        [
          order('ses_m', 'bkg_b', 'paid', { paid: 1500 }),
          "paid wants at least the quote's total 3000 received",
        ],
        [order('ses_m', 'bkg_c', 'paid', { paid: 3000, refunded: 100 }), 'paid wants nothing refunded'],
        [
          order('ses_m', 'bkg_d', 'partially_refunded', { paid: 3000, refunded: 3000 }),
          'partially_refunded wants 0 < refunded < received',
        ],
        [
          order('ses_m', 'bkg_e', 'partially_refunded', { paid: 3000 }),
          'partially_refunded wants 0 < refunded < received',
        ],
        [
          order('ses_m', 'bkg_f', 'refunded', { paid: 3000, refunded: 2999 }),
          'refunded wants refunded >= received',
        ],
        [
          order('ses_m', 'bkg_g', 'refunded', { paid: 0, total: 0 }),
          "refunded wants at least the quote's total 0 received",
        ],
      ];
      for (const [o, wanted] of bad) {
        const v = check([o]).violations.find((x) => x.check === 'order-status-matches-amounts');
        expect(v?.detail, String(o.bookingId)).toMatch(new RegExp(`; ${wanted.replace(/[()]/g, '\\$&')}$`));
      }
    });
  });

  it('reports an order whose quote is not JSON as unreadable, naming its booking', () => {
    const broken = { ...order('ses_m', 'bkg_1', 'paid', { paid: 3000 }), quote: '{total' };
    const [v] = check([broken]).violations;
    expect(v).toMatchObject({ check: 'readable-item', sessionId: 'ses_m', bookingId: 'bkg_1' });
    expect(v!.detail).toContain('quote is not JSON');
  });

  it('prints a money violation naming org, session and booking', () => {
    const [v] = check([
      ...replaced(
        refundedAndCancelled(),
        order('ses_m', 'bkg_3', 'refunded', { paid: 3000, refunded: 3500 }),
      ),
      txn('ses_m', 'bkg_3', 'refund', 're_3b', 500),
    ]).violations;
    expect(formatViolation(v!)).toBe(
      '[refunds-within-payments] org=org_a session=ses_m booking=bkg_3 : refunds 3500 exceed payments 3000',
    );
  });
});

describe('money in the settled check', () => {
  /** Session ses_m of 10 and its counter, so that only money can be wrong. */
  const withCounter = (held: number, confirmed: number): RawItem[] => [
    session('ses_m', 'general', 10),
    counter('ses_m', { capacity: 10, available: 10 - held - confirmed, held, confirmed }),
  ];

  it('fingerprints the payments partition with its session', () => {
    const prints = sessionFingerprints(consistent());
    const changed = sessionFingerprints(
      replaced(consistent(), txn('ses_m', 'bkg_1', 'payment', 'pi_1', 3001)),
    );
    expect([...prints.keys()]).toEqual([sessionKeyOf(ref('ses_m'))]);
    expect(changed.get(sessionKeyOf(ref('ses_m')))).not.toBe(prints.get(sessionKeyOf(ref('ses_m'))));
  });

  it('drops a paid order seen beside its held booking when the re-read shows the confirmation', async () => {
    const settled = [...withCounter(0, 2), ...paidAndConfirmed()];
    // The Scan read the booking before the payment's transaction, the order and counter after it.
    const torn = [
      ...withCounter(0, 2),
      paidBooking('ses_m', 'bkg_1', 'held', 'pending'),
      ...paidAndConfirmed().slice(1),
    ];
    const reads = [torn, settled];
    const report = await settleReads(async () => reads.shift() ?? settled, {
      pauseMs: 0,
      now: () => now,
    });
    expect(report).toMatchObject({ ok: true, rounds: 2, violations: [] });
  });

  it('reports a refund beyond the payment that two re-reads agree on', async () => {
    const over = [
      ...withCounter(0, 0),
      ...replaced(
        refundedAndCancelled(),
        order('ses_m', 'bkg_3', 'refunded', { paid: 3000, refunded: 3500 }),
      ),
      txn('ses_m', 'bkg_3', 'refund', 're_3b', 500),
    ];
    const asked: unknown[] = [];
    const report = await settleReads(
      async (sessions) => {
        asked.push(sessions?.map((s) => s.sessionId));
        return over;
      },
      { pauseMs: 0, now: () => now },
    );
    expect(asked).toEqual([undefined, ['ses_m']]);
    expect(report.violations.map((v) => v.check)).toEqual(['refunds-within-payments']);
    expect(report.violations[0]!.bookingId).toBe('bkg_3');
  });

  it('knows the payments entities as checked items', () => {
    expect(entityNames).toMatchObject({
      order: 'paymentOrder',
      transaction: 'paymentTransaction',
      refund: 'refundRequest',
    });
  });
});
