import { readFile } from 'node:fs/promises';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import Razorpay from 'razorpay';
import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import { type Container, getContainer, resetContainer } from '../../functions/app/container.js';
import type { Principal } from '../../functions/kernel/domain/types.js';
import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import { createService } from '../../functions/kernel/dynamo/service.js';
import { readEnv } from '../../functions/kernel/env.js';
import { logger } from '../../functions/kernel/observability.js';
import { book } from '../../functions/modules/bookings/domain/bookings.js';
import type { EventSettings } from '../../functions/modules/catalog/domain/model.js';
import type { PaymentSecrets } from '../../functions/modules/payments/adapters/payment-secrets.js';
import type { OrderRef, ProviderName } from '../../functions/modules/payments/domain/model.js';
import { startPayment } from '../../functions/modules/payments/domain/payment-start.js';
import type { WebhookInput } from '../../functions/modules/payments/domain/ports.js';
import type { WebhookReceipt } from '../../functions/modules/payments/domain/provider-events.js';
import { applyReceipt } from '../../functions/modules/payments/domain/receipt-apply.js';
import { receiveWebhook } from '../../functions/modules/payments/domain/webhook-receive.js';
import { applyEnv } from '../../scripts/local/function-env.js';
import {
  type Outcome,
  pointRazorpayAt,
  stripeClientConfig,
} from '../../scripts/local/payment-provider/index.js';
import { signedHeaders } from '../../scripts/local/payment-provider/signing.js';
import { type LocalPayments, startLocalPayments } from '../../scripts/local/payments-local.js';
import { createIsolatedTable } from '../support/env.js';
import { ada, bookingWorld, owner, publishedEventAt } from './booking-world.js';
import { apiEvent, lambdaContext } from './fixtures.js';

/**
 * Webhook deliveries of the local payment provider against the real container on DynamoDB Local:
 * the container the payments Lambda itself uses (getContainer, pointed at a table of this file and
 * at the local provider through its secrets file), a bookable world with a paid event, held
 * bookings with their payment orders, and the provider's own signed deliveries to replay at will.
 */

/** One webhook event exactly as the provider would post it (its id, type and the signed body). */
export interface Delivery {
  provider: ProviderName;
  eventId: string;
  type: string;
  body: string;
}

/** A held booking with its payment order made at the provider. */
export interface Sale {
  provider: ProviderName;
  ref: OrderRef;
  /** The PaymentIntent (Stripe) or order (Razorpay) id. */
  providerOrderId: string;
  total: number;
}

type Key = Pick<WebhookReceipt, 'provider' | 'eventId'>;
type LambdaHandler = (
  e: APIGatewayProxyEventV2WithJWTAuthorizer,
  c: never,
) => Promise<APIGatewayProxyStructuredResultV2>;

export const startPaymentWorld = async () => {
  const payments: LocalPayments = await startLocalPayments({ inMemory: true });
  const tableName = await createIsolatedTable('pay');
  const restoreEnv = applyEnv({ TABLE_NAME: tableName, SCHEDULER_MODE: 'local', ...payments.env });
  resetContainer();
  // The 500s the tests cause are meant: the function's error log would only be noise here.
  const quiet = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
  const c: Container = getContainer();
  const { handler } = (await import('../../functions/app/lambdas/payments.js')) as unknown as {
    handler: LambdaHandler;
  };
  const file = payments.env.PAYMENT_SECRETS_FILE ?? '';
  const secrets = JSON.parse(await readFile(file, 'utf8')) as Required<PaymentSecrets>;
  const webhookSecrets = {
    stripe: secrets.stripe.webhookSecrets[0] ?? '',
    razorpay: secrets.razorpay.webhookSecrets[0] ?? '',
  };

  // The queue hand-offs are recorded, not sent: the tests apply receipts themselves.
  const handedToInbox: Key[] = [];
  c.deps.paymentInbox = {
    send: async ({ provider, eventId }) => {
      handedToInbox.push({ provider, eventId });
    },
  };
  const realDeps = { ...c.deps };

  const w = await bookingWorld(c);
  const session = await w.session(w.paidEventId, 'general', 60);
  const env = readEnv();
  const service = createService(
    createDocumentClient({ region: env.AWS_REGION, endpoint: env.DYNAMODB_ENDPOINT }),
    tableName,
  );
  const provider = payments.provider;

  /** Ada holds two seats (2 x EUR 15.00) and asks to pay through `name`. */
  const sale = async (name: ProviderName): Promise<Sale> => {
    const booking = await book(c.deps, ada, w.orgId, session.sessionId, { attendeeId: w.ada, seats: 2 });
    const ref = { orgId: booking.orgId, sessionId: booking.sessionId, bookingId: booking.bookingId };
    const { order, checkout } = await startPayment(c.deps, ada, ref, { provider: name });
    return { provider: name, ref, providerOrderId: checkout.providerOrderId, total: order.quote.total };
  };

  /** The customer pays (or is declined) at the checkout; the events it causes are held, not sent. */
  const pay = (s: Sale, outcome: Outcome = 'succeed'): Delivery[] => {
    const { eventIds } = provider.pay(s.provider, s.providerOrderId, { outcome, hold: true });
    return eventIds.map((id) => {
      const held = provider.held().find((e) => e.eventId === id);
      if (!held) throw new Error(`event ${id} was not held`);
      return { provider: held.provider, eventId: held.eventId, type: held.type, body: held.body };
    });
  };

  /** The delivery signed now as the provider signs it (its own signing code, this run's secrets). */
  const signed = (d: Delivery): WebhookInput => ({
    rawBody: Buffer.from(d.body, 'utf8'),
    headers: signedHeaders(
      { provider: d.provider, id: d.eventId, type: d.type, body: d.body },
      webhookSecrets,
    ),
  });

  /** POST /v1/webhooks/{provider} through the payments Lambda (middy, parsing, problem+json). */
  const post = async (name: ProviderName, input: WebhookInput) => {
    const path = `/v1/webhooks/${name}`;
    const headers = Object.fromEntries(
      Object.entries(input.headers).filter((e): e is [string, string] => e[1] !== undefined),
    );
    const res = await handler(
      apiEvent('POST /v1/webhooks/{provider}', {
        path,
        body: input.rawBody.toString('utf8'),
        headers,
        pathParameters: { provider: name },
      }) as never,
      lambdaContext() as never,
    );
    return { status: res.statusCode ?? 0, json: JSON.parse(res.body ?? '{}') as Record<string, unknown> };
  };

  /** Every receipt stored in this file's table. */
  const receiptCount = async () =>
    (await service.entities.webhookReceipt.scan.go({ pages: 'all', consistent: true })).data.length;

  /** What the table says about a sale: its order, payments, booking, history and notifications. */
  const stateOf = async (ref: OrderRef) => {
    const [order, transactions, booking, history, outbox] = await Promise.all([
      c.deps.payments.getOrder(ref),
      c.deps.payments.transactions(ref),
      c.deps.bookings.get(ref),
      c.deps.bookings.history(ref),
      service.entities.outbox.query
        .bySession({ orgId: ref.orgId, sessionId: ref.sessionId })
        .go({ pages: 'all', consistent: true }),
    ]);
    return {
      order,
      payments: transactions.filter((t) => t.kind === 'payment'),
      booking,
      confirmedSteps: history.filter((h) => h.to === 'confirmed').length,
      // The booking's confirmation notice (its public booking.confirmed event is counted apart).
      confirmedNotices: outbox.data.filter(
        (o) =>
          o.kind === 'notification' && o.type === 'booking.confirmed' && o.messageId.includes(ref.bookingId),
      ).length,
    };
  };

  /** The SDKs pointed at the stand-in with this run's keys: the provider's own view of its objects. */
  const stripe = new Stripe(secrets.stripe.apiKey, stripeClientConfig(provider.baseUrl));
  const razorpay = new Razorpay({ key_id: secrets.razorpay.keyId, key_secret: secrets.razorpay.keySecret });
  pointRazorpayAt(razorpay, provider.baseUrl);

  /** A published event priced EUR 15.00 with these settings, at the world's venue. */
  const pricedEvent = async (settings: Partial<EventSettings>) => {
    const event = await c.deps.events.get(w.orgId, w.paidEventId);
    if (!event) throw new Error('no priced event');
    return publishedEventAt(c, w.orgId, event.venueId, {
      price: { kind: 'paid', amountMinor: 1500, currency: 'EUR' },
      settings: { holdMinutes: 15, cancelCutoffMinutes: 60, ...settings },
    });
  };

  /** A held booking of `seats` in any session, by `by` (Ada herself unless staff), and its order. */
  const saleIn = async (
    sessionId: string,
    name: ProviderName,
    opts: { seats?: number; attendeeId?: string; by?: Principal } = {},
  ): Promise<Sale> => {
    const by = opts.by ?? ada;
    const booking = await book(c.deps, by, w.orgId, sessionId, {
      attendeeId: opts.attendeeId ?? w.ada,
      seats: opts.seats ?? 2,
    });
    const ref = { orgId: booking.orgId, sessionId: booking.sessionId, bookingId: booking.bookingId };
    const { order, checkout } = await startPayment(c.deps, owner, ref, { provider: name });
    return { provider: name, ref, providerOrderId: checkout.providerOrderId, total: order.quote.total };
  };

  /** The events the stand-in holds whose body mentions `text` (a refund or payment id), oldest first. */
  const heldWith = (text: string): Delivery[] =>
    provider
      .held()
      .filter((e) => e.body.includes(text))
      .map((e) => ({ provider: e.provider, eventId: e.eventId, type: e.type, body: e.body }));

  /** The delivery received as the webhook route receives it, then applied as the inbox consumer does. */
  const deliver = async (d: Delivery) => {
    await receiveWebhook(c.deps, d.provider, signed(d));
    return applyReceipt(c.deps, { provider: d.provider, eventId: d.eventId });
  };

  /** The refunds the provider itself made of the sale's payment, as amounts. */
  const providerRefunds = async (s: Sale): Promise<number[]> => {
    if (s.provider === 'stripe') {
      const list = await stripe.refunds.list({ payment_intent: s.providerOrderId, limit: 100 });
      return list.data.map((r) => r.amount);
    }
    const [payment] = (await c.deps.payments.transactions(s.ref)).filter((t) => t.kind === 'payment');
    const list = await razorpay.payments.fetchMultipleRefund(payment?.providerTransactionId ?? '', {
      count: 100,
    });
    return list.items.map((r) => Number(r.amount));
  };

  /** POST .../bookings/{bookingId}/refunds through the payments Lambda as `sub`. */
  const postRefund = async (sub: string, ref: OrderRef, body: Record<string, unknown>) => {
    const path = `/v1/orgs/${ref.orgId}/sessions/${ref.sessionId}/bookings/${ref.bookingId}/refunds`;
    const res = await handler(
      apiEvent('POST /v1/orgs/{orgId}/sessions/{sessionId}/bookings/{bookingId}/refunds', {
        path,
        sub,
        body: JSON.stringify(body),
        pathParameters: { ...ref },
      }) as never,
      lambdaContext() as never,
    );
    return { status: res.statusCode ?? 0, json: JSON.parse(res.body ?? '{}') as Record<string, unknown> };
  };

  return {
    c,
    tableName,
    provider,
    webhookSecrets,
    handedToInbox,
    sale,
    pay,
    signed,
    post,
    receiptCount,
    stateOf,
    receipt: (key: Key) => c.deps.receipts.get(key.provider, key.eventId),
    /** The organization's people, events and sessions (`session(eventId, seating, capacity)`). */
    world: w,
    service,
    stripe,
    razorpay,
    pricedEvent,
    saleIn,
    heldWith,
    deliver,
    providerRefunds,
    postRefund,
    /** Puts back the real ports a test replaced. */
    heal: () => {
      Object.assign(c.deps, realDeps);
    },
    stop: async () => {
      quiet.mockRestore();
      resetContainer();
      restoreEnv();
      await payments.stop();
    },
  };
};

export type PaymentWorld = Awaited<ReturnType<typeof startPaymentWorld>>;

/**
 * The file's payment world: started before its tests, by default with every webhook held (each
 * test delivers, or never delivers, each one itself), and stopped after them; ports a test
 * replaced are put back after each test.
 */
export const paymentWorldForFile = ({ holdWebhooks = true } = {}): PaymentWorld => {
  const pw = {} as PaymentWorld;
  beforeAll(async () => {
    Object.assign(pw, await startPaymentWorld());
    if (holdWebhooks) pw.provider.setMode({ hold: true });
  }, 120_000);
  afterAll(async () => {
    await pw.stop?.();
  });
  afterEach(() => pw.heal());
  return pw;
};
