import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Razorpay from 'razorpay';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type LocalPaymentProvider,
  pointRazorpayAt,
  startLocalPaymentProvider,
  stripeClientConfig,
} from '../../scripts/local/payment-provider/index.js';

/**
 * The local payment provider through the official SDKs: Stripe and Razorpay calls, the checkout's
 * pay action, and the signed webhooks it posts to a small receiver, with the delivery modes.
 */

const STRIPE_KEY = 'sk_test_local_0123456789abcdef';
const STRIPE_WHSEC = 'whsec_local_stripe_secret';
const RZP_KEY_ID = 'rzp_test_local0123';
const RZP_KEY_SECRET = 'local_key_secret';
const RZP_WHSEC = 'local_razorpay_webhook_secret';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** Records every webhook; answers 200 unless told to fail the next few. */
const startReceiver = async () => {
  const received: Received[] = [];
  const failures: number[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      });
      res.writeHead(failures.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    failNext: (times: number, status = 500) => failures.push(...Array<number>(times).fill(status)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

const until = async (check: () => boolean, what: string, timeoutMs = 5000): Promise<void> => {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface StripeEventBody {
  id: string;
  type: string;
  data: { object: { id: string; payment_intent?: string } };
}
interface RazorpayEventBody {
  event: string;
  contains: string[];
  payload: {
    payment?: { entity: { id: string; order_id: string; status: string; notes: unknown } };
    order?: { entity: { id: string; status: string; amount_due: number } };
    refund?: { entity: { id: string; amount: number; payment_id: string } };
  };
}

describe('local payment provider', () => {
  let receiver: Receiver;
  let provider: LocalPaymentProvider;
  let stripe: Stripe;
  let razorpay: Razorpay;

  beforeAll(async () => {
    receiver = await startReceiver();
    provider = await startLocalPaymentProvider({
      webhookTarget: receiver.url,
      stripe: { apiKey: STRIPE_KEY, webhookSecret: STRIPE_WHSEC },
      razorpay: { keyId: RZP_KEY_ID, keySecret: RZP_KEY_SECRET, webhookSecret: RZP_WHSEC },
      retry: { attempts: 4, baseDelayMs: 20 },
    });
    stripe = new Stripe(STRIPE_KEY, { ...stripeClientConfig(provider.baseUrl), maxNetworkRetries: 0 });
    razorpay = new Razorpay({ key_id: RZP_KEY_ID, key_secret: RZP_KEY_SECRET });
    pointRazorpayAt(razorpay, provider.baseUrl);
  });
  afterAll(async () => {
    await provider?.close();
    await receiver?.close();
  });

  const payOverHttp = async (kind: 'stripe' | 'razorpay', id: string, body: object = {}) => {
    const res = await fetch(`${provider.checkoutUrl(kind, id)}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  const stripeEvents = (objectId: string) =>
    receiver.received
      .filter((r) => r.path === '/v1/webhooks/stripe')
      .map((r) => ({ raw: r, event: JSON.parse(r.body) as StripeEventBody }))
      .filter(
        ({ event }) => event.data.object.id === objectId || event.data.object.payment_intent === objectId,
      );

  const razorpayEvents = (orderId: string) =>
    receiver.received
      .filter((r) => r.path === '/v1/webhooks/razorpay')
      .map((r) => ({ raw: r, event: JSON.parse(r.body) as RazorpayEventBody }))
      .filter(({ event }) => event.payload.payment?.entity.order_id === orderId);

  const newIntent = (amount = 2500) =>
    stripe.paymentIntents.create({
      amount,
      currency: 'eur',
      metadata: { orgId: 'org_1', bookingId: 'bk_1' },
    });

  describe('Stripe through the SDK', () => {
    it('creates PaymentIntents idempotently and retrieves them', async () => {
      const params = {
        amount: 2500,
        currency: 'EUR',
        description: '2 tickets',
        metadata: { orgId: 'org_1' },
      };
      const first = await stripe.paymentIntents.create(params, { idempotencyKey: 'booking-1' });
      const again = await stripe.paymentIntents.create(params, { idempotencyKey: 'booking-1' });
      expect(first.id).toMatch(/^pi_\w{24}$/);
      expect(again.id).toBe(first.id);
      expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
      expect(first).toMatchObject({
        object: 'payment_intent',
        amount: 2500,
        amount_received: 0,
        currency: 'eur',
        status: 'requires_payment_method',
        description: '2 tickets',
        metadata: { orgId: 'org_1' },
        latest_charge: null,
      });
      expect(first.client_secret).toMatch(new RegExp(`^${first.id}_secret_\\w+$`));

      await expect(
        stripe.paymentIntents.create({ ...params, amount: 2600 }, { idempotencyKey: 'booking-1' }),
      ).rejects.toMatchObject({ type: 'StripeIdempotencyError', statusCode: 400 });
      const other = await stripe.paymentIntents.create(params);
      expect(other.id).not.toBe(first.id);

      const fetched = await stripe.paymentIntents.retrieve(first.id);
      expect(fetched).toMatchObject({ id: first.id, amount: 2500, metadata: { orgId: 'org_1' } });
    });

    it("answers Stripe's errors: bad key 401, unknown id 404, bad params 400", async () => {
      const wrongKey = new Stripe('sk_test_wrong_key_123456', { ...stripeClientConfig(provider.baseUrl) });
      await expect(wrongKey.paymentIntents.create({ amount: 100, currency: 'eur' })).rejects.toMatchObject({
        type: 'StripeAuthenticationError',
        statusCode: 401,
      });
      await expect(stripe.paymentIntents.retrieve('pi_doesnotexist')).rejects.toMatchObject({
        type: 'StripeInvalidRequestError',
        statusCode: 404,
        code: 'resource_missing',
      });
      await expect(stripe.refunds.retrieve('re_doesnotexist')).rejects.toMatchObject({ statusCode: 404 });
      await expect(stripe.paymentIntents.create({ amount: 20, currency: 'eur' })).rejects.toMatchObject({
        statusCode: 400,
        code: 'amount_too_small',
        param: 'amount',
      });
    });

    it('pays at checkout and posts payment_intent.succeeded that constructEvent accepts', async () => {
      const intent = await newIntent();
      const paid = await payOverHttp('stripe', intent.id);
      expect(paid.status).toBe(200);
      expect(paid.body.paymentIntent).toMatchObject({
        id: intent.id,
        status: 'succeeded',
        amount_received: 2500,
      });

      await until(() => stripeEvents(intent.id).length === 1, 'payment_intent.succeeded');
      const [delivery] = stripeEvents(intent.id);
      const header = String(delivery?.raw.headers['stripe-signature']);
      const raw = delivery?.raw.body ?? '';
      const event = stripe.webhooks.constructEvent(raw, header, STRIPE_WHSEC);
      expect(event.type).toBe('payment_intent.succeeded');
      expect(event.id).toMatch(/^evt_/);
      expect(event.livemode).toBe(false);
      const object = event.data.object as Stripe.PaymentIntent;
      expect(object).toMatchObject({ id: intent.id, status: 'succeeded', metadata: { bookingId: 'bk_1' } });

      expect(() => stripe.webhooks.constructEvent(raw, header, 'whsec_wrong')).toThrow(
        Stripe.errors.StripeSignatureVerificationError,
      );
      const altered = raw.replace('"amount":2500', '"amount":1');
      expect(altered).not.toBe(raw);
      expect(() => stripe.webhooks.constructEvent(altered, header, STRIPE_WHSEC)).toThrow(
        Stripe.errors.StripeSignatureVerificationError,
      );

      const after = await stripe.paymentIntents.retrieve(intent.id);
      expect(after.status).toBe('succeeded');
      expect(after.latest_charge).toMatch(/^ch_/);
      expect((await payOverHttp('stripe', intent.id)).status).toBe(409);
    });

    it('refunds part, refuses more than is left, refunds the rest and lists them', async () => {
      const intent = await newIntent();
      await stripe.refunds
        .create({ payment_intent: intent.id })
        .then(() => expect.fail('an unpaid intent was refunded'))
        .catch((error: unknown) => expect(error).toMatchObject({ statusCode: 400, param: 'payment_intent' }));
      provider.pay('stripe', intent.id);

      const partialParams = {
        payment_intent: intent.id,
        amount: 1000,
        reason: 'requested_by_customer' as const,
      };
      const partial = await stripe.refunds.create(partialParams, { idempotencyKey: 'refund-1' });
      const replayed = await stripe.refunds.create(partialParams, { idempotencyKey: 'refund-1' });
      expect(replayed.id).toBe(partial.id);
      expect(partial).toMatchObject({ object: 'refund', amount: 1000, currency: 'eur', status: 'succeeded' });
      expect(partial.id).toMatch(/^re_/);

      await expect(stripe.refunds.create({ payment_intent: intent.id, amount: 1600 })).rejects.toMatchObject({
        type: 'StripeInvalidRequestError',
        statusCode: 400,
        code: 'amount_too_large',
      });
      const rest = await stripe.refunds.create({ payment_intent: intent.id, metadata: { why: 'cancelled' } });
      expect(rest).toMatchObject({ amount: 1500, payment_intent: intent.id, metadata: { why: 'cancelled' } });
      await expect(stripe.refunds.create({ payment_intent: intent.id })).rejects.toMatchObject({
        code: 'charge_already_refunded',
      });

      const list = await stripe.refunds.list({ payment_intent: intent.id });
      expect(list.data.map((r) => r.id)).toEqual([rest.id, partial.id]);
      expect((await stripe.refunds.retrieve(partial.id)).amount).toBe(1000);

      // One refund.created per refund: the replayed request created nothing new.
      await until(() => stripeEvents(intent.id).length === 3, 'refund events');
      const refundEvents = stripeEvents(intent.id)
        .map(({ raw }) =>
          stripe.webhooks.constructEvent(raw.body, String(raw.headers['stripe-signature']), STRIPE_WHSEC),
        )
        .filter((e) => e.type === 'refund.created');
      expect(refundEvents.map((e) => (e.data.object as Stripe.Refund).id).sort()).toEqual(
        [partial.id, rest.id].sort(),
      );
    });

    it('sends payment_intent.payment_failed for a declined payment, which can be paid again', async () => {
      const intent = await newIntent();
      const declined = await payOverHttp('stripe', intent.id, { outcome: 'fail' });
      expect(declined.body.paymentIntent).toMatchObject({ status: 'requires_payment_method' });
      await until(() => stripeEvents(intent.id).length === 1, 'payment_failed');
      const failed = JSON.parse(stripeEvents(intent.id)[0]?.raw.body ?? '{}') as {
        type: string;
        data: { object: Stripe.PaymentIntent };
      };
      expect(failed.type).toBe('payment_intent.payment_failed');
      expect(failed.data.object.last_payment_error?.code).toBe('card_declined');
      expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('requires_payment_method');

      provider.pay('stripe', intent.id);
      await until(() => stripeEvents(intent.id).length === 2, 'succeeded after a decline');
      expect(stripeEvents(intent.id).map((e) => e.event.type)).toEqual([
        'payment_intent.payment_failed',
        'payment_intent.succeeded',
      ]);
    });

    it('cancels an unpaid intent, which then cannot be paid', async () => {
      const intent = await newIntent();
      const canceled = await stripe.paymentIntents.cancel(intent.id, { cancellation_reason: 'abandoned' });
      expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
      expect((await payOverHttp('stripe', intent.id)).status).toBe(409);
      await expect(stripe.paymentIntents.cancel(intent.id)).rejects.toMatchObject({
        code: 'payment_intent_unexpected_state',
      });
    });
  });

  describe('Razorpay through the SDK', () => {
    it('creates an order, pays it, and posts payment.captured and order.paid with valid signatures', async () => {
      const order = await razorpay.orders.create({
        amount: 50000,
        currency: 'INR',
        receipt: 'bk_2',
        notes: { orgId: 'org_2' },
      });
      expect(order).toMatchObject({ entity: 'order', amount: 50000, amount_due: 50000, status: 'created' });
      expect(order.id).toMatch(/^order_\w{14}$/);
      expect(await razorpay.orders.fetch(order.id)).toMatchObject({ id: order.id, receipt: 'bk_2' });
      const byReceipt = await razorpay.orders.all({ receipt: 'bk_2' });
      expect(byReceipt.items.map((o) => o.id)).toEqual([order.id]);
      expect((await razorpay.orders.all({ receipt: 'no_such_receipt' })).items).toEqual([]);

      const paid = await payOverHttp('razorpay', order.id);
      expect(paid.status).toBe(200);
      const payment = paid.body.payment as { id: string };
      expect(payment.id).toMatch(/^pay_/);
      const checkoutSignature = String(paid.body.signature);
      expect(
        Razorpay.validateWebhookSignature(`${order.id}|${payment.id}`, checkoutSignature, RZP_KEY_SECRET),
      ).toBe(true);

      await until(() => razorpayEvents(order.id).length === 2, 'payment.captured and order.paid');
      const events = razorpayEvents(order.id);
      expect(events.map((e) => e.event.event)).toEqual(['payment.captured', 'order.paid']);
      for (const { raw } of events) {
        const signature = String(raw.headers['x-razorpay-signature']);
        expect(Razorpay.validateWebhookSignature(raw.body, signature, RZP_WHSEC)).toBe(true);
        expect(Razorpay.validateWebhookSignature(raw.body, signature, 'wrong_secret')).toBe(false);
        expect(Razorpay.validateWebhookSignature(`${raw.body} `, signature, RZP_WHSEC)).toBe(false);
      }
      const ids = events.map((e) => String(e.raw.headers['x-razorpay-event-id']));
      expect(new Set(ids).size).toBe(2);
      const [captured, orderPaid] = events.map((e) => e.event);
      expect(captured?.payload.payment?.entity).toMatchObject({
        id: payment.id,
        status: 'captured',
        notes: { orgId: 'org_2' },
      });
      expect(orderPaid?.contains).toEqual(['payment', 'order']);
      expect(orderPaid?.payload.order?.entity).toMatchObject({ id: order.id, status: 'paid', amount_due: 0 });

      const payments = await razorpay.orders.fetchPayments(order.id);
      expect(payments.count).toBe(1);
      expect(payments.items.map((p) => p.id)).toEqual([payment.id]);
      expect(await razorpay.payments.fetch(payment.id)).toMatchObject({
        status: 'captured',
        order_id: order.id,
      });
    });

    it('refunds a payment in parts, refuses more than is left, lists and fetches refunds', async () => {
      const order = await razorpay.orders.create({ amount: 50000, currency: 'INR', receipt: 'bk_3' });
      expect(order.notes).toEqual([]);
      const { payment } = provider.pay('razorpay', order.id) as { payment: { id: string } };

      const first = await razorpay.payments.refund(payment.id, { amount: 20000, notes: { why: 'one seat' } });
      expect(first).toMatchObject({
        entity: 'refund',
        amount: 20000,
        payment_id: payment.id,
        status: 'processed',
      });
      expect(first.id).toMatch(/^rfnd_/);
      await expect(razorpay.payments.refund(payment.id, { amount: 40000 })).rejects.toMatchObject({
        statusCode: 400,
        error: { code: 'BAD_REQUEST_ERROR', field: 'amount' },
      });
      expect(await razorpay.payments.fetch(payment.id)).toMatchObject({
        status: 'captured',
        amount_refunded: 20000,
        refund_status: 'partial',
      });
      const rest = await razorpay.payments.refund(payment.id, { receipt: 'r-2' });
      expect(rest.amount).toBe(30000);
      expect(await razorpay.payments.fetch(payment.id)).toMatchObject({
        status: 'refunded',
        refund_status: 'full',
      });

      const listed = await razorpay.payments.fetchMultipleRefund(payment.id);
      expect(listed.items.map((r) => r.id)).toEqual([rest.id, first.id]);
      expect((await razorpay.refunds.fetch(first.id)).amount).toBe(20000);

      await until(() => razorpayEvents(order.id).length === 4, 'refund.processed events');
      const refunds = razorpayEvents(order.id).filter((e) => e.event.event === 'refund.processed');
      expect(refunds.map((e) => e.event.payload.refund?.entity.id)).toEqual([first.id, rest.id]);
      for (const { raw } of refunds)
        expect(
          Razorpay.validateWebhookSignature(raw.body, String(raw.headers['x-razorpay-signature']), RZP_WHSEC),
        ).toBe(true);
    });

    it("answers Razorpay's errors and posts payment.failed for a failed payment", async () => {
      const wrong = new Razorpay({ key_id: RZP_KEY_ID, key_secret: 'not_the_secret' });
      pointRazorpayAt(wrong, provider.baseUrl);
      await expect(wrong.orders.create({ amount: 50000, currency: 'INR' })).rejects.toMatchObject({
        statusCode: 401,
        error: { description: 'Authentication failed' },
      });
      await expect(razorpay.orders.fetch('order_doesnotexist00')).rejects.toMatchObject({
        statusCode: 400,
        error: { description: 'The id provided does not exist' },
      });

      const order = await razorpay.orders.create({ amount: 10000, currency: 'INR' });
      const failed = await payOverHttp('razorpay', order.id, { outcome: 'fail' });
      expect(failed.body.payment).toMatchObject({ status: 'failed', error_description: 'Payment failed' });
      await until(() => razorpayEvents(order.id).length === 1, 'payment.failed');
      expect(razorpayEvents(order.id)[0]?.event.event).toBe('payment.failed');
      expect((await razorpay.orders.fetch(order.id)).status).toBe('attempted');
    });
  });

  describe('delivery modes', () => {
    it('delivers duplicates with the same event id', async () => {
      const intent = await newIntent();
      provider.pay('stripe', intent.id, { duplicates: 2 });
      await until(() => stripeEvents(intent.id).length === 3, 'three deliveries');
      await provider.idle();
      const ids = stripeEvents(intent.id).map((e) => e.event.id);
      expect(ids).toHaveLength(3);
      expect(new Set(ids).size).toBe(1);
      const records = provider.deliveries().filter((d) => d.eventId === ids[0]);
      expect(records.map((d) => d.copy)).toEqual([0, 1, 2]);

      const order = await razorpay.orders.create({ amount: 10000, currency: 'INR' });
      provider.pay('razorpay', order.id, { duplicates: 1 });
      await until(() => razorpayEvents(order.id).length === 4, 'two deliveries of each Razorpay event');
      const eventIds = razorpayEvents(order.id).map((e) => String(e.raw.headers['x-razorpay-event-id']));
      expect(new Set(eventIds).size).toBe(2);
    });

    it('holds events and releases them in reverse order', async () => {
      const order = await razorpay.orders.create({ amount: 10000, currency: 'INR' });
      const { eventIds } = provider.pay('razorpay', order.id, { hold: true });
      await provider.idle();
      await sleep(50);
      expect(razorpayEvents(order.id)).toHaveLength(0);
      expect(provider.held().map((h) => h.type)).toEqual(['payment.captured', 'order.paid']);

      await provider.release(eventIds, { reverse: true });
      expect(razorpayEvents(order.id).map((e) => e.event.event)).toEqual(['order.paid', 'payment.captured']);
      expect(provider.held()).toEqual([]);

      // The default mode can hold every payment's events: later payments arrive first once reversed.
      provider.setMode({ hold: true });
      const first = await newIntent();
      const second = await newIntent();
      provider.pay('stripe', first.id);
      provider.pay('stripe', second.id);
      provider.setMode({ hold: false });
      await provider.release(undefined, { reverse: true });
      const order2 = receiver.received
        .map((r) => (r.path === '/v1/webhooks/stripe' ? (JSON.parse(r.body) as StripeEventBody) : null))
        .filter((e) => e?.data.object.id === first.id || e?.data.object.id === second.id)
        .map((e) => e?.data.object.id);
      expect(order2).toEqual([second.id, first.id]);
    });

    it('waits delayMs before delivering', async () => {
      const intent = await newIntent();
      const start = Date.now();
      provider.pay('stripe', intent.id, { delayMs: 300 });
      await sleep(100);
      expect(stripeEvents(intent.id)).toHaveLength(0);
      await until(() => stripeEvents(intent.id).length === 1, 'the delayed event');
      expect((stripeEvents(intent.id)[0]?.raw.at ?? 0) - start).toBeGreaterThanOrEqual(300);
    });

    it('retries after a 500 and after connection errors, then gives up', async () => {
      const intent = await newIntent();
      receiver.failNext(2);
      provider.pay('stripe', intent.id);
      await until(() => stripeEvents(intent.id).length === 3, 'the retried event');
      await provider.idle();
      const eventId = stripeEvents(intent.id)[0]?.event.id;
      expect(new Set(stripeEvents(intent.id).map((e) => e.event.id))).toEqual(new Set([eventId]));
      const attempts = provider.deliveries().filter((d) => d.eventId === eventId);
      expect(attempts.map((d) => [d.attempt, d.status])).toEqual([
        [1, 500],
        [2, 500],
        [3, 200],
      ]);

      const closed = await startReceiver();
      await closed.close();
      provider.setWebhookTarget(closed.url);
      try {
        const lost = await newIntent();
        const { eventIds } = provider.pay('stripe', lost.id);
        await provider.idle();
        const tries = provider.deliveries().filter((d) => d.eventId === eventIds[0]);
        expect(tries.map((d) => d.attempt)).toEqual([1, 2, 3, 4]);
        expect(tries.every((d) => d.status === null && d.error !== null)).toBe(true);
      } finally {
        provider.setWebhookTarget(receiver.url);
      }
    });
  });

  describe('checkout page and admin routes', () => {
    it('shows a pay page and redirects to return_url after a form payment', async () => {
      const intent = await stripe.paymentIntents.create({
        amount: 1234,
        currency: 'usd',
        description: 'VIP <row A>',
      });
      const page = await fetch(provider.checkoutUrl('stripe', intent.id));
      const html = await page.text();
      expect(page.status).toBe(200);
      expect(html).toContain('12.34 USD');
      expect(html).toContain('VIP &#60;row A&#62;');
      expect(html).toContain(`action="/checkout/stripe/${intent.id}/pay"`);

      const res = await fetch(`${provider.checkoutUrl('stripe', intent.id)}/pay`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ outcome: 'succeed', return_url: 'http://localhost:5173/done?b=1' }),
        redirect: 'manual',
      });
      expect(res.status).toBe(303);
      const location = new URL(res.headers.get('location') ?? '');
      expect(location.pathname).toBe('/done');
      expect(location.searchParams.get('b')).toBe('1');
      expect(location.searchParams.get('payment_intent')).toBe(intent.id);
      expect(location.searchParams.get('redirect_status')).toBe('succeeded');
      expect((await fetch(provider.checkoutUrl('stripe', 'pi_unknown'))).status).toBe(404);
    });

    it('sets the mode and lists deliveries over HTTP', async () => {
      const set = await fetch(`${provider.baseUrl}/_local/mode`, {
        method: 'POST',
        body: JSON.stringify({ duplicates: 1 }),
      });
      expect(await set.json()).toEqual({ outcome: 'succeed', delayMs: 0, duplicates: 1, hold: false });
      const bad = await fetch(`${provider.baseUrl}/_local/mode`, {
        method: 'POST',
        body: '{"outcome":"maybe"}',
      });
      expect(bad.status).toBe(400);
      try {
        const intent = await newIntent();
        const { eventIds } = provider.pay('stripe', intent.id);
        await provider.idle();
        const listed = (await (await fetch(`${provider.baseUrl}/_local/deliveries`)).json()) as {
          eventId: string;
          status: number;
        }[];
        expect(listed.filter((d) => d.eventId === eventIds[0]).map((d) => d.status)).toEqual([200, 200]);
      } finally {
        provider.setMode({ duplicates: 0 });
      }
    });

    it('lists held events and releases them over HTTP', async () => {
      const intent = await newIntent();
      const { eventIds } = provider.pay('stripe', intent.id, { hold: true });
      const held = (await (await fetch(`${provider.baseUrl}/_local/held`)).json()) as { eventId: string }[];
      expect(held.map((h) => h.eventId)).toEqual(eventIds);
      const unknown = await fetch(`${provider.baseUrl}/_local/release`, {
        method: 'POST',
        body: JSON.stringify({ eventIds: ['evt_not_held'] }),
      });
      expect(unknown.status).toBe(400);
      expect(stripeEvents(intent.id)).toHaveLength(0);
      const released = await fetch(`${provider.baseUrl}/_local/release`, {
        method: 'POST',
        body: JSON.stringify({ eventIds }),
      });
      expect(await released.json()).toEqual({ released: eventIds });
      expect(stripeEvents(intent.id).map((e) => e.event.id)).toEqual(eventIds);
      expect(provider.held()).toEqual([]);
    });
  });
});
