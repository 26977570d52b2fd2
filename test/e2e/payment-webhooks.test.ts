import { readFileSync } from 'node:fs';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import { createService } from '../../functions/kernel/dynamo/service.js';
import { dynamoBookingStore } from '../../functions/modules/bookings/adapters/booking-store.js';
import { dynamoPaymentStore } from '../../functions/modules/payments/adapters/order-store.js';
import type { PaymentSecrets } from '../../functions/modules/payments/adapters/payment-secrets.js';
import { dynamoReceiptStore } from '../../functions/modules/payments/adapters/receipt-store.js';
import type { OrderRef, ProviderName } from '../../functions/modules/payments/domain/model.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../scripts/local/aws-local.js';
import { signedHeaders } from '../../scripts/local/payment-provider/signing.js';
import { type ApiResponse, useLocalRuntime } from '../support/local-runtime.js';
import { publishedSession } from './http-world.js';

/**
 * Webhook robustness over the whole local runtime: real HTTP, the payments queue and its consumer
 * (in its worker thread), and the local provider's own signing, duplicates and out-of-order
 * release. The table is read through the real adapters to count what was recorded.
 */

const rt = useLocalRuntime();

const ok = <T>(res: ApiResponse<T>, status: number): T => {
  expect(res.status, res.text).toBe(status);
  return res.json;
};

let token: string;
let orgId: string;
let sessionId: string;
let attendeeId: string;
let tables: ReturnType<typeof tablesOf>;

const tablesOf = (endpoint: string, tableName: string) => {
  const client = createDocumentClient({ region: 'us-east-1', endpoint });
  const service = createService(client, tableName);
  return {
    payments: dynamoPaymentStore(service),
    bookings: dynamoBookingStore(service, client, tableName),
    receipts: dynamoReceiptStore(service),
  };
};

/** An organization with a published event at EUR 12.00 a seat and one session of 50 places. */
beforeAll(async () => {
  token = await rt.mintToken({ sub: 'hooks-owner', email: 'owner@hooks.example', name: 'Owner' });
  ({ orgId, sessionId } = await publishedSession(rt, token, {
    orgName: 'Hooks',
    event: {
      title: 'Paid night',
      defaultCapacity: 50,
      price: { kind: 'paid', amountMinor: 1200, currency: 'EUR' },
      // Every test books the one attendee again.
      settings: { bookingsPerAttendee: 50 },
    },
    session: { startsAt: '2031-05-10T19:00' },
  }));
  ({ attendeeId } = ok(
    await rt.call<{ attendeeId: string }>('POST', `/v1/orgs/${orgId}/attendees`, {
      token,
      body: { firstName: 'Ida', lastName: 'H', email: 'ida@hooks.example' },
    }),
    201,
  ));
  tables = tablesOf(rt.runtime.dynamoEndpoint, rt.runtime.tableName);
});

const secrets = () =>
  JSON.parse(readFileSync(process.env.PAYMENT_SECRETS_FILE ?? '', 'utf8')) as Required<PaymentSecrets>;

interface Sale {
  provider: ProviderName;
  ref: OrderRef;
  providerOrderId: string;
  total: number;
}

/** A held booking of one seat and its payment order at `provider`. */
const sale = async (provider: ProviderName): Promise<Sale> => {
  const bookings = `/v1/orgs/${orgId}/sessions/${sessionId}/bookings`;
  const { bookingId } = ok(
    await rt.call<{ bookingId: string }>('POST', bookings, { token, body: { attendeeId, seats: 1 } }),
    201,
  );
  const start = ok(
    await rt.call<{ order: { quote: { total: number } }; checkout: { providerOrderId: string } }>(
      'POST',
      `${bookings}/${bookingId}/payment`,
      { token, body: { provider } },
    ),
    200,
  );
  const ref = { orgId, sessionId, bookingId };
  return { provider, ref, providerOrderId: start.checkout.providerOrderId, total: start.order.quote.total };
};

/** Paid once: one payment, the total once, one confirmation, one `booking.confirmed` sent. */
const expectPaidOnce = async (s: Sale) => {
  const [order, txns, booking, history] = await Promise.all([
    tables.payments.getOrder(s.ref),
    tables.payments.transactions(s.ref),
    tables.bookings.get(s.ref),
    tables.bookings.history(s.ref),
  ]);
  expect(order).toMatchObject({ status: 'paid', paidAmount: s.total });
  expect(txns.filter((t) => t.kind === 'payment')).toHaveLength(1);
  expect(booking).toMatchObject({ status: 'confirmed', paymentStatus: 'paid' });
  expect(history.filter((h) => h.to === 'confirmed')).toHaveLength(1);
  await vi.waitFor(
    async () => {
      const { json } = await rt.call<{ items: { type: string; payload?: unknown }[] }>(
        'GET',
        '/local/outbox',
      );
      const sent = json.items.filter(
        (d) => d.type === 'booking.confirmed' && JSON.stringify(d).includes(s.ref.bookingId),
      );
      expect(sent).toHaveLength(1);
    },
    { timeout: 10_000, interval: 200 },
  );
};

/** Messages in the queue, waiting or taken by the consumer and not yet deleted. */
const messagesIn = async (url: string): Promise<number> => {
  const sqs = new SQSClient({
    endpoint: rt.runtime.sqsEndpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  try {
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return (
      Number(Attributes.ApproximateNumberOfMessages) +
      Number(Attributes.ApproximateNumberOfMessagesNotVisible)
    );
  } finally {
    sqs.destroy();
  }
};

const receiptApplied = (provider: ProviderName, eventId: string) =>
  vi.waitFor(
    async () => expect(await tables.receipts.get(provider, eventId)).toMatchObject({ status: 'applied' }),
    { timeout: 10_000, interval: 100 },
  );

describe('payment webhooks over the local runtime', () => {
  it('20 concurrent posts of one signed Stripe delivery: 200 each, one stored, the queue applies it once', async () => {
    const s = await sale('stripe');
    const provider = rt.runtime.paymentProvider;
    const { eventIds } = provider.pay('stripe', s.providerOrderId, { hold: true });
    const held = provider.held().find((e) => e.eventId === eventIds[0]);
    if (!held) throw new Error('the payment event was not held');
    const headers = signedHeaders(
      { provider: 'stripe', id: held.eventId, type: held.type, body: held.body },
      { stripe: secrets().stripe.webhookSecrets[0] ?? '', razorpay: '' },
    );
    const before = (await rt.runtime.stats()).consumers.payments;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        rt.call<{ received: boolean; duplicate: boolean }>('POST', '/v1/webhooks/stripe', {
          body: held.body,
          headers,
        }),
      ),
    );
    for (const a of answers) expect(a.status, a.text).toBe(200);
    expect(answers.filter((a) => a.json.duplicate === false)).toHaveLength(1);
    await receiptApplied('stripe', held.eventId);
    // A delivery that found the receipt applied hands nothing: between 1 and 20 messages, all drained.
    await vi.waitFor(
      async () => {
        expect(await messagesIn(rt.runtime.queueUrls.payments)).toBe(0);
        const { payments } = (await rt.runtime.stats()).consumers;
        expect(payments.records - before.records).toBeGreaterThanOrEqual(1);
        expect(payments.records - before.records).toBeLessThanOrEqual(20);
        expect(payments.failedRecords).toBe(before.failedRecords);
      },
      { timeout: 15_000, interval: 200 },
    );
    await expectPaidOnce(s);
  });

  it("the provider's own duplicate deliveries (Razorpay, 3 of each event) record the payment once", async () => {
    const s = await sale('razorpay');
    const provider = rt.runtime.paymentProvider;
    const { eventIds } = provider.pay('razorpay', s.providerOrderId, { duplicates: 2 });
    expect(eventIds).toHaveLength(2);
    await provider.idle();
    const deliveries = provider.deliveries().filter((d) => eventIds.includes(d.eventId));
    expect(deliveries).toHaveLength(6);
    expect(deliveries.map((d) => d.status)).toEqual(Array(6).fill(200));
    for (const id of eventIds) await receiptApplied('razorpay', id);
    await expectPaidOnce(s);
  });

  it('a Stripe failure delivered after the success (released in reverse) leaves it paid and confirmed', async () => {
    const s = await sale('stripe');
    const provider = rt.runtime.paymentProvider;
    const failed = provider.pay('stripe', s.providerOrderId, { outcome: 'fail', hold: true }).eventIds;
    const paid = provider.pay('stripe', s.providerOrderId, { outcome: 'succeed', hold: true }).eventIds;
    await provider.release([...failed, ...paid], { reverse: true });
    const order = provider.deliveries().filter((d) => [...failed, ...paid].includes(d.eventId));
    expect(order.map((d) => d.type)).toEqual(['payment_intent.succeeded', 'payment_intent.payment_failed']);
    for (const id of [...paid, ...failed]) await receiptApplied('stripe', id);
    await expectPaidOnce(s);
    expect(await tables.payments.getOrder(s.ref)).toMatchObject({ failureReason: null });
  });
});
