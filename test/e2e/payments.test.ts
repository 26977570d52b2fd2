import { describe, expect, it, vi } from 'vitest';
import { type ApiResponse, type TestRuntime, useLocalRuntime } from '../support/local-runtime.js';
import { publishedSession } from './http-world.js';

/**
 * Paying a held booking over HTTP against the local runtime: the payment order (its quote with the
 * organizer's GST and the platform fee), the local provider's checkout paying through the official
 * SDKs' REST calls, its signed webhook, the payments queue confirming the booking, the attendee told.
 */

const FEE = { PLATFORM_FEE_BPS: '250', PLATFORM_FEE_FIXED_MINOR: '300' };

interface Booking {
  bookingId: string;
  status: string;
  paymentStatus: string;
  payment: {
    status: string;
    tax: { amount: number } | null;
    fee: number;
    total: number;
    paidAmount: number;
  } | null;
}
interface PaymentStart {
  order: {
    orderId: string;
    status: string;
    provider: string;
    quote: {
      lines: { kind: string; name: string; amount: number }[];
      subtotal: number;
      tax: { name: string; amount: number; number: string | null } | null;
      fee: number;
      total: number;
    };
  };
  checkout: {
    provider: string;
    providerOrderId: string;
    clientSecret: string | null;
    keyId: string | null;
    checkoutUrl: string | null;
  };
}

const ok = <T>(res: ApiResponse<T>, status: number): T => {
  expect(res.status, res.text).toBe(status);
  return res.json;
};

interface World {
  token: string;
  orgId: string;
  sessionId: string;
  attendeeId: string;
}

/** An organization that charges 18 % GST, a published event at INR 499.00 a seat, one session. */
const pricedWorld = async (rt: TestRuntime, owner: string, capacity = 10): Promise<World> => {
  const token = await rt.mintToken({ sub: owner, email: `${owner}@pay.example`, name: owner });
  const { orgId, sessionId } = await publishedSession(rt, token, {
    orgName: owner,
    event: {
      title: 'Paid talk',
      defaultCapacity: capacity,
      price: { kind: 'paid', amountMinor: 49_900, currency: 'INR' },
    },
    session: { startsAt: '2027-04-10T18:00' },
  });
  ok(
    await rt.call('PATCH', `/v1/orgs/${orgId}`, {
      token,
      body: { settings: { tax: { name: 'GST', ratePercent: 18, number: '29ABCDE1234F1Z5' } } },
    }),
    200,
  );
  const { attendeeId } = ok(
    await rt.call<{ attendeeId: string }>('POST', `/v1/orgs/${orgId}/attendees`, {
      token,
      body: { firstName: 'Asha', lastName: 'Rao', email: `asha@${owner}.example` },
    }),
    201,
  );
  return { token, orgId, sessionId, attendeeId };
};

const bookingPath = (w: World, bookingId = '') =>
  `/v1/orgs/${w.orgId}/sessions/${w.sessionId}/bookings${bookingId ? `/${bookingId}` : ''}`;

const hold = async (rt: TestRuntime, w: World, seats: number): Promise<Booking> =>
  ok(
    await rt.call<Booking>('POST', bookingPath(w), {
      token: w.token,
      body: { attendeeId: w.attendeeId, seats },
    }),
    201,
  );

const startPayment = (rt: TestRuntime, w: World, bookingId: string, provider: string) =>
  rt.call<PaymentStart>('POST', `${bookingPath(w, bookingId)}/payment`, {
    token: w.token,
    body: { provider },
  });

const confirmedSoon = async (rt: TestRuntime, w: World, bookingId: string): Promise<Booking> => {
  let booking: Booking | undefined;
  await vi.waitFor(
    async () => {
      booking = ok(await rt.call<Booking>('GET', bookingPath(w, bookingId), { token: w.token }), 200);
      expect(booking.status).toBe('confirmed');
    },
    { timeout: 10_000, interval: 100 },
  );
  return booking as Booking;
};

const rt = useLocalRuntime({ env: FEE });

describe('paying a held booking', () => {
  it('through Stripe: order with GST and fee, checkout, signed webhook, confirmed, attendee told', async () => {
    const w = await pricedWorld(rt, 'pay-stripe');
    const held = await hold(rt, w, 2);
    expect(held).toMatchObject({ status: 'held', paymentStatus: 'pending' });

    const first = ok(await startPayment(rt, w, held.bookingId, 'stripe'), 200);
    // 2 x 499.00 = 998.00; GST 18 % = 179.64; fee 2.5 % + 3.00 = 27.95.
    expect(first.order.quote).toMatchObject({
      subtotal: 99_800,
      tax: { name: 'GST', amount: 17_964, number: '29ABCDE1234F1Z5' },
      fee: 2_795,
      total: 120_559,
    });
    expect(first.order.quote.lines.map((l) => [l.kind, l.name, l.amount])).toEqual([
      ['ticket', 'Admission', 99_800],
      ['tax', 'GST', 17_964],
      ['fee', 'Platform fee', 2_795],
    ]);
    expect(first.order.status).toBe('pending');
    expect(first.checkout.clientSecret).toMatch(/^pi_.+_secret_/);
    expect(first.checkout.checkoutUrl).toContain(`/checkout/stripe/${first.checkout.providerOrderId}`);

    // Asking again answers the same order and the same PaymentIntent.
    const again = ok(await startPayment(rt, w, held.bookingId, 'stripe'), 200);
    expect(again.order.orderId).toBe(first.order.orderId);
    expect(again.checkout.providerOrderId).toBe(first.checkout.providerOrderId);

    rt.runtime.paymentProvider.pay('stripe', first.checkout.providerOrderId);
    const booking = await confirmedSoon(rt, w, held.bookingId);
    expect(booking.paymentStatus).toBe('paid');
    // The booking shows what was paid, the tax and the fee.
    expect(booking.payment).toMatchObject({
      status: 'paid',
      tax: { amount: 17_964 },
      fee: 2_795,
      total: 120_559,
      paidAmount: 120_559,
    });

    await vi.waitFor(
      async () => {
        const { json } = await rt.call<{ items: { type: string; to: string }[] }>('GET', '/local/outbox');
        const told = json.items.filter(
          (d) => d.type === 'booking.confirmed' && d.to === 'asha@pay-stripe.example',
        );
        expect(told).toHaveLength(1);
      },
      { timeout: 10_000, interval: 200 },
    );
    // Paid: nothing more to pay.
    expect((await startPayment(rt, w, held.bookingId, 'stripe')).json).toMatchObject({
      code: 'NOTHING_TO_PAY',
    });
  });

  it('through Razorpay: its order id and key id for the checkout, then confirmed by its webhook', async () => {
    const w = await pricedWorld(rt, 'pay-razorpay');
    const held = await hold(rt, w, 1);
    const start = ok(await startPayment(rt, w, held.bookingId, 'razorpay'), 200);
    expect(start.checkout.providerOrderId).toMatch(/^order_/);
    expect(start.checkout.keyId).toMatch(/^rzp_test_local_/);
    expect(start.checkout.clientSecret).toBeNull();
    rt.runtime.paymentProvider.pay('razorpay', start.checkout.providerOrderId);
    expect((await confirmedSoon(rt, w, held.bookingId)).paymentStatus).toBe('paid');
  });

  it('refunds in full once per request id: the booking ends refunded and its places are offered to the waitlist', async () => {
    const w = await pricedWorld(rt, 'pay-refund', 2);
    const held = await hold(rt, w, 2);
    const start = ok(await startPayment(rt, w, held.bookingId, 'stripe'), 200);
    rt.runtime.paymentProvider.pay('stripe', start.checkout.providerOrderId);
    await confirmedSoon(rt, w, held.bookingId);

    // The session is full: Grace waits.
    const { attendeeId: graceId } = ok(
      await rt.call<{ attendeeId: string }>('POST', `/v1/orgs/${w.orgId}/attendees`, {
        token: w.token,
        body: { firstName: 'Grace', lastName: 'Hopper', email: 'grace@pay-refund.example' },
      }),
      201,
    );
    const waiting = ok(
      await rt.call<{ entryId: string }>('POST', `/v1/orgs/${w.orgId}/sessions/${w.sessionId}/waitlist`, {
        token: w.token,
        body: { attendeeId: graceId, partySize: 2 },
      }),
      201,
    );

    // A paid booking is not cancelled with the money kept: a refund cancels it.
    const cancel = await rt.call('POST', `${bookingPath(w, held.bookingId)}/cancel`, { token: w.token });
    expect(cancel.status).toBe(409);
    expect(cancel.json).toMatchObject({ code: 'REFUND_REQUIRED' });

    const refundPath = `${bookingPath(w, held.bookingId)}/refunds`;
    const body = { requestId: 'refund-0001', reason: 'the attendee cannot come' };
    const first = ok(
      await rt.call<{
        refund: { status: string; amount: number; providerRefundId: string };
        order: { status: string; refundedAmount: number };
      }>('POST', refundPath, { token: w.token, body }),
      200,
    );
    expect(first.refund).toMatchObject({ status: 'succeeded', amount: start.order.quote.total });
    expect(first.order).toMatchObject({ status: 'refunded', refundedAmount: start.order.quote.total });
    // Sent again: the same refund, nothing refunded twice.
    const again = ok(
      await rt.call<{ refund: { providerRefundId: string }; order: { refundedAmount: number } }>(
        'POST',
        refundPath,
        {
          token: w.token,
          body,
        },
      ),
      200,
    );
    expect(again.refund.providerRefundId).toBe(first.refund.providerRefundId);
    expect(again.order.refundedAmount).toBe(start.order.quote.total);

    const booking = ok(
      await rt.call<Booking>('GET', bookingPath(w, held.bookingId), { token: w.token }),
      200,
    );
    expect(booking).toMatchObject({ status: 'cancelled', paymentStatus: 'refunded' });
    await vi.waitFor(
      async () => {
        const entry = ok(
          await rt.call<{ status: string }>('GET', `/v1/orgs/${w.orgId}/waitlist/${waiting.entryId}`, {
            token: w.token,
          }),
          200,
        );
        expect(entry.status).toBe('offered');
      },
      { timeout: 10_000, interval: 100 },
    );
    // The provider's own refund webhook comes too: the refund stays recorded once.
    await rt.runtime.paymentProvider.idle();
    const later = ok(await startPayment(rt, w, held.bookingId, 'stripe'), 409);
    expect(later).toMatchObject({ code: 'NOTHING_TO_PAY' });
    const noMore = ok(
      await rt.call('POST', refundPath, { token: w.token, body: { requestId: 'refund-0002' } }),
      409,
    );
    expect(noMore).toMatchObject({ code: 'NOTHING_TO_REFUND' });
  });

  it('refuses a webhook whose signature does not match, and stores nothing', async () => {
    const res = await rt.call('POST', '/v1/webhooks/stripe', {
      body: { id: 'evt_forged', type: 'payment_intent.succeeded' },
      headers: { 'stripe-signature': 't=1,v1=00' },
    });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ code: 'WEBHOOK_SIGNATURE_INVALID' });
  });
});
