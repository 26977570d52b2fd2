import { beforeEach, describe, expect, it } from 'vitest';
import type { JobMessage } from '../../functions/kernel/domain/deps.js';
import {
  cancelSession,
  runSessionCancellationStep,
} from '../../functions/modules/bookings/domain/session-cancellation.js';
import type { OrderRef, ProviderName } from '../../functions/modules/payments/domain/model.js';
import {
  defaultReconcileOptions,
  reconcilePayments,
} from '../../functions/modules/payments/domain/reconcile.js';
import { refundBooking } from '../../functions/modules/payments/domain/refunds.js';
import { listStuckOrders } from '../../functions/modules/payments/domain/staff.js';
import { checkInvariants } from '../../scripts/invariants/check.js';
import { scanTable } from '../../scripts/invariants/scan.js';
import { counterOf, owner } from './booking-world.js';
import { recordJobs } from './catalog-world.js';
import { paymentWorldForFile, type Sale } from './payment-world.js';

/**
 * A cancelled session gives the money back: its paid bookings are cancelled with their orders
 * marked as owing a refund (one transaction each), and the reconciler refunds them through the
 * provider, once, however often it runs. A refund the provider refuses stays owed and is listed
 * for staff until the money is back. DynamoDB Local and the local provider's SDK endpoints.
 */

const providers: ProviderName[] = ['stripe', 'razorpay'];

const pw = paymentWorldForFile();
let jobs: JobMessage[];
// Each test's jobs are recorded, not sent (the world puts the real port back after each test).
beforeEach(() => {
  jobs = recordJobs(pw.c);
});

/** Runs the queued session-cancel steps as the jobs queue would, until none is left. */
const drainJobs = async () => {
  for (let job = jobs.shift(); job; job = jobs.shift()) {
    if (job.type !== 'session.cancel') throw new Error(`unexpected job ${job.type}`);
    const next = await runSessionCancellationStep(pw.c.deps, job);
    if (next) jobs.push(next);
  }
};

const paidSale = async (name: ProviderName, sessionId: string, seats = 2): Promise<Sale> => {
  const s = await pw.saleIn(sessionId, name, { seats });
  for (const d of pw.pay(s)) expect(await pw.deliver(d)).toBe('applied');
  return s;
};

/** The reconciler's run `minutes` from now. */
const reconcileIn = (minutes: number) =>
  reconcilePayments(pw.c.deps, new Date(Date.now() + minutes * 60_000), {
    ...defaultReconcileOptions,
    hasTime: () => true,
  });

const at = (minutes: number) => ({
  ...pw.c.deps,
  clock: { now: () => new Date(Date.now() + minutes * 60_000) },
});

const providerRefunds = (s: Sale) => pw.providerRefunds(s);

const stateOf = async (ref: OrderRef) => {
  const [order, booking, outbox] = await Promise.all([
    pw.c.deps.payments.getOrder(ref),
    pw.c.deps.bookings.get(ref),
    pw.service.entities.outbox.query
      .bySession({ orgId: ref.orgId, sessionId: ref.sessionId })
      .go({ pages: 'all', consistent: true }),
  ]);
  // Booking changes are keyed by the booking, money's by its order.
  const about = [ref.bookingId, order?.orderId ?? ref.bookingId];
  const notices = outbox.data.filter((o) => about.some((id) => o.messageId.includes(id))).map((o) => o.type);
  return { order, booking, notices };
};

const violations = async () =>
  checkInvariants(await scanTable({ tableName: pw.tableName, endpoint: process.env.DYNAMODB_ENDPOINT! }))
    .violations;

describe.each(providers)('%s: a cancelled session refunds its paid bookings', (name) => {
  it('cancels them owing the refund, then the reconciler refunds each once; unpaid holds owe nothing', async () => {
    const { sessionId } = await pw.world.session(pw.world.paidEventId, 'general', 10);
    const whole = await paidSale(name, sessionId);
    const part = await paidSale(name, sessionId, 1);
    // Staff gave part of the second one back already: only the rest is owed.
    await refundBooking(pw.c.deps, owner, part.ref, { requestId: `part-${name}`, amountMinor: 500 });
    const unpaid = await pw.saleIn(sessionId, name, { seats: 1 });

    await cancelSession(pw.c.deps, owner, pw.world.orgId, sessionId, 'the venue flooded');
    await drainJobs();

    const since = (await stateOf(whole.ref)).order?.refundOwedSince;
    expect(since).toEqual(expect.any(String));
    expect(await stateOf(whole.ref)).toMatchObject({
      order: { status: 'paid', refundedAmount: 0 },
      booking: { status: 'cancelled', paymentStatus: 'paid' },
    });
    expect((await stateOf(whole.ref)).notices).toContain('session.cancelled');
    expect((await stateOf(part.ref)).order).toMatchObject({
      status: 'partially_refunded',
      refundedAmount: 500,
      refundOwedSince: expect.any(String),
    });
    expect((await stateOf(unpaid.ref)).order).toMatchObject({ status: 'pending', refundOwedSince: null });
    expect(await counterOf(pw.c, pw.world.orgId, sessionId)).toMatchObject({ held: 0, confirmed: 0 });
    // Owed, not yet refunded: within the checker's grace, nothing is wrong.
    expect(await violations()).toEqual([]);

    // The reconciler looks at what is due two minutes back: not yet at once.
    expect((await reconcileIn(0)).refunded).toBe(0);
    const run = await reconcileIn(3);
    expect(run.failed).toEqual([]);
    expect(run.refunded).toBe(2);

    for (const [s, refunded] of [
      [whole, whole.total],
      [part, part.total],
    ] as const) {
      const state = await stateOf(s.ref);
      expect(state.order).toMatchObject({
        status: 'refunded',
        refundedAmount: refunded,
        refundOwedSince: null,
      });
      expect(state.booking).toMatchObject({ status: 'cancelled', paymentStatus: 'refunded' });
      expect(state.notices).toContain('payment.refunded');
    }
    expect(await providerRefunds(whole)).toEqual([whole.total]);
    expect((await providerRefunds(part)).sort((a, b) => a - b)).toEqual(
      [500, part.total - 500].sort((a, b) => a - b),
    );

    // Runs again: nothing is due, nothing is refunded twice; the refund webhooks change nothing.
    expect((await reconcileIn(6)).refunded).toBe(0);
    for (const d of [...pw.heldWith(whole.providerOrderId), ...pw.heldWith(part.providerOrderId)]) {
      await pw.deliver(d).catch(() => undefined);
    }
    expect(await providerRefunds(whole)).toEqual([whole.total]);
    expect((await stateOf(whole.ref)).order).toMatchObject({
      status: 'refunded',
      refundedAmount: whole.total,
    });
    expect(await violations()).toEqual([]);
  });

  it('a refund the provider refuses stays owed and is listed for staff until the money is back', async () => {
    const { sessionId } = await pw.world.session(pw.world.paidEventId, 'general', 4);
    const s = await paidSale(name, sessionId);
    // Refunded at the provider's dashboard; its webhook has not come yet, so ours says paid.
    const [payment] = (await pw.c.deps.payments.transactions(s.ref)).filter((t) => t.kind === 'payment');
    const direct =
      name === 'stripe'
        ? (await pw.stripe.refunds.create({ payment_intent: s.providerOrderId })).id
        : (await pw.razorpay.payments.refund(payment!.providerTransactionId, {})).id;

    await cancelSession(pw.c.deps, owner, pw.world.orgId, sessionId, 'speaker ill');
    await drainJobs();
    const run = await reconcileIn(3);
    expect(run.refunded).toBe(0);
    expect(run.failed.map((f) => f.order.bookingId)).toEqual([s.ref.bookingId]);
    expect((await stateOf(s.ref)).order).toMatchObject({ status: 'paid', refundPending: 0 });
    const stuck = await listStuckOrders(at(10), owner, pw.world.orgId, 50);
    expect(stuck.map((o) => o.bookingId)).toContain(s.ref.bookingId);
    // Asked again, the refused request is answered from its record: the provider is not asked again.
    expect((await reconcileIn(4)).failed).toHaveLength(1);
    expect(await providerRefunds(s)).toEqual([s.total]);

    // The dashboard refund's webhook arrives: the money is back, nothing is owed, nothing is stuck.
    for (const d of pw.heldWith(direct)) await pw.deliver(d);
    expect((await stateOf(s.ref)).order).toMatchObject({ status: 'refunded', refundOwedSince: null });
    expect((await stateOf(s.ref)).booking).toMatchObject({ status: 'cancelled', paymentStatus: 'refunded' });
    expect((await listStuckOrders(at(10), owner, pw.world.orgId, 50)).map((o) => o.bookingId)).not.toContain(
      s.ref.bookingId,
    );
    expect((await reconcileIn(5)).failed).toEqual([]);
  });
});
