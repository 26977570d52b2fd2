import { describe, expect, it } from 'vitest';
import { applyReceipt } from '../../functions/modules/payments/domain/receipt-apply.js';
import { listStuckOrders } from '../../functions/modules/payments/domain/staff.js';
import { owner } from './booking-world.js';
import { paymentWorldForFile } from './payment-world.js';

/**
 * Staff's list of stuck orders: unpaid well after their hold ended (what the reconciler has not
 * settled). The clock port is moved forward for the reads; the orders and the index are real.
 */

const pw = paymentWorldForFile();

const at = (offsetMs: number) => ({ ...pw.c.deps, clock: { now: () => new Date(Date.now() + offsetMs) } });

describe('stuck payment orders', () => {
  it('lists unpaid orders only once they are five minutes past their hold, and never paid ones', async () => {
    const unpaid = await pw.sale('stripe');
    const paid = await pw.sale('razorpay');
    for (const d of pw.pay(paid)) {
      await pw.post(d.provider, pw.signed(d));
    }
    for (const d of pw.provider.held().filter((e) => e.provider === 'razorpay')) {
      await applyReceipt(pw.c.deps, { provider: d.provider, eventId: d.eventId });
    }
    const { orgId } = unpaid.ref;
    // Holds run 15 minutes: not stuck now, nor just after the hold ends.
    expect(await listStuckOrders(pw.c.deps, owner, orgId, 50)).toEqual([]);
    expect(await listStuckOrders(at(16 * 60_000), owner, orgId, 50)).toEqual([]);
    const later = await listStuckOrders(at(25 * 60_000), owner, orgId, 50);
    expect(later.map((o) => o.bookingId)).toEqual([unpaid.ref.bookingId]);
    expect(later[0]).toMatchObject({ status: 'pending', provider: 'stripe' });
  });

  it("answers a stranger the missing organization's 404", async () => {
    const stranger = { sub: 'stuck-stranger' };
    const err = await listStuckOrders(pw.c.deps, stranger, pw.world.orgId, 10).catch(
      (e: { code?: string }) => e,
    );
    expect(err).toMatchObject({ code: 'NOT_FOUND' });
  });
});
