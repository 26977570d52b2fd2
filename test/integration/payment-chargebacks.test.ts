import { describe, expect, it } from 'vitest';
import { readEnv } from '../../functions/kernel/env.js';
import { joinWaitlist } from '../../functions/modules/bookings/domain/waitlist-join.js';
import { offerReleasedPlaces } from '../../functions/modules/bookings/domain/waitlist-offers.js';
import { getWaitlistEntry } from '../../functions/modules/bookings/domain/waitlist-view.js';
import type { OrderRef, ProviderName } from '../../functions/modules/payments/domain/model.js';
import { applyReceipt } from '../../functions/modules/payments/domain/receipt-apply.js';
import { receiveWebhook } from '../../functions/modules/payments/domain/webhook-receive.js';
import { checkInvariants } from '../../scripts/invariants/check.js';
import { scanTable } from '../../scripts/invariants/scan.js';
import type { DisputeOptions, DisputeResult } from '../../scripts/local/payment-provider/index.js';
import { ben, counterOf, owner } from './booking-world.js';
import { type Delivery, paymentWorldForFile, type Sale } from './payment-world.js';

/**
 * Chargebacks on DynamoDB Local through the local provider: a dispute the stand-in opens on a paid
 * payment posts the provider's signed webhook, which records a chargeback transaction once (by the
 * dispute id), counts it against the payment as refunds are, and, when it takes all that is left,
 * ends the order refunded and cancels the booking, its places going to the waitlist. A dispute
 * that overtakes its payment waits for it; one that names an order which did not record the
 * disputed payment fails for staff and changes nothing.
 */

const providers: ProviderName[] = ['stripe', 'razorpay'];

// Every webhook is held: the tests deliver each one themselves.
const pw = paymentWorldForFile();

const keyOf = (d: Delivery) => ({ provider: d.provider, eventId: d.eventId });

/** A session of the priced event (EUR 15.00 a place) with `capacity` places. */
const sessionOf = async (capacity = 5) =>
  (await pw.world.session(pw.world.paidEventId, 'general', capacity)).sessionId;

/** Ada's two places, paid through `name`, the payment's webhooks applied. */
const paidSale = async (name: ProviderName, sessionId?: string): Promise<Sale> => {
  const s = await pw.saleIn(sessionId ?? (await sessionOf()), name);
  for (const d of pw.pay(s)) expect(await pw.deliver(d)).toBe('applied');
  return s;
};

/** The provider's id of the sale's payment, as the stand-in knows it (recorded here or not). */
const paymentIdOf = async (s: Sale): Promise<string> => {
  if (s.provider === 'stripe') return s.providerOrderId;
  const { items } = await pw.razorpay.orders.fetchPayments(s.providerOrderId);
  const captured = items.find((p) => p.status === 'captured');
  if (!captured) throw new Error(`order ${s.providerOrderId} has no captured payment`);
  return captured.id;
};

/** POST /_local/disputes of the stand-in, as a developer opens a dispute. */
const postDispute = async (body: Record<string, unknown>) => {
  const res = await fetch(`${pw.provider.baseUrl}/_local/disputes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as unknown };
};

/** The bank disputes the sale's payment: the dispute's id and its held webhook. */
const dispute = async (s: Sale, options: DisputeOptions = {}) => {
  const paymentId = await paymentIdOf(s);
  const { status, json } = await postDispute({ provider: s.provider, paymentId, ...options });
  expect(status, JSON.stringify(json)).toBe(200);
  const { dispute: opened, eventIds } = json as DisputeResult;
  const deliveries = pw.heldWith(opened.id);
  expect(deliveries.map((d) => d.eventId)).toEqual(eventIds);
  return { disputeId: opened.id, paymentId, delivery: deliveries[0] as Delivery };
};

/** The order, its chargebacks, the booking, its places and what the attendee was told. */
const moneyOf = async (ref: OrderRef) => {
  const [order, transactions, booking, history, counter, outbox] = await Promise.all([
    pw.c.deps.payments.getOrder(ref),
    pw.c.deps.payments.transactions(ref),
    pw.c.deps.bookings.get(ref),
    pw.c.deps.bookings.history(ref),
    counterOf(pw.c, ref.orgId, ref.sessionId),
    pw.service.entities.outbox.query
      .bySession({ orgId: ref.orgId, sessionId: ref.sessionId })
      .go({ pages: 'all', consistent: true }),
  ]);
  const ofType = (type: string) => outbox.data.filter((o) => o.type === type);
  return {
    order,
    booking,
    chargebacks: transactions
      .filter((t) => t.kind === 'chargeback')
      .map((t) => ({ id: t.providerTransactionId, amount: t.amount })),
    refunds: transactions.filter((t) => t.kind === 'refund').map((t) => t.amount),
    lastStep: history.at(-1),
    places: { available: counter.available, held: counter.held, confirmed: counter.confirmed },
    told: ofType('payment.charged_back').map((o) => JSON.parse(o.payload ?? '{}') as Record<string, unknown>),
    released: ofType('capacity.released').length,
  };
};

/** Every invariant the checker knows holds over the whole table (money checks included). */
const expectInvariantsHold = async () => {
  const location = { tableName: pw.tableName, endpoint: readEnv().DYNAMODB_ENDPOINT ?? '' };
  expect(checkInvariants(await scanTable(location)).violations).toEqual([]);
};

describe.each(providers)('%s: a dispute of the whole payment', (name) => {
  it('records one chargeback, ends the order refunded, cancels the booking, releases its places to the waitlist and tells the attendee', async () => {
    const sessionId = await sessionOf(2);
    const s = await paidSale(name, sessionId);
    const waiter = await joinWaitlist(pw.c.deps, ben, pw.world.orgId, sessionId, {
      attendeeId: pw.world.ben,
    });
    const { disputeId, paymentId, delivery } = await dispute(s, { reason: 'product_not_received' });

    expect(await pw.deliver(delivery)).toBe('applied');
    expect(await pw.receipt(keyOf(delivery))).toMatchObject({
      status: 'applied',
      orgId: s.ref.orgId,
      effect: {
        kind: 'chargeback',
        order: s.ref,
        providerTransactionId: disputeId,
        paymentId,
        amount: s.total,
        currency: 'EUR',
        reason: 'product_not_received',
      },
    });
    const m = await moneyOf(s.ref);
    expect(m.order).toMatchObject({ status: 'refunded', paidAmount: s.total, refundedAmount: s.total });
    expect(m.chargebacks).toEqual([{ id: disputeId, amount: s.total }]);
    expect(m.refunds).toEqual([]);
    expect(m.booking).toMatchObject({ status: 'cancelled', paymentStatus: 'refunded' });
    expect(m.lastStep).toMatchObject({ from: 'confirmed', to: 'cancelled', reason: 'charged back' });
    expect(m.places).toEqual({ available: 2, held: 0, confirmed: 0 });
    expect(m.released).toBe(1);
    expect(m.told).toEqual([
      expect.objectContaining({
        bookingId: s.ref.bookingId,
        amount: s.total,
        currency: 'EUR',
        disputeReason: 'product_not_received',
      }),
    ]);

    // Nothing is left to refund; the released places are offered to the waitlist.
    const refund = await pw.postRefund(owner.sub, s.ref, { requestId: `after-dispute-${name}` });
    expect(refund.status).toBe(409);
    expect(refund.json).toMatchObject({ code: 'NOTHING_TO_REFUND' });
    expect(await offerReleasedPlaces(pw.c.deps, pw.world.orgId, sessionId)).toBe(1);
    expect(await getWaitlistEntry(pw.c.deps, owner, pw.world.orgId, waiter.entryId)).toMatchObject({
      status: 'offered',
    });
    await expectInvariantsHold();
  });
});

describe.each(providers)('%s: a duplicate dispute webhook', (name) => {
  /** The same dispute in another event (the provider's retry under a new id, or a second endpoint). */
  const underAnotherEventId = (d: Delivery): Delivery => {
    const eventId = `${d.eventId}again`;
    if (d.provider === 'razorpay') return { ...d, eventId };
    return { ...d, eventId, body: JSON.stringify({ ...(JSON.parse(d.body) as object), id: eventId }) };
  };

  it('delivered again, applied twice at once and sent under another event id: applied once', async () => {
    const s = await paidSale(name);
    const { disputeId, delivery } = await dispute(s);
    expect(await pw.deliver(delivery)).toBe('applied');
    const once = await moneyOf(s.ref);

    expect((await pw.post(name, pw.signed(delivery))).json).toEqual({ received: true, duplicate: true });
    expect(await Promise.all([1, 2].map(() => applyReceipt(pw.c.deps, keyOf(delivery))))).toEqual([
      'applied',
      'applied',
    ]);
    const other = underAnotherEventId(delivery);
    expect((await pw.post(name, pw.signed(other))).json).toEqual({ received: true, duplicate: false });
    expect(await applyReceipt(pw.c.deps, keyOf(other))).toBe('applied');
    expect(await pw.receipt(keyOf(other))).toMatchObject({ status: 'applied' });

    const twice = await moneyOf(s.ref);
    expect(twice).toEqual(once);
    expect(twice.chargebacks).toEqual([{ id: disputeId, amount: s.total }]);
    expect(twice.told).toHaveLength(1);
    await expectInvariantsHold();
  });
});

describe.each(providers)('%s: a dispute that overtakes its payment', (name) => {
  it('waits (the queue redelivers it) until the payment is applied, then applies once', async () => {
    const s = await pw.saleIn(await sessionOf(), name);
    const payment = pw.pay(s);
    const { disputeId, delivery } = await dispute(s);

    expect((await receiveWebhook(pw.c.deps, name, pw.signed(delivery))).duplicate).toBe(false);
    await expect(applyReceipt(pw.c.deps, keyOf(delivery))).rejects.toThrow(/before its payment/);
    expect(await pw.receipt(keyOf(delivery))).toMatchObject({ status: 'received' });
    expect(await moneyOf(s.ref)).toMatchObject({ order: { status: 'pending' }, chargebacks: [] });

    for (const d of payment) expect(await pw.deliver(d)).toBe('applied');
    expect(await moneyOf(s.ref)).toMatchObject({
      order: { status: 'paid' },
      booking: { status: 'confirmed' },
    });
    expect(await applyReceipt(pw.c.deps, keyOf(delivery))).toBe('applied');
    expect(await applyReceipt(pw.c.deps, keyOf(delivery))).toBe('applied');

    const m = await moneyOf(s.ref);
    expect(m.order).toMatchObject({ status: 'refunded', refundedAmount: s.total });
    expect(m.chargebacks).toEqual([{ id: disputeId, amount: s.total }]);
    expect(m.booking).toMatchObject({ status: 'cancelled', paymentStatus: 'refunded' });
    expect(m.places).toEqual({ available: 5, held: 0, confirmed: 0 });
    await expectInvariantsHold();
  });
});

describe.each(providers)('%s: a dispute of part of the payment', (name) => {
  it('leaves the booking confirmed and the order partially refunded; a refund then gives back only the rest', async () => {
    const s = await paidSale(name);
    const { disputeId, delivery } = await dispute(s, { amount: 1000 });
    expect(await pw.deliver(delivery)).toBe('applied');

    const m = await moneyOf(s.ref);
    expect(m.order).toMatchObject({ status: 'partially_refunded', refundedAmount: 1000, refundPending: 0 });
    expect(m.chargebacks).toEqual([{ id: disputeId, amount: 1000 }]);
    expect(m.booking).toMatchObject({ status: 'confirmed', paymentStatus: 'paid' });
    expect(m.places).toEqual({ available: 3, held: 0, confirmed: 2 });
    expect(m.released).toBe(0);
    expect(m.told).toEqual([expect.objectContaining({ bookingId: s.ref.bookingId, amount: 1000 })]);

    const rest = await pw.postRefund(owner.sub, s.ref, { requestId: `rest-${name}` });
    expect(rest.status, JSON.stringify(rest.json)).toBe(200);
    expect(rest.json).toMatchObject({ refund: { amount: s.total - 1000 } });
    expect(await moneyOf(s.ref)).toMatchObject({
      order: { status: 'refunded', refundedAmount: s.total },
      refunds: [s.total - 1000],
      booking: { status: 'cancelled', paymentStatus: 'refunded' },
    });
    await expectInvariantsHold();
  });
});

describe.each(providers)('%s: disputes that take no money or name the wrong order', (name) => {
  it('an inquiry is stored as ignored and changes nothing', async () => {
    const s = await paidSale(name);
    const { delivery } = await dispute(s, { inquiry: true });
    const before = await moneyOf(s.ref);
    expect((await pw.post(name, pw.signed(delivery))).status).toBe(200);
    expect(await pw.receipt(keyOf(delivery))).toMatchObject({
      status: 'ignored',
      effect: { kind: 'ignored' },
    });
    expect(await moneyOf(s.ref)).toEqual(before);
  });

  it('a dispute of a payment made outside this backend, whose metadata names one of its orders, fails for staff and leaves that order alone', async () => {
    const other = await paidSale(name);
    // Made at the provider by someone else, naming the order in what only this backend should write.
    const named = { ...other.ref };
    const foreignOrderId =
      name === 'stripe'
        ? (await pw.stripe.paymentIntents.create({ amount: other.total, currency: 'eur', metadata: named }))
            .id
        : (await pw.razorpay.orders.create({ amount: other.total, currency: 'EUR', notes: named })).id;
    const foreign: Sale = { ...other, providerOrderId: foreignOrderId };
    pw.pay(foreign);
    const { delivery } = await dispute(foreign);
    const before = await moneyOf(other.ref);

    expect(await pw.deliver(delivery)).toBe('failed');
    const receipt = await pw.receipt(keyOf(delivery));
    expect(receipt).toMatchObject({ status: 'failed', orgId: other.ref.orgId, effect: { order: other.ref } });
    expect(receipt?.error).toMatch(/is not recorded on this order/);
    expect(await moneyOf(other.ref)).toEqual(before);
    await expectInvariantsHold();
  });
});

describe('the stand-in refuses disputes the providers refuse', () => {
  it('unknown 404, unpaid 409, twice 409, more than is left 400, a bad body 400', async () => {
    const unpaid = await pw.saleIn(await sessionOf(), 'stripe');
    const paid = await paidSale('razorpay');
    const paymentId = await paymentIdOf(paid);
    const answers = [
      await postDispute({ provider: 'stripe', paymentId: 'pi_unknown' }),
      await postDispute({ provider: 'stripe', paymentId: unpaid.providerOrderId }),
      await postDispute({ provider: 'razorpay', paymentId, amount: paid.total + 1 }),
      await postDispute({ provider: 'razorpay', paymentId, outcome: 'fail' }),
      await postDispute({ provider: 'paypal', paymentId }),
    ];
    expect(answers.map((a) => a.status)).toEqual([404, 409, 400, 400, 400]);
    await dispute(paid);
    expect(() => pw.provider.dispute('razorpay', paymentId)).toThrow(/already disputed/);
  });
});
