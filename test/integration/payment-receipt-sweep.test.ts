import { describe, expect, it } from 'vitest';
import { applyReceipt } from '../../functions/modules/payments/domain/receipt-apply.js';
import {
  defaultReceiptSweepOptions,
  sweepReceipts,
} from '../../functions/modules/payments/domain/receipt-sweep.js';
import { listFailedReceipts, retryReceipt } from '../../functions/modules/payments/domain/staff.js';
import { receiveWebhook } from '../../functions/modules/payments/domain/webhook-receive.js';
import { owner } from './booking-world.js';
import { type Delivery, paymentWorldForFile } from './payment-world.js';

/**
 * Receipts stored but left unapplied (their queue message lost or dead-lettered) are handed to the
 * inbox again by the reconciler's sweep, fifteen minutes after their last change, and given up
 * (`failed`, listed for staff) after five hand-offs. The index is real (DynamoDB Local); the inbox
 * records its hand-offs instead of sending them.
 */

const pw = paymentWorldForFile();

const minutes = (n: number) => new Date(Date.now() + n * 60_000);
const sweepAt = (n: number) =>
  sweepReceipts(pw.c.deps, minutes(n), { ...defaultReceiptSweepOptions, hasTime: () => true });
const keyOf = (d: Delivery) => ({ provider: d.provider, eventId: d.eventId });
const handoffsOf = (d: Delivery) => pw.handedToInbox.filter((k) => k.eventId === d.eventId).length;
const unsettledAt = async (n: number) =>
  (await pw.c.deps.receipts.listUnsettled(minutes(n).toISOString(), 1000)).map((k) => k.eventId);

describe('the receipt sweep', () => {
  it('hands a receipt left received to the inbox again, once per quarter hour, until it is applied', async () => {
    const s = await pw.sale('razorpay');
    const [payment] = pw.pay(s).filter((d) => d.type === 'payment.captured');
    await receiveWebhook(pw.c.deps, 'razorpay', pw.signed(payment!));
    expect(handoffsOf(payment!)).toBe(1);

    await sweepAt(1);
    expect(handoffsOf(payment!)).toBe(1);
    await sweepAt(16);
    expect(handoffsOf(payment!)).toBe(2);
    expect(await pw.receipt(keyOf(payment!))).toMatchObject({ status: 'received', handoffs: 1 });
    // Handed at +16: not again before +31.
    await sweepAt(20);
    expect(handoffsOf(payment!)).toBe(2);

    expect(await applyReceipt(pw.c.deps, keyOf(payment!))).toBe('applied');
    expect(await unsettledAt(120)).not.toContain(payment!.eventId);
    await sweepAt(120);
    expect(handoffsOf(payment!)).toBe(2);
    expect(await pw.c.deps.payments.getOrder(s.ref)).toMatchObject({ status: 'paid' });
  });

  it('gives up after five hand-offs: the receipt fails, staff see it and can retry it', async () => {
    const s = await pw.sale('stripe');
    const [payment] = pw.pay(s).filter((d) => d.type === 'payment_intent.succeeded');
    const refundId = (await pw.stripe.refunds.create({ payment_intent: s.providerOrderId })).id;
    // The refund's webhook comes; its payment's never does: the refund cannot apply.
    const [refund] = pw.heldWith(refundId);
    await receiveWebhook(pw.c.deps, 'stripe', pw.signed(refund!));
    await expect(applyReceipt(pw.c.deps, keyOf(refund!))).rejects.toThrow(/before its payment/);

    for (let i = 1; i <= 5; i++) await sweepAt(16 * i);
    expect(handoffsOf(refund!)).toBe(6);
    expect(await pw.receipt(keyOf(refund!))).toMatchObject({ status: 'received', handoffs: 5 });
    await sweepAt(16 * 6);
    expect(handoffsOf(refund!)).toBe(6);
    const failed = await pw.receipt(keyOf(refund!));
    expect(failed).toMatchObject({ status: 'failed' });
    expect(failed?.error).toMatch(/not applied after 6 deliveries/);
    expect(await unsettledAt(16 * 10)).not.toContain(refund!.eventId);
    const listed = await listFailedReceipts(pw.c.deps, owner, s.ref.orgId, { limit: 50 });
    expect(listed.items.map((r) => r.eventId)).toContain(refund!.eventId);

    // The payment's webhook arrives after all; staff retry: the refund applies, once.
    await pw.deliver(payment!);
    const retried = await retryReceipt(pw.c.deps, owner, s.ref.orgId, keyOf(refund!));
    expect(retried).toMatchObject({ status: 'received', handoffs: 0 });
    expect(await applyReceipt(pw.c.deps, keyOf(refund!))).toBe('applied');
    expect(await pw.c.deps.payments.getOrder(s.ref)).toMatchObject({ status: 'refunded' });
    expect(await unsettledAt(16 * 10)).not.toContain(refund!.eventId);
  });
});
