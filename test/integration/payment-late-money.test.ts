import { describe, expect, it, vi } from 'vitest';
import { book, expireHold } from '../../functions/modules/bookings/domain/bookings.js';
import { cancelSession } from '../../functions/modules/bookings/domain/session-cancellation.js';
import type { OrderRef, ProviderName } from '../../functions/modules/payments/domain/model.js';
import { applyReceipt } from '../../functions/modules/payments/domain/receipt-apply.js';
import { reconcilePayments } from '../../functions/modules/payments/domain/reconcile.js';
import { decideLatePayment } from '../../functions/modules/payments/domain/staff.js';
import { receiveWebhook } from '../../functions/modules/payments/domain/webhook-receive.js';
import { setHoldSeconds } from '../../scripts/booking-load/hold-duration.js';
import { ben, counterOf, owner } from './booking-world.js';
import { type Delivery, paymentWorldForFile, type Sale } from './payment-world.js';

/**
 * Money that comes late, on DynamoDB Local with the local provider's own signed deliveries: a
 * payment after its hold lapsed follows the event's `latePayment` policy, and the reconciler
 * settles orders whose webhook never came (applied once, whatever arrives later) or that nobody
 * paid (expired, and closed at Stripe).
 */

const providers: ProviderName[] = ['stripe', 'razorpay'];
const reconcileAll = { graceMs: 0, limit: 100, hasTime: () => true };

// Refunds' webhooks are held too, so each test decides when (and whether) they arrive.
const pw = paymentWorldForFile();

const keyOf = (d: Delivery) => ({ provider: d.provider, eventId: d.eventId });

/** The provider's webhook arrives (signed now) and the payments queue applies it. */
const deliver = async (d: Delivery) => {
  await receiveWebhook(pw.c.deps, d.provider, pw.signed(d));
  return applyReceipt(pw.c.deps, keyOf(d));
};

/** The hold ran out: released by the bookings module just past its deadline. Answers that time. */
const lapse = async (s: Sale): Promise<Date> => {
  const booking = await pw.c.deps.bookings.get(s.ref);
  const at = new Date(Date.parse(booking?.holdExpiresAt ?? '') + 1000);
  expect(await expireHold(pw.c.deps, s.ref, at)).toBe('expired');
  return at;
};

const places = async (sessionId: string) => {
  const { available, held, confirmed } = await counterOf(pw.c, pw.world.orgId, sessionId);
  return { available, held, confirmed };
};

/** The order, its money by kind, the booking, the late refund request and the attendee's notices. */
const moneyOf = async (ref: OrderRef) => {
  const [order, transactions, booking, outbox] = await Promise.all([
    pw.c.deps.payments.getOrder(ref),
    pw.c.deps.payments.transactions(ref),
    pw.c.deps.bookings.get(ref),
    pw.service.entities.outbox.query
      .bySession({ orgId: ref.orgId, sessionId: ref.sessionId })
      .go({ pages: 'all', consistent: true }),
  ]);
  const lateRefund = order ? await pw.c.deps.payments.getRefund(ref, `late-${order.orderId}`) : undefined;
  return {
    order,
    booking,
    payments: transactions.filter((t) => t.kind === 'payment'),
    refunds: transactions.filter((t) => t.kind === 'refund'),
    lateRefund,
    refundNotices: outbox.data.filter(
      (o) => o.type === 'payment.refunded' && o.recipientId === booking?.attendeeId,
    ),
  };
};

/** Recorded and refunded in full by the late policy, exactly once, the booking left expired. */
const expectRefundedLate = async (s: Sale) => {
  const m = await moneyOf(s.ref);
  expect(m.order).toMatchObject({ status: 'refunded', paidAmount: s.total, refundedAmount: s.total });
  expect(m.order?.refundPending).toBe(0);
  expect(m.payments.map((t) => t.amount)).toEqual([s.total]);
  expect(m.refunds.map((t) => t.amount)).toEqual([s.total]);
  expect(m.lateRefund).toMatchObject({ status: 'succeeded', amount: s.total });
  expect(m.lateRefund?.providerRefundId).toBe(m.refunds[0]?.providerTransactionId);
  expect(m.refundNotices).toHaveLength(1);
  expect(m.booking).toMatchObject({ status: 'expired' });
  return m;
};

/** The refund's own webhook (held at the stand-in) arrives afterwards: applied, nothing changes. */
const refundWebhookChangesNothing = async (s: Sale, providerRefundId: string) => {
  const before = await moneyOf(s.ref);
  const events = pw.heldWith(providerRefundId);
  expect(events.length).toBeGreaterThan(0);
  for (const d of events) expect(await deliver(d)).toBe('applied');
  expect(await moneyOf(s.ref)).toEqual(before);
};

describe('a payment that arrives after the hold lapsed', () => {
  it('accept_if_available, places free (stripe): confirmed again, its places taken back, paid once', async () => {
    const { sessionId } = await pw.world.session(pw.world.paidEventId, 'general', 5);
    const s = await pw.saleIn(sessionId, 'stripe');
    const [paid] = pw.pay(s);
    await lapse(s);
    expect(await moneyOf(s.ref)).toMatchObject({ booking: { status: 'expired', paymentStatus: 'none' } });
    const before = await places(sessionId);
    expect(await deliver(paid!)).toBe('applied');

    const m = await moneyOf(s.ref);
    expect(m.booking).toMatchObject({ status: 'confirmed', paymentStatus: 'paid', holdExpiresAt: null });
    expect(m.order).toMatchObject({ status: 'paid', paidAmount: s.total, refundedAmount: 0, review: null });
    expect(m.payments).toHaveLength(1);
    expect(m.refunds).toHaveLength(0);
    expect(m.lateRefund).toBeUndefined();
    expect(await places(sessionId)).toEqual({
      available: before.available - 2,
      held: before.held,
      confirmed: before.confirmed + 2,
    });
    expect(await pw.receipt(keyOf(paid!))).toMatchObject({ status: 'applied' });
  });

  it('accept_if_available on a seated session (razorpay): its seats are taken again', async () => {
    const { sessionId } = await pw.world.session(pw.world.paidEventId, 'seated');
    const s = await pw.saleIn(sessionId, 'razorpay');
    const labels = (await pw.c.deps.bookings.get(s.ref))?.seatLabels ?? [];
    expect(labels).toHaveLength(2);
    const events = pw.pay(s);
    await lapse(s);
    expect(await pw.c.deps.bookings.bookedSeats(pw.world.orgId, sessionId)).toEqual([]);
    const before = await places(sessionId);
    for (const d of events) expect(await deliver(d)).toBe('applied');

    const m = await moneyOf(s.ref);
    expect(m.booking).toMatchObject({ status: 'confirmed', paymentStatus: 'paid', seatLabels: labels });
    expect(m.order).toMatchObject({ status: 'paid', paidAmount: s.total });
    expect(m.payments).toHaveLength(1);
    const seats = await pw.c.deps.bookings.bookedSeats(pw.world.orgId, sessionId);
    expect(seats.map((x) => x.label).sort()).toEqual([...labels].sort());
    for (const seat of seats) expect(seat).toMatchObject({ bookingId: s.ref.bookingId, state: 'confirmed' });
    expect(await places(sessionId)).toEqual({
      available: before.available - 2,
      held: before.held,
      confirmed: before.confirmed + 2,
    });
  });

  it('accept_if_available, the place went to someone else: recorded, refunded in full, the other booking untouched', async () => {
    const { sessionId } = await pw.world.session(pw.world.paidEventId, 'general', 1);
    const s = await pw.saleIn(sessionId, 'stripe', { seats: 1 });
    const [paid] = pw.pay(s);
    await lapse(s);
    const other = await book(pw.c.deps, ben, pw.world.orgId, sessionId, { attendeeId: pw.world.ben });
    const otherRef = { orgId: other.orgId, sessionId, bookingId: other.bookingId };
    const otherBefore = await pw.c.deps.bookings.get(otherRef);
    const before = await places(sessionId);
    expect(before).toEqual({ available: 0, held: 1, confirmed: 0 });

    expect(await deliver(paid!)).toBe('applied');
    const m = await expectRefundedLate(s);
    expect(m.lateRefund?.reason).toBe('paid after the hold lapsed');
    expect(await pw.c.deps.bookings.get(otherRef)).toEqual(otherBefore);
    expect(await places(sessionId)).toEqual(before);
    await refundWebhookChangesNothing(s, m.refunds[0]!.providerTransactionId);
  });

  it('accept_if_available, the session cancelled meanwhile: recorded, refunded in full, no place taken back', async () => {
    const { sessionId } = await pw.world.session(pw.world.paidEventId, 'general', 5);
    const s = await pw.saleIn(sessionId, 'stripe');
    const [paid] = pw.pay(s);
    await lapse(s);
    await cancelSession(pw.c.deps, owner, pw.world.orgId, sessionId, 'storm');
    const before = await places(sessionId);

    expect(await deliver(paid!)).toBe('applied');
    await expectRefundedLate(s);
    expect(await places(sessionId)).toEqual(before);
  });

  it('refund (razorpay): recorded and refunded in full automatically, the booking stays expired', async () => {
    const eventId = await pw.pricedEvent({ latePayment: 'refund' });
    const { sessionId } = await pw.world.session(eventId, 'general', 5);
    const s = await pw.saleIn(sessionId, 'razorpay');
    const events = pw.pay(s);
    await lapse(s);
    const before = await places(sessionId);
    for (const d of events) expect(await deliver(d)).toBe('applied');

    const m = await expectRefundedLate(s);
    expect(await places(sessionId)).toEqual(before);
    const payment = m.payments[0]!.providerTransactionId;
    const atProvider = await pw.razorpay.payments.fetchMultipleRefund(payment, { count: 100 });
    expect(atProvider.items.map((r) => Number(r.amount))).toEqual([s.total]);
    await refundWebhookChangesNothing(s, m.refunds[0]!.providerTransactionId);
  });

  it('review (stripe): paid and flagged late_payment for staff, nothing refunded, the booking stays expired', async () => {
    const eventId = await pw.pricedEvent({ latePayment: 'review' });
    const { sessionId } = await pw.world.session(eventId, 'general', 5);
    const s = await pw.saleIn(sessionId, 'stripe');
    const [paid] = pw.pay(s);
    await lapse(s);
    const before = await places(sessionId);
    expect(await deliver(paid!)).toBe('applied');

    const m = await moneyOf(s.ref);
    expect(m.order).toMatchObject({ status: 'paid', paidAmount: s.total, refundedAmount: 0 });
    expect(m.order).toMatchObject({ review: 'late_payment', refundPending: 0 });
    expect(m.payments).toHaveLength(1);
    expect(m.refunds).toHaveLength(0);
    expect(m.lateRefund).toBeUndefined();
    expect(m.booking).toMatchObject({ status: 'expired' });
    expect(await places(sessionId)).toEqual(before);
    const atProvider = await pw.stripe.refunds.list({ payment_intent: s.providerOrderId });
    expect(atProvider.data).toHaveLength(0);

    // Staff accept it once the session was cancelled: refused, nothing taken back.
    await cancelSession(pw.c.deps, owner, pw.world.orgId, sessionId, 'storm');
    await expect(decideLatePayment(pw.c.deps, owner, s.ref, 'accept')).rejects.toMatchObject({
      code: 'NOT_BOOKABLE',
    });
    expect(await moneyOf(s.ref)).toMatchObject({
      order: { review: 'late_payment' },
      booking: { status: 'expired' },
    });
    expect(await places(sessionId)).toEqual(before);
  });
});

describe('the reconciler', () => {
  it.each(providers)(
    '%s: a payment whose webhook never came is applied; the webhook later changes nothing',
    async (name) => {
      const { sessionId } = await pw.world.session(pw.world.paidEventId, 'general', 5);
      const s = await pw.saleIn(sessionId, name);
      const neverSent = pw.pay(s);
      const at = await lapse(s);
      expect(await pw.c.deps.payments.getOrder(s.ref)).toMatchObject({ status: 'pending' });

      expect(await reconcilePayments(pw.c.deps, at, reconcileAll)).toEqual({
        asked: 1,
        refunded: 0,
        paid: 1,
        expired: 0,
        failed: [],
      });
      const expectPaidOnce = async () => {
        const state = await pw.stateOf(s.ref);
        expect(state.order).toMatchObject({ status: 'paid', paidAmount: s.total, refundedAmount: 0 });
        expect(state.payments.map((t) => t.amount)).toEqual([s.total]);
        // The event's policy (accept_if_available) with places free: confirmed again, once.
        expect(state.booking).toMatchObject({ status: 'confirmed', paymentStatus: 'paid' });
        expect(state.confirmedSteps).toBe(1);
        expect(await places(sessionId)).toEqual({ available: 3, held: 0, confirmed: 2 });
      };
      await expectPaidOnce();
      expect((await reconcilePayments(pw.c.deps, at, reconcileAll)).asked).toBe(0);

      for (const d of neverSent) {
        expect(await deliver(d)).toBe('applied');
        expect(await pw.receipt(keyOf(d))).toMatchObject({ status: 'applied' });
      }
      await expectPaidOnce();
    },
  );

  it('a lapsed hold not released yet: the reconciler leaves the payment for its next run, then applies it', async () => {
    const eventId = await pw.pricedEvent({ latePayment: 'review' });
    const endpoint = process.env.DYNAMODB_ENDPOINT ?? '';
    await setHoldSeconds({ endpoint, tableName: pw.tableName }, pw.world.orgId, eventId, 2);
    const { sessionId } = await pw.world.session(eventId, 'general', 5);
    const s = await pw.saleIn(sessionId, 'stripe');
    pw.pay(s);
    const deadline = Date.parse((await pw.c.deps.bookings.get(s.ref))?.holdExpiresAt ?? '');
    await vi.waitFor(() => expect(Date.now()).toBeGreaterThan(deadline), { timeout: 5000, interval: 50 });

    const waiting = await reconcilePayments(pw.c.deps, new Date(), reconcileAll);
    expect(waiting).toMatchObject({ asked: 1, paid: 0, expired: 0 });
    expect(waiting.failed.map((f) => f.order.bookingId)).toEqual([s.ref.bookingId]);
    expect(await moneyOf(s.ref)).toMatchObject({
      order: { status: 'pending', paidAmount: 0 },
      booking: { status: 'held' },
      payments: [],
    });

    expect(await expireHold(pw.c.deps, s.ref, new Date())).toBe('expired');
    expect(await reconcilePayments(pw.c.deps, new Date(), reconcileAll)).toMatchObject({ asked: 1, paid: 1 });
    const m = await moneyOf(s.ref);
    expect(m.order).toMatchObject({ status: 'paid', paidAmount: s.total, review: 'late_payment' });
    expect(m.payments).toHaveLength(1);
    expect(m.booking).toMatchObject({ status: 'expired' });
  });

  it.each(providers)('%s: an order nobody paid expires and leaves the unpaid index', async (name) => {
    const { sessionId } = await pw.world.session(pw.world.paidEventId, 'general', 5);
    const s = await pw.saleIn(sessionId, name);
    const order = await pw.c.deps.payments.getOrder(s.ref);
    const at = new Date(Date.parse(order?.expiresAt ?? '') + 1000);
    const due = async () => (await pw.c.deps.payments.listDue(at.toISOString(), 100)).map((r) => r.bookingId);
    expect(await due()).toContain(s.ref.bookingId);

    expect(await reconcilePayments(pw.c.deps, at, reconcileAll)).toEqual({
      asked: 1,
      refunded: 0,
      paid: 0,
      expired: 1,
      failed: [],
    });
    expect(await moneyOf(s.ref)).toMatchObject({ order: { status: 'expired', paidAmount: 0 }, payments: [] });
    expect(await due()).not.toContain(s.ref.bookingId);
    expect(await reconcilePayments(pw.c.deps, at, reconcileAll)).toEqual({
      asked: 0,
      refunded: 0,
      paid: 0,
      expired: 0,
      failed: [],
    });
    if (name === 'stripe') {
      const intent = await pw.stripe.paymentIntents.retrieve(s.providerOrderId);
      expect(intent.status).toBe('canceled');
      // Closed at the provider: the buyer can no longer pay it.
      expect(() => pw.pay(s)).toThrow();
    }
  });
});
