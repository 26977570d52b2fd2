import { describe, expect, it } from 'vitest';
import { book, confirmBooking } from '../../functions/modules/bookings/domain/bookings.js';
import { startPayment } from '../../functions/modules/payments/domain/payment-start.js';
import { ada, owner } from './booking-world.js';
import { paymentWorldForFile } from './payment-world.js';

/**
 * Staff confirming a held priced booking says it was paid otherwise (at the door, by invoice):
 * allowed while nobody pays online for it, refused while the attendee is paying, so that nobody
 * pays twice; once confirmed, the attendee has nothing left to pay.
 */

const pw = paymentWorldForFile();

const held = async () => {
  const { sessionId } = await pw.world.session(pw.world.paidEventId, 'general', 4);
  const b = await book(pw.c.deps, ada, pw.world.orgId, sessionId, { attendeeId: pw.world.ada, seats: 1 });
  return { orgId: b.orgId, sessionId: b.sessionId, bookingId: b.bookingId };
};

describe('staff confirming a priced booking', () => {
  it('with no online payment started: confirmed and marked paid; paying online then has nothing to pay', async () => {
    const ref = await held();
    expect(await confirmBooking(pw.c.deps, owner, ref)).toMatchObject({
      status: 'confirmed',
      paymentStatus: 'paid',
    });
    await expect(startPayment(pw.c.deps, ada, ref, { provider: 'stripe' })).rejects.toMatchObject({
      code: 'NOTHING_TO_PAY',
    });
  });

  it.each(['pending', 'failed'] as const)(
    'with an online payment %s: 409 PAYMENT_IN_PROGRESS, nothing changes',
    async (status) => {
      const ref = await held();
      const { order } = await startPayment(pw.c.deps, ada, ref, { provider: 'stripe' });
      if (status === 'failed') {
        const s = {
          provider: 'stripe' as const,
          ref,
          providerOrderId: order.providerOrderId ?? '',
          total: order.quote.total,
        };
        for (const d of pw.pay(s, 'fail')) await pw.deliver(d);
        expect(await pw.c.deps.payments.getOrder(ref)).toMatchObject({ status: 'failed' });
      }
      await expect(confirmBooking(pw.c.deps, owner, ref)).rejects.toMatchObject({
        code: 'PAYMENT_IN_PROGRESS',
        details: { orderStatus: status },
      });
      expect(await pw.c.deps.bookings.get(ref)).toMatchObject({ status: 'held', paymentStatus: 'pending' });
    },
  );
});
