import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import { createService } from '../../functions/kernel/dynamo/service.js';
import { book } from '../../functions/modules/bookings/domain/bookings.js';
import { confirmHeld } from '../../functions/modules/bookings/domain/bookings-changes.js';
import type { OrderRef, PaymentOrder } from '../../functions/modules/payments/domain/model.js';
import { quote } from '../../functions/modules/payments/domain/quote.js';
import { applyPayment } from '../../functions/modules/payments/domain/receipt-apply.js';
import { completeRefund } from '../../functions/modules/payments/domain/refund-flow.js';
import { checkInvariants } from '../../scripts/invariants/check.js';
import { sessionFingerprints } from '../../scripts/invariants/fingerprint.js';
import { moneyEntityNames } from '../../scripts/invariants/money-items.js';
import { scanTable } from '../../scripts/invariants/scan.js';
import { readSessions } from '../../scripts/invariants/session-read.js';
import { checkInvariantsSettled } from '../../scripts/invariants/settled-check.js';
import { checkedEntities } from '../../scripts/invariants/snapshot.js';
import { ada, bookingWorld, owner, refOf } from './booking-world.js';
import { freshContainer } from './fixtures.js';
import { runCheckScript } from './invariants-script.js';

/**
 * The money checks against DynamoDB Local: a payment, a partial refund and a refund asked, recorded
 * by the payments module's own transactions, pass; a refund written behind the order's back is named.
 */

let c: Container & { tableName: string };
let paid: OrderRef;

const location = () => ({ tableName: c.tableName, endpoint: process.env.DYNAMODB_ENDPOINT! });
const checkTable = async () => checkInvariants(await scanTable(location()));

/** The order startPayment would make for two seats at EUR 15.00 (no tax, no fee), before the provider's. */
const orderOf = (ref: OrderRef, eventId: string, expiresAt: string): PaymentOrder => {
  const at = new Date().toISOString();
  return {
    ...ref,
    eventId,
    orderId: `pay_${ref.bookingId}`,
    provider: 'stripe',
    quote: quote({
      currency: 'EUR',
      unitAmount: 1500,
      seats: 2,
      tax: null,
      fee: { basisPoints: 0, fixedMinor: 0 },
    }),
    status: 'pending',
    providerOrderId: `pi_${ref.bookingId}`,
    paidAmount: 0,
    refundedAmount: 0,
    refundPending: 0,
    failureReason: null,
    expiresAt,
    review: null,
    refundOwedSince: null,
    createdAt: at,
    updatedAt: at,
  };
};

beforeAll(async () => {
  c = await freshContainer();
  const w = await bookingWorld(c);
  const session = await w.session(w.paidEventId, 'general', 5);
  const held = await book(c.deps, ada, w.orgId, session.sessionId, { attendeeId: w.ada, seats: 2 });
  paid = refOf(held);
  await c.deps.payments.createOrder(orderOf(paid, held.eventId, held.holdExpiresAt!));
  // The webhook's effect, applied as the consumer applies it: order paid, payment, booking confirmed.
  await applyPayment(c.deps, null, {
    order: paid,
    providerTransactionId: `pi_${paid.bookingId}`,
    amount: 3000,
    currency: 'EUR',
  });
  await completeRefund(c.deps, paid, { providerRefundId: 're_part', amount: 1000, requestId: null }, null);
  // A further refund asked and not yet answered: 500 reserved on the order by its open request.
  const order = (await c.deps.payments.getOrder(paid))!;
  const at = new Date().toISOString();
  await c.deps.payments.reserveRefund(
    order,
    { ...order, refundPending: 500, updatedAt: at },
    {
      ...paid,
      orderId: order.orderId,
      requestId: 'req_more',
      amount: 500,
      reason: 'asked by staff',
      status: 'requested',
      providerRefundId: null,
      failureReason: null,
      requestedBy: owner.sub,
      createdAt: at,
      updatedAt: at,
    },
  );
  // Staff confirm a held booking without any payment order: marked paid, counted, not checked.
  const cash = await book(c.deps, owner, w.orgId, session.sessionId, { attendeeId: w.guest, seats: 1 });
  await confirmHeld(c.deps, refOf(cash), owner.sub);
});

describe('money invariants against DynamoDB Local', () => {
  it('pass a paid, partly refunded order with a refund asked, and its confirmed booking', async () => {
    expect(await c.deps.payments.getOrder(paid)).toMatchObject({
      status: 'partially_refunded',
      paidAmount: 3000,
      refundedAmount: 1000,
      refundPending: 500,
    });
    const report = await checkTable();
    expect(report.violations).toEqual([]);
    expect(report).toMatchObject({ ok: true, bookings: 2, paymentOrders: 1, paidWithoutOrder: 1 });
    const script = await runCheckScript(location());
    expect(script.code).toBe(0);
    expect(script.stdout).toContain('1 payment orders;');
    expect(script.stdout).toContain('; 1 paid bookings without a payment order (not checked)');
  });

  it('re-reads the payments partition with its session: the same money items the scan finds', async () => {
    const scanned = await scanTable(location(), checkedEntities());
    const kinds = new Set(scanned.map((item) => item.__edb_e__));
    expect([...Object.values(moneyEntityNames)].filter((e) => kinds.has(e))).toEqual([
      'paymentOrder',
      'paymentTransaction',
      'refundRequest',
    ]);
    const refs = [{ orgId: paid.orgId, sessionId: paid.sessionId }];
    expect(sessionFingerprints(await readSessions(location(), refs))).toEqual(sessionFingerprints(scanned));
  });

  it('names a refund beyond the payment, confirmed by re-reading the payments partition', async () => {
    // A refund recorded without its order, as a bug would: 1000 + 2500 back of 3000 received.
    const client = createDocumentClient({ region: 'us-east-1', endpoint: location().endpoint });
    try {
      await createService(client, c.tableName)
        .entities.paymentTransaction.create({
          ...paid,
          orderId: `pay_${paid.bookingId}`,
          kind: 'refund',
          provider: 'stripe',
          providerTransactionId: 're_rogue',
          currency: 'EUR',
          at: new Date().toISOString(),
          amount: 2500,
        })
        .go();
    } finally {
      client.destroy();
    }
    const expected = [
      `${paid.bookingId} refunds-within-payments refunds 3500 exceed payments 3000`,
      `${paid.bookingId} order-amounts-match-transactions order pay_${paid.bookingId} says paid 3000, refunded 1000; its transactions pay 3000, refund 3500`,
    ];
    const lines = (vs: { bookingId?: string; check: string; detail: string }[]) =>
      vs.map((v) => `${v.bookingId} ${v.check} ${v.detail}`);
    expect(lines((await checkTable()).violations)).toEqual(expected);
    // The re-read queries the session's partitions only: the violations survive it only if the
    // payments partition is among them.
    const settled = await checkInvariantsSettled(location(), { settleTimeoutMs: 0, pauseMs: 0 });
    expect(settled).toMatchObject({ ok: false, rounds: 2, unsettledSessions: [] });
    expect(lines(settled.violations)).toEqual(expected);
    const script = await runCheckScript(location());
    expect(script.code).toBe(1);
    expect(script.stdout).toContain(
      `[refunds-within-payments] org=${paid.orgId} session=${paid.sessionId} booking=${paid.bookingId} : refunds 3500 exceed payments 3000`,
    );
    expect(script.stdout).toContain('2 violations');
  });
});
