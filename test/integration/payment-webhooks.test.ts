import { createHmac } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import { createService } from '../../functions/kernel/dynamo/service.js';
import { dynamoReceiptStore } from '../../functions/modules/payments/adapters/receipt-store.js';
import type { ProviderName } from '../../functions/modules/payments/domain/model.js';
import type { WebhookInput } from '../../functions/modules/payments/domain/ports.js';
import { applyReceipt } from '../../functions/modules/payments/domain/receipt-apply.js';
import { receiveWebhook } from '../../functions/modules/payments/domain/webhook-receive.js';
import { signedHeaders } from '../../scripts/local/payment-provider/signing.js';
import { type Delivery, paymentWorldForFile, type Sale } from './payment-world.js';

/**
 * The payments issue's webhook robustness rules, on DynamoDB Local with the local provider's own
 * signed deliveries: nothing unsigned, stale or altered is stored; a replayed or concurrent event,
 * a failure after success and a consumer crash apply a payment exactly once; storage failures make
 * the provider retry and lose nothing; unknown event types are stored as ignored.
 */

const providers: ProviderName[] = ['stripe', 'razorpay'];
const nowSeconds = () => Math.floor(Date.now() / 1000);

const pw = paymentWorldForFile({ holdWebhooks: false });

const keyOf = (d: Delivery) => ({ provider: d.provider, eventId: d.eventId });
const handOffs = (d: Delivery) => pw.handedToInbox.filter((k) => k.eventId === d.eventId).length;

/** The single event of a Stripe payment, or Razorpay's `payment.captured` (then `order.paid`). */
const paid = (s: Sale): Delivery => pw.pay(s)[0]!;

/** The same body, signed by someone without our secret. */
const forged = (d: Delivery): WebhookInput => ({
  rawBody: Buffer.from(d.body),
  headers: signedHeaders(
    { provider: d.provider, id: d.eventId, type: d.type, body: d.body },
    { stripe: 'whsec_not_the_tenants', razorpay: 'not_the_tenants_secret' },
  ),
});

/** One byte of the signed body changed: the first digit of its amount, so the JSON stays valid. */
const tampered = (input: WebhookInput): WebhookInput => {
  const body = Buffer.from(input.rawBody);
  const at = body.indexOf('"amount":') + '"amount":'.length;
  const digit = body[at]!;
  expect(digit).toBeGreaterThanOrEqual(0x30);
  body[at] = digit === 0x39 ? 0x31 : digit + 1;
  return { rawBody: body, headers: input.headers };
};

/** A Stripe delivery signed with the tenant's secret at `timestamp` (unix seconds). */
const stripeSigned = (body: string, timestamp: number): WebhookInput => ({
  rawBody: Buffer.from(body),
  headers: {
    'content-type': 'application/json',
    'stripe-signature': Stripe.webhooks.generateTestHeaderString({
      payload: body,
      secret: pw.webhookSecrets.stripe,
      timestamp,
    }),
  },
});

const expectUntouched = async (s: Sale) => {
  const state = await pw.stateOf(s.ref);
  expect(state.order).toMatchObject({ status: 'pending', paidAmount: 0 });
  expect(state.payments).toHaveLength(0);
  expect(state.booking).toMatchObject({ status: 'held', paymentStatus: 'pending' });
  expect(state.confirmedSteps).toBe(0);
  expect(state.confirmedNotices).toBe(0);
};

/** Paid exactly once: one payment transaction, the total once, one confirmation and one notice. */
const expectPaidOnce = async (s: Sale) => {
  const state = await pw.stateOf(s.ref);
  expect(state.order).toMatchObject({ status: 'paid', paidAmount: s.total, failureReason: null });
  expect(state.payments).toHaveLength(1);
  expect(state.payments[0]?.amount).toBe(s.total);
  expect(state.booking).toMatchObject({ status: 'confirmed', paymentStatus: 'paid' });
  expect(state.confirmedSteps).toBe(1);
  expect(state.confirmedNotices).toBe(1);
};

/** Refused with 400 WEBHOOK_SIGNATURE_INVALID over HTTP, and nothing stored or handed on. */
const expectRefused = async (s: Sale, d: Delivery, input: WebhookInput) => {
  const before = await pw.receiptCount();
  const res = await pw.post(d.provider, input);
  expect(res.status).toBe(400);
  expect(res.json).toMatchObject({ code: 'WEBHOOK_SIGNATURE_INVALID' });
  expect(await pw.receipt(keyOf(d))).toBeUndefined();
  expect(await pw.receiptCount()).toBe(before);
  expect(handOffs(d)).toBe(0);
  await expectUntouched(s);
};

/** The control: the provider's own signed delivery of the same event is accepted and stored. */
const expectAccepted = async (d: Delivery, input: WebhookInput) => {
  const res = await pw.post(d.provider, input);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  expect(res.json).toEqual({ received: true, duplicate: false });
  expect(await pw.receipt(keyOf(d))).toMatchObject({ status: 'received' });
};

describe.each(providers)('%s webhooks that must not be stored', (name) => {
  it('a bad or missing signature answers 400 WEBHOOK_SIGNATURE_INVALID and stores nothing', async () => {
    const s = await pw.sale(name);
    const d = paid(s);
    await expectRefused(s, d, forged(d));
    const unsigned = pw.signed(d);
    const signatureHeader = name === 'stripe' ? 'stripe-signature' : 'x-razorpay-signature';
    await expectRefused(s, d, {
      ...unsigned,
      headers: { ...unsigned.headers, [signatureHeader]: undefined },
    });
    await expectAccepted(d, pw.signed(d));
  });

  it('a body changed by one byte after signing answers 400 and stores nothing', async () => {
    const s = await pw.sale(name);
    const d = paid(s);
    const original = pw.signed(d);
    const changed = tampered(original);
    expect(changed.rawBody.length).toBe(original.rawBody.length);
    expect([...changed.rawBody].filter((b, i) => b !== original.rawBody[i])).toHaveLength(1);
    await expectRefused(s, d, changed);
    await expectAccepted(d, original);
  });
});

describe('a stale Stripe delivery', () => {
  it('signed correctly but 301 s old (tolerance 300 s) answers 400 and stores nothing', async () => {
    const s = await pw.sale('stripe');
    const d = paid(s);
    await expectRefused(s, d, stripeSigned(d.body, nowSeconds() - 301));
    await expectRefused(s, d, stripeSigned(d.body, nowSeconds() - 3600));
    // Inside the tolerance the same bytes pass: the age alone was refused.
    await expectAccepted(d, stripeSigned(d.body, nowSeconds() - 240));
  });
});

describe.each(providers)('%s: a replayed or concurrent event applies once', (name) => {
  it('the same signed delivery twice: both 200, the second a duplicate, the payment recorded once', async () => {
    const s = await pw.sale(name);
    const events = pw.pay(s);
    for (const d of events) {
      const input = pw.signed(d);
      expect((await pw.post(name, input)).json).toEqual({ received: true, duplicate: false });
      expect(await applyReceipt(pw.c.deps, keyOf(d))).toBe('applied');
      const again = await pw.post(name, input);
      expect(again.status).toBe(200);
      expect(again.json).toEqual({ received: true, duplicate: true });
      // The queue's own redelivery of the message finds the receipt applied.
      expect(await applyReceipt(pw.c.deps, keyOf(d))).toBe('applied');
      expect(await pw.receipt(keyOf(d))).toMatchObject({ status: 'applied' });
      expect(handOffs(d)).toBe(1);
    }
    // Razorpay: payment.captured and order.paid name the same payment, recorded once.
    expect(events).toHaveLength(name === 'stripe' ? 1 : 2);
    await expectPaidOnce(s);
  });

  it('20 concurrent deliveries, then 20 concurrent applications: stored once, applied once', async () => {
    const s = await pw.sale(name);
    const events = pw.pay(s);
    const inputs = events.map((d) => ({ d, input: pw.signed(d) }));
    const before = await pw.receiptCount();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        const { d, input } = inputs[i % inputs.length]!;
        // Half over HTTP, half straight into the use case.
        return i % 4 < 2
          ? pw.post(name, input).then(({ status, json }) => ({ status, ...json, eventId: d.eventId }))
          : receiveWebhook(pw.c.deps, name, input).then((r) => ({ status: 200, ...r, eventId: d.eventId }));
      }),
    );
    for (const a of answers) expect(a).toMatchObject({ status: 200, received: true });
    for (const d of events) {
      expect(
        answers.filter((a) => a.eventId === d.eventId && !('duplicate' in a && a.duplicate)),
      ).toHaveLength(1);
    }
    expect(await pw.receiptCount()).toBe(before + events.length);
    const handed = pw.handedToInbox.filter((k) => events.some((d) => d.eventId === k.eventId));
    expect(handed).toHaveLength(20);
    const outcomes = await Promise.all(handed.map((k) => applyReceipt(pw.c.deps, k)));
    expect(new Set(outcomes)).toEqual(new Set(['applied']));
    for (const d of events) expect(await pw.receipt(keyOf(d))).toMatchObject({ status: 'applied' });
    await expectPaidOnce(s);
  });
});

describe.each(providers)('%s: a failure and a success of the same order', (name) => {
  /** Declined first, then paid: the provider's two events, in the order they were made. */
  const declinedThenPaid = async () => {
    const s = await pw.sale(name);
    const [failure] = pw.pay(s, 'fail');
    const success = pw.pay(s, 'succeed');
    return { s, failure: failure!, success };
  };
  const deliver = async (d: Delivery) => {
    expect((await receiveWebhook(pw.c.deps, d.provider, pw.signed(d))).duplicate).toBe(false);
    return applyReceipt(pw.c.deps, keyOf(d));
  };

  it('a failure arriving after the success leaves the order paid and the booking confirmed', async () => {
    const { s, failure, success } = await declinedThenPaid();
    expect(failure.type).toBe(name === 'stripe' ? 'payment_intent.payment_failed' : 'payment.failed');
    for (const d of success) expect(await deliver(d)).toBe('applied');
    await expectPaidOnce(s);
    expect(await deliver(failure)).toBe('applied');
    await expectPaidOnce(s);
  });

  it('the failure first, then the success: failed with its reason, then paid and confirmed', async () => {
    const { s, failure, success } = await declinedThenPaid();
    expect(await deliver(failure)).toBe('applied');
    const declined = await pw.stateOf(s.ref);
    expect(declined.order).toMatchObject({ status: 'failed', paidAmount: 0 });
    expect(declined.order?.failureReason).toBeTruthy();
    expect(declined.booking).toMatchObject({ status: 'held', paymentStatus: 'pending' });
    for (const d of success) expect(await deliver(d)).toBe('applied');
    await expectPaidOnce(s);
  });
});

describe('a consumer that crashes mid-way, then the redelivery', () => {
  /** The port function throws on its first call, as a consumer dying there would. */
  const crashOnce = <A extends unknown[], R>(real: (...args: A) => Promise<R>, after = false) => {
    let calls = 0;
    return async (...args: A): Promise<R> => {
      calls += 1;
      if (calls === 1 && !after) throw new Error('consumer crashed');
      const result = await real(...args);
      if (calls === 1) throw new Error('consumer crashed after the commit');
      return result;
    };
  };

  it('mocked port: bookings.get throws once after the receipt was read; the redelivery applies once', async () => {
    const s = await pw.sale('stripe');
    const d = paid(s);
    await receiveWebhook(pw.c.deps, 'stripe', pw.signed(d));
    const bookings = { ...pw.c.deps.bookings, get: crashOnce(pw.c.deps.bookings.get) };
    const crashing = { ...pw.c.deps, bookings };
    await expect(applyReceipt(crashing, keyOf(d))).rejects.toThrow('consumer crashed');
    expect(await pw.receipt(keyOf(d))).toMatchObject({ status: 'received' });
    await expectUntouched(s);
    expect(await applyReceipt(crashing, keyOf(d))).toBe('applied');
    expect(await pw.receipt(keyOf(d))).toMatchObject({ status: 'applied' });
    await expectPaidOnce(s);
  });

  it('mocked port: holdScheduler.cancelExpiry throws once after the commit; the redelivery changes nothing', async () => {
    const s = await pw.sale('razorpay');
    const [captured] = pw.pay(s);
    const d = captured!;
    await receiveWebhook(pw.c.deps, 'razorpay', pw.signed(d));
    const cancelExpiry = crashOnce(pw.c.deps.holdScheduler.cancelExpiry, true);
    const crashing = { ...pw.c.deps, holdScheduler: { ...pw.c.deps.holdScheduler, cancelExpiry } };
    await expect(applyReceipt(crashing, keyOf(d))).rejects.toThrow('after the commit');
    expect(await applyReceipt(crashing, keyOf(d))).toBe('applied');
    expect(await pw.receipt(keyOf(d))).toMatchObject({ status: 'applied' });
    await expectPaidOnce(s);
  });
});

describe('storage failing while a webhook is received', () => {
  let failPuts = false;
  let client: DynamoDBDocumentClient;
  let mock: ReturnType<typeof mockClient>;
  beforeAll(() => {
    client = createDocumentClient({ region: 'us-east-1', endpoint: process.env.DYNAMODB_ENDPOINT });
    const realSend = client.send.bind(client) as (command: unknown) => Promise<unknown>;
    mock = mockClient(client);
    // One fake for the block: ElectroDB keeps the client's `send` it first saw.
    mock.send.callsFake(async (command) => {
      if (failPuts && command.constructor.name === 'PutCommand') {
        throw Object.assign(new Error('We currently do not have sufficient capacity'), {
          name: 'InternalServerError',
          $metadata: { httpStatusCode: 500 },
        });
      }
      return (await realSend(command)) as never;
    });
  });
  afterAll(() => mock.restore());
  afterEach(() => {
    failPuts = false;
  });

  it('DynamoDB refusing the receipt answers 5xx and stores nothing; the retry is stored and applied', async () => {
    const s = await pw.sale('stripe');
    const d = paid(s);
    const input = pw.signed(d);
    pw.c.deps.receipts = dynamoReceiptStore(createService(client, pw.tableName));
    failPuts = true;
    const before = await pw.receiptCount();
    const res = await pw.post('stripe', input);
    expect([500, 503]).toContain(res.status);
    expect(await pw.receipt(keyOf(d))).toBeUndefined();
    expect(await pw.receiptCount()).toBe(before);
    expect(handOffs(d)).toBe(0);
    await expectUntouched(s);

    failPuts = false;
    const retry = await pw.post('stripe', input);
    expect(retry.status).toBe(200);
    expect(retry.json).toEqual({ received: true, duplicate: false });
    expect(handOffs(d)).toBe(1);
    expect(await applyReceipt(pw.c.deps, keyOf(d))).toBe('applied');
    await expectPaidOnce(s);
  });

  it('the receipt stored but the inbox down: 5xx, and the next delivery hands it to the inbox again', async () => {
    const s = await pw.sale('razorpay');
    const [captured] = pw.pay(s);
    const d = captured!;
    const input = pw.signed(d);
    const realInbox = pw.c.deps.paymentInbox;
    pw.c.deps.paymentInbox = {
      send: async () => {
        throw new Error('SQS is unreachable');
      },
    };
    const res = await pw.post('razorpay', input);
    expect([500, 503]).toContain(res.status);
    expect(await pw.receipt(keyOf(d))).toMatchObject({ status: 'received' });
    expect(handOffs(d)).toBe(0);

    pw.c.deps.paymentInbox = realInbox;
    const retry = await pw.post('razorpay', input);
    expect(retry.status).toBe(200);
    expect(retry.json).toEqual({ received: true, duplicate: true });
    expect(handOffs(d)).toBe(1);
    expect(await pw.receipt(keyOf(d))).toMatchObject({ status: 'received' });
    expect(await applyReceipt(pw.c.deps, keyOf(d))).toBe('applied');
    await expectPaidOnce(s);
  });
});

describe('event types this backend does not act on', () => {
  it('a signed Stripe customer.created is stored as ignored, acknowledged, and changes nothing', async () => {
    const s = await pw.sale('stripe');
    const eventId = `evt_unknown_${s.ref.bookingId}`;
    const body = JSON.stringify({
      id: eventId,
      object: 'event',
      api_version: Stripe.API_VERSION,
      created: nowSeconds(),
      type: 'customer.created',
      // Even naming one of our orders: the type decides.
      data: { object: { id: 'cus_local1', object: 'customer', metadata: s.ref } },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
    });
    const d: Delivery = { provider: 'stripe', eventId, type: 'customer.created', body };
    const res = await pw.post('stripe', stripeSigned(body, nowSeconds()));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ received: true, duplicate: false });
    expect(await pw.receipt(keyOf(d))).toMatchObject({ status: 'ignored', type: 'customer.created' });
    expect(handOffs(d)).toBe(0);
    expect(await applyReceipt(pw.c.deps, keyOf(d))).toBe('ignored');
    await expectUntouched(s);
  });

  it('a signed Razorpay payment.authorized is stored as ignored and changes nothing', async () => {
    const s = await pw.sale('razorpay');
    const eventId = `evunknown${s.ref.bookingId.slice(-6)}`;
    const body = JSON.stringify({
      entity: 'event',
      event: 'payment.authorized',
      contains: ['payment'],
      payload: {
        payment: {
          entity: {
            id: 'pay_local1',
            amount: s.total,
            currency: 'EUR',
            order_id: s.providerOrderId,
            notes: s.ref,
          },
        },
      },
      created_at: nowSeconds(),
    });
    const signature = createHmac('sha256', pw.webhookSecrets.razorpay).update(body).digest('hex');
    const input = {
      rawBody: Buffer.from(body),
      headers: { 'x-razorpay-signature': signature, 'x-razorpay-event-id': eventId },
    };
    expect((await pw.post('razorpay', input)).json).toEqual({ received: true, duplicate: false });
    const key = { provider: 'razorpay' as const, eventId };
    expect(await pw.receipt(key)).toMatchObject({ status: 'ignored', type: 'payment.authorized' });
    expect(pw.handedToInbox.filter((k) => k.eventId === eventId)).toHaveLength(0);
    expect(await applyReceipt(pw.c.deps, key)).toBe('ignored');
    await expectUntouched(s);
  });
});

describe("a Razorpay payment's own notes (the buyer's browser sets them)", () => {
  it('naming another booking: the payment still applies to the order it was made for, never the named one', async () => {
    const mine = await pw.sale('razorpay');
    const theirs = await pw.sale('razorpay');
    const captured = paid(mine);
    expect(captured.type).toBe('payment.captured');
    const body = JSON.parse(captured.body) as {
      payload: { payment: { entity: Record<string, unknown> }; order?: unknown };
    };
    body.payload.payment.entity.notes = { ...theirs.ref };
    const forgedNotes: Delivery = { ...captured, body: JSON.stringify(body) };

    expect(await pw.deliver(forgedNotes)).toBe('applied');
    await expectPaidOnce(mine);
    await expectUntouched(theirs);
  });
});
