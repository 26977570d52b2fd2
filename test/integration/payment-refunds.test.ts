import { describe, expect, it } from 'vitest';
import { joinWaitlist } from '../../functions/modules/bookings/domain/waitlist-join.js';
import { offerReleasedPlaces } from '../../functions/modules/bookings/domain/waitlist-offers.js';
import { getWaitlistEntry } from '../../functions/modules/bookings/domain/waitlist-view.js';
import { createSessions } from '../../functions/modules/catalog/domain/sessions.js';
import type { OrderRef, ProviderName } from '../../functions/modules/payments/domain/model.js';
import { applyReceipt } from '../../functions/modules/payments/domain/receipt-apply.js';
import { refundBooking } from '../../functions/modules/payments/domain/refunds.js';
import { receiveWebhook } from '../../functions/modules/payments/domain/webhook-receive.js';
import { ada, ben, counterOf, owner } from './booking-world.js';
import { type Delivery, paymentWorldForFile, type Sale } from './payment-world.js';

/**
 * Refunds on DynamoDB Local through the local provider's SDK endpoints: staff refund any part,
 * attendees the whole booking until the refund cutoff; a request id refunds once however often it
 * is sent; refunds never exceed what was paid; a refund webhook that overtakes its payment waits;
 * a refund the provider refuses releases its reservation and answers 409.
 */

const providers: ProviderName[] = ['stripe', 'razorpay'];

// Every webhook is held: the tests deliver (or never deliver) each one themselves.
const pw = paymentWorldForFile();

const keyOf = (d: Delivery) => ({ provider: d.provider, eventId: d.eventId });

const deliver = (d: Delivery) => pw.deliver(d);

/** A session of the priced event (EUR 15.00 a place) with `capacity` places. */
const sessionOf = async (capacity = 5) =>
  (await pw.world.session(pw.world.paidEventId, 'general', capacity)).sessionId;

/** Ada's two places, paid through `name`, the payment's webhooks applied. */
const paidSale = async (name: ProviderName, sessionId?: string): Promise<Sale> => {
  const s = await pw.saleIn(sessionId ?? (await sessionOf()), name);
  for (const d of pw.pay(s)) expect(await deliver(d)).toBe('applied');
  expect(await pw.c.deps.payments.getOrder(s.ref)).toMatchObject({ status: 'paid', paidAmount: s.total });
  return s;
};

/** The order, its transactions by kind, its refund requests, the booking and the session's places. */
const moneyOf = async (ref: OrderRef) => {
  const [order, transactions, booking, requests, counter] = await Promise.all([
    pw.c.deps.payments.getOrder(ref),
    pw.c.deps.payments.transactions(ref),
    pw.c.deps.bookings.get(ref),
    pw.service.entities.refundRequest.query
      .byOrder({ orgId: ref.orgId, sessionId: ref.sessionId })
      .begins({ bookingId: ref.bookingId })
      .go({ pages: 'all', consistent: true }),
    counterOf(pw.c, ref.orgId, ref.sessionId),
  ]);
  return {
    order,
    booking,
    payments: transactions.filter((t) => t.kind === 'payment'),
    refunds: transactions.filter((t) => t.kind === 'refund').map((t) => t.amount),
    requests: requests.data,
    places: { available: counter.available, held: counter.held, confirmed: counter.confirmed },
  };
};

const providerRefunds = (s: Sale) => pw.providerRefunds(s);

/** A refund made at the provider directly (its dashboard): everything that is left. */
const refundAtProvider = async (s: Sale): Promise<string> => {
  if (s.provider === 'stripe')
    return (await pw.stripe.refunds.create({ payment_intent: s.providerOrderId })).id;
  const [payment] = (await pw.c.deps.payments.transactions(s.ref)).filter((t) => t.kind === 'payment');
  return (await pw.razorpay.payments.refund(payment!.providerTransactionId, {})).id;
};

/** A request stored and reserved by an attempt that died before the provider answered (a timeout). */
const reservedEarlier = async (s: Sale, requestId: string, amount: number) => {
  const order = await pw.c.deps.payments.getOrder(s.ref);
  if (!order) throw new Error('no order');
  const [at, reason, requestedBy] = [new Date().toISOString(), 'refunded by staff', owner.sub];
  const request = { ...s.ref, orderId: order.orderId, requestId, amount, reason, requestedBy };
  const stored = { ...request, status: 'requested' as const, providerRefundId: null, failureReason: null };
  const next = { ...order, refundPending: order.refundPending + amount, updatedAt: at };
  const done = await pw.c.deps.payments.reserveRefund(order, next, {
    ...stored,
    createdAt: at,
    updatedAt: at,
  });
  expect(done).toBe('done');
};

/** Staff refund `requestId` of the sale: all that is left, or `amountMinor`. */
const staff = (s: Sale, requestId: string, amountMinor?: number) =>
  refundBooking(pw.c.deps, owner, s.ref, amountMinor ? { requestId, amountMinor } : { requestId });

/** A promise the test opens by hand. */
const gate = () => {
  let open!: () => void;
  const shut = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, shut };
};

describe('staff refunds', () => {
  it('part, then the rest: partially_refunded then refunded; cancelled only at the end; places go to the waitlist', async () => {
    const sessionId = await sessionOf(2);
    const s = await paidSale('stripe', sessionId);
    const waiter = await joinWaitlist(pw.c.deps, ben, pw.world.orgId, sessionId, {
      attendeeId: pw.world.ben,
    });
    expect(waiter.status).toBe('waiting');

    const part = await pw.postRefund(owner.sub, s.ref, { requestId: 'staff-part-0001', amountMinor: 1000 });
    expect(part.status, JSON.stringify(part.json)).toBe(200);
    expect(part.json).toMatchObject({ refund: { status: 'succeeded', amount: 1000 } });
    const afterPart = await moneyOf(s.ref);
    expect(afterPart.order).toMatchObject({
      status: 'partially_refunded',
      refundedAmount: 1000,
      refundPending: 0,
    });
    expect(afterPart.booking).toMatchObject({ status: 'confirmed', paymentStatus: 'paid' });
    expect(afterPart.places).toEqual({ available: 0, held: 0, confirmed: 2 });

    const rest = await staff(s, 'staff-rest-0001');
    expect(rest.refund).toMatchObject({ status: 'succeeded', amount: s.total - 1000 });
    const m = await moneyOf(s.ref);
    expect(m.order).toMatchObject({ status: 'refunded', refundedAmount: s.total, refundPending: 0 });
    expect(m.refunds.sort()).toEqual([1000, s.total - 1000].sort());
    expect(m.requests.map((r) => [r.requestId, r.status]).sort()).toEqual([
      ['staff-part-0001', 'succeeded'],
      ['staff-rest-0001', 'succeeded'],
    ]);
    expect(m.booking).toMatchObject({ status: 'cancelled', paymentStatus: 'refunded' });
    expect(m.places).toEqual({ available: 2, held: 0, confirmed: 0 });
    expect((await providerRefunds(s)).sort()).toEqual([1000, s.total - 1000].sort());

    // The waitlist gets the places: the release is recorded, and the offer engine offers them.
    const outbox = await pw.service.entities.outbox.query
      .bySession({ orgId: pw.world.orgId, sessionId })
      .go({ pages: 'all', consistent: true });
    expect(outbox.data.filter((o) => o.type === 'capacity.released')).toHaveLength(1);
    expect(await offerReleasedPlaces(pw.c.deps, pw.world.orgId, sessionId)).toBe(1);
    const offered = await getWaitlistEntry(pw.c.deps, owner, pw.world.orgId, waiter.entryId);
    expect(offered).toMatchObject({ status: 'offered' });
  });

  describe.each(providers)('%s: the same request id', (name) => {
    it('sent twice, then another sent 5 times at once: each refunds once, at the provider too', async () => {
      const s = await paidSale(name);
      const first = await staff(s, `twice-${name}`, 500);
      const again = await staff(s, `twice-${name}`, 500);
      expect(first.refund).toMatchObject({ status: 'succeeded', amount: 500 });
      expect(again.refund).toMatchObject({ ...first.refund, updatedAt: again.refund.updatedAt });
      expect(await providerRefunds(s)).toEqual([500]);

      const answers = await Promise.all(Array.from({ length: 5 }, () => staff(s, `five-${name}`, 700)));
      const m = await moneyOf(s.ref);
      expect((await providerRefunds(s)).sort()).toEqual([500, 700]);
      expect(m.refunds.sort()).toEqual([500, 700]);
      expect(m.order).toMatchObject({ status: 'partially_refunded', refundedAmount: 1200, refundPending: 0 });
      expect(new Set(answers.map((a) => a.refund.providerRefundId)).size).toBe(1);
      expect(m.booking).toMatchObject({ status: 'confirmed', paymentStatus: 'paid' });
    });

    it('requests reserved by attempts that died (seeded through the store port), each retried 5 times at once (3 orders): each refunded once', async () => {
      const sales = await Promise.all([1, 2, 3].map(() => paidSale(name)));
      const idOf = (s: Sale) => `died-${s.ref.bookingId}`;
      await Promise.all(sales.map((s) => reservedEarlier(s, idOf(s), 100)));
      const retry = (s: Sale) => staff(s, idOf(s));
      const answers = await Promise.all(sales.map((s) => Promise.all([1, 2, 3, 4, 5].map(() => retry(s)))));
      for (const [i, s] of sales.entries()) {
        expect(await providerRefunds(s)).toEqual([100]);
        const m = await moneyOf(s.ref);
        expect(m.refunds).toEqual([100]);
        expect(m.order).toMatchObject({
          status: 'partially_refunded',
          refundedAmount: 100,
          refundPending: 0,
        });
        expect(new Set(answers[i]?.map((a) => a.refund.providerRefundId)).size).toBe(1);
      }
    });
  });

  it('the same request id on two bookings refunds each (an id is per booking)', async () => {
    const [a, b] = await Promise.all([paidSale('stripe'), paidSale('stripe')]);
    await staff(a!, 'refund-0001');
    const second = await staff(b!, 'refund-0001').catch((err: Error) => err.message);
    expect(second).toMatchObject({ refund: { status: 'succeeded' }, order: { status: 'refunded' } });
  });

  it('mocked port (payments.getRefund answers once the other call is done): a duplicate that read before the first reserved answers the same refund', async () => {
    const s = await paidSale('stripe');
    const real = pw.c.deps.payments;
    const [readNothing, goOn] = [gate(), gate()];
    const getRefund: typeof real.getRefund = async (ref, requestId) => {
      const seen = await real.getRefund(ref, requestId);
      if (!seen) {
        readNothing.open();
        await goOn.shut;
      }
      return seen;
    };
    const late = refundBooking({ ...pw.c.deps, payments: { ...real, getRefund } }, owner, s.ref, {
      requestId: 'dup-whole-001',
    });
    await readNothing.shut;
    const first = await staff(s, 'dup-whole-001');
    goOn.open();
    const second = await late.then(
      (a) => a.refund.providerRefundId,
      (err: { code?: string }) => err.code,
    );
    expect(second).toBe(first.refund.providerRefundId);
    expect(await moneyOf(s.ref)).toMatchObject({ order: { status: 'refunded' }, refunds: [s.total] });
  });

  it('the answer is the refund request as stored (asking again answers the same)', async () => {
    const s = await paidSale('stripe');
    const { refund } = await staff(s, 'as-stored-001');
    expect(refund).toEqual(await pw.c.deps.payments.getRefund(s.ref, 'as-stored-001'));
  });

  it('more than is left answers 422 naming amountMinor and reserves nothing', async () => {
    const s = await paidSale('stripe');
    const tooMuch = await pw.postRefund(owner.sub, s.ref, {
      requestId: 'too-much-0001',
      amountMinor: s.total + 1,
    });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.json).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'amountMinor' }] });
    expect(await moneyOf(s.ref)).toMatchObject({
      order: { status: 'paid', refundedAmount: 0, refundPending: 0 },
      requests: [],
      refunds: [],
    });

    await staff(s, 'part-of-it-01', 1000);
    const left = s.total - 1000;
    const over = await pw.postRefund(owner.sub, s.ref, { requestId: 'too-much-0002', amountMinor: left + 1 });
    expect(over.status).toBe(422);
    expect(over.json).toMatchObject({ errors: [{ field: 'amountMinor' }] });
    const m = await moneyOf(s.ref);
    expect(m.order).toMatchObject({ status: 'partially_refunded', refundedAmount: 1000, refundPending: 0 });
    expect(m.requests.map((r) => r.requestId)).toEqual(['part-of-it-01']);
    expect(await providerRefunds(s)).toEqual([1000]);

    const exact = await pw.postRefund(owner.sub, s.ref, { requestId: 'the-rest-0001', amountMinor: left });
    expect(exact.status).toBe(200);
    expect(await moneyOf(s.ref)).toMatchObject({ order: { status: 'refunded', refundedAmount: s.total } });
  });
});

describe('a refund webhook that overtakes its payment', () => {
  it('waits (the queue redelivers) until the payment is applied, then applies exactly once', async () => {
    const s = await pw.saleIn(await sessionOf(), 'stripe');
    const [payment] = pw.pay(s);
    const refundId = await refundAtProvider(s);
    const [refund] = pw.heldWith(refundId);
    expect(refund?.type).toBe('refund.created');

    expect((await receiveWebhook(pw.c.deps, 'stripe', pw.signed(refund!))).duplicate).toBe(false);
    await expect(applyReceipt(pw.c.deps, keyOf(refund!))).rejects.toThrow(/before its payment/);
    expect(await pw.receipt(keyOf(refund!))).toMatchObject({ status: 'received' });
    expect(await moneyOf(s.ref)).toMatchObject({
      order: { status: 'pending', refundedAmount: 0 },
      refunds: [],
    });

    expect(await deliver(payment!)).toBe('applied');
    expect(await moneyOf(s.ref)).toMatchObject({
      booking: { status: 'confirmed' },
      order: { status: 'paid' },
    });
    expect(await applyReceipt(pw.c.deps, keyOf(refund!))).toBe('applied');
    expect(await applyReceipt(pw.c.deps, keyOf(refund!))).toBe('applied');
    expect((await pw.post('stripe', pw.signed(refund!))).json).toEqual({ received: true, duplicate: true });

    const m = await moneyOf(s.ref);
    expect(m.order).toMatchObject({ status: 'refunded', paidAmount: s.total, refundedAmount: s.total });
    expect(m.refunds).toEqual([s.total]);
    expect(m.payments).toHaveLength(1);
    expect(m.booking).toMatchObject({ status: 'cancelled', paymentStatus: 'refunded' });
    expect(m.places).toEqual({ available: 5, held: 0, confirmed: 0 });
  });
});

describe("an attendee's own refund", () => {
  it('before the cutoff: the whole booking only (an amount is 422), then refunded and cancelled', async () => {
    const s = await paidSale('razorpay');
    const withAmount = await pw.postRefund(ada.sub, s.ref, { requestId: 'ada-some-0001', amountMinor: 500 });
    expect(withAmount.status).toBe(422);
    expect(withAmount.json).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'amountMinor' }] });
    expect(await moneyOf(s.ref)).toMatchObject({ requests: [], order: { refundPending: 0 } });
    // Someone else's booking is not theirs to refund.
    expect((await pw.postRefund(ben.sub, s.ref, { requestId: 'ben-tries-001' })).status).toBe(404);

    const all = await pw.postRefund(ada.sub, s.ref, { requestId: 'ada-all-00001' });
    expect(all.status, JSON.stringify(all.json)).toBe(200);
    expect(all.json).toMatchObject({ refund: { amount: s.total, reason: 'cancelled by the attendee' } });
    const m = await moneyOf(s.ref);
    expect(m.order).toMatchObject({ status: 'refunded', refundedAmount: s.total, refundPending: 0 });
    expect(m.booking).toMatchObject({ status: 'cancelled', paymentStatus: 'refunded' });
    expect(await providerRefunds(s)).toEqual([s.total]);
  });

  it('after the cutoff: 409 CANCEL_CUTOFF_PASSED and nothing reserved; staff still may', async () => {
    const eventId = await pw.pricedEvent({ refundCutoffMinutes: 10_080 });
    const { roomId } = (await pw.c.deps.sessions.get(pw.world.orgId, (await sessionOf()) as string)) ?? {};
    // Two days ahead, 19:00 at the venue: inside the event's seven-day refund cutoff.
    const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const { sessions } = await createSessions(pw.c.deps, owner, pw.world.orgId, eventId, {
      startsAt: `${day}T19:00`,
      roomId: roomId ?? '',
      capacity: 5,
      allowOverlap: true,
    });
    const s = await paidSale('stripe', sessions[0]!.sessionId);

    const late = await pw.postRefund(ada.sub, s.ref, { requestId: 'ada-late-0001' });
    expect(late.status).toBe(409);
    expect(late.json).toMatchObject({ code: 'CANCEL_CUTOFF_PASSED' });
    expect(await moneyOf(s.ref)).toMatchObject({
      order: { status: 'paid', refundedAmount: 0, refundPending: 0 },
      booking: { status: 'confirmed' },
      requests: [],
    });
    expect(await providerRefunds(s)).toEqual([]);

    const staff = await pw.postRefund(owner.sub, s.ref, { requestId: 'staff-late-001' });
    expect(staff.status).toBe(200);
    expect(await moneyOf(s.ref)).toMatchObject({
      order: { status: 'refunded' },
      booking: { status: 'cancelled' },
    });
  });
});

describe.each(providers)('%s refusing a refund', (name) => {
  it('the request ends failed, its reservation is released, the API answers 409 REFUND_REFUSED', async () => {
    const s = await paidSale(name);
    // Refunded in full at the provider (its dashboard) while its webhook is still on its way.
    const direct = await refundAtProvider(s);

    const refused = await pw.postRefund(owner.sub, s.ref, { requestId: `refused-${name}` });
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({ code: 'REFUND_REFUSED' });
    const m = await moneyOf(s.ref);
    expect(m.order).toMatchObject({ status: 'paid', refundedAmount: 0, refundPending: 0 });
    expect(m.requests).toHaveLength(1);
    expect(m.requests[0]).toMatchObject({ requestId: `refused-${name}`, status: 'failed' });
    expect(m.requests[0]?.failureReason).toMatch(/refused/);
    expect(m.refunds).toEqual([]);
    expect(m.booking).toMatchObject({ status: 'confirmed' });

    // The provider's own refund arrives: recorded, the booking cancelled and its places released.
    for (const d of pw.heldWith(direct)) expect(await deliver(d)).toBe('applied');
    const after = await moneyOf(s.ref);
    expect(after.order).toMatchObject({ status: 'refunded', refundedAmount: s.total, refundPending: 0 });
    expect(after.refunds).toEqual([s.total]);
    expect(after.booking).toMatchObject({ status: 'cancelled', paymentStatus: 'refunded' });
    expect(await providerRefunds(s)).toEqual([s.total]);
  });

  it('mocked port (failRefund counted, stopped after 20 calls): two retries of a refused request both answer 409, no livelock', async () => {
    const s = await paidSale(name);
    await refundAtProvider(s);
    await reservedEarlier(s, `refused-twice-${name}`, s.total);
    const real = pw.c.deps.payments;
    let calls = 0;
    const failRefund: typeof real.failRefund = async (...args) => {
      calls += 1;
      if (calls > 20) throw new Error(`failRefund called ${calls} times: the release loops`);
      return real.failRefund(...args);
    };
    const deps = { ...pw.c.deps, payments: { ...real, failRefund } };
    const answers = await Promise.all(
      [1, 2].map(() =>
        refundBooking(deps, owner, s.ref, { requestId: `refused-twice-${name}` }).then(
          (a) => a.refund.status,
          (err: Error & { code?: string }) => err.code ?? err.message,
        ),
      ),
    );
    expect(answers).toEqual(['REFUND_REFUSED', 'REFUND_REFUSED']);
    expect(calls).toBeLessThanOrEqual(2);
    expect(await moneyOf(s.ref)).toMatchObject({
      order: { status: 'paid', refundedAmount: 0, refundPending: 0 },
      requests: [{ status: 'failed' }],
    });
  });
});
