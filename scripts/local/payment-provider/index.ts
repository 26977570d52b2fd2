import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveAdmin } from './admin.js';
import { serveCheckout } from './checkout.js';
import type { ProviderContext } from './context.js';
import { createDispute, type OpenDispute } from './disputes.js';
import { readBody, sendJson } from './http-io.js';
import { razorpayId } from './ids.js';
import { DEFAULT_MODE } from './modes.js';
import { createPay, type PayResult } from './pay.js';
import { answerRazorpay } from './razorpay-routes.js';
import { createStore } from './store.js';
import { answerStripe } from './stripe-routes.js';
import type { Mode, ModeOverrides, Provider, RetryPolicy } from './types.js';
import { createDispatcher, type DeliveryRecord, type HeldEvent } from './webhooks.js';

/**
 * A local stand-in for Stripe and Razorpay: the REST subset our adapters call through the official
 * SDKs, a checkout page that pays, and signed webhooks posted to the backend, with modes for
 * failures, delays, duplicates and out-of-order delivery. Everything is kept in memory.
 */

export { pointRazorpayAt, stripeClientConfig } from './clients.js';
export type { DisputeOptions, DisputeResult } from './disputes.js';
export type { PayResult } from './pay.js';
export type { Mode, ModeOverrides, Outcome, Provider, RetryPolicy } from './types.js';
export type { DeliveryRecord, HeldEvent } from './webhooks.js';

export interface LocalPaymentProviderOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** The backend's base URL; webhooks go to `${webhookTarget}/v1/webhooks/{stripe|razorpay}`. */
  webhookTarget: string;
  stripe: { apiKey: string; webhookSecret: string };
  razorpay: { keyId: string; keySecret: string; webhookSecret: string };
  /** Defaults to 4 attempts, 500 ms doubling: providers retry for days, locally a few seconds do. */
  retry?: RetryPolicy;
  /** The default mode (succeed, no delay, no duplicates, no hold unless given). */
  mode?: ModeOverrides;
  /** One line per webhook delivery attempt; omit for silence. */
  log?: (line: string) => void;
}

export interface LocalPaymentProvider {
  baseUrl: string;
  port: number;
  checkoutUrl(provider: Provider, id: string): string;
  /** What `POST ${checkoutUrl}/pay` does; throws (404/409 ApiError) for an unknown or unpayable id. */
  pay(provider: Provider, id: string, overrides?: ModeOverrides): PayResult;
  /**
   * What `POST /_local/disputes` does: the buyer's bank disputes a paid payment (a Stripe
   * PaymentIntent or a Razorpay payment) and its webhook is posted; throws (404/409/400 ApiError)
   * for an unknown, unpaid, refunded or already disputed payment or a wrong amount.
   */
  dispute: OpenDispute;
  mode(): Mode;
  /** Changes the default mode (merged into the current one) and answers the result. */
  setMode(overrides: ModeOverrides): Mode;
  setWebhookTarget(url: string): void;
  held(): HeldEvent[];
  release(eventIds?: string[], options?: { reverse?: boolean }): Promise<void>;
  deliveries(): DeliveryRecord[];
  /** Resolves when no webhook delivery is under way (held events aside). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const listen = (server: Server, port: number, host: string): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`local payment provider: port ${port} is already in use`)
          : error,
      ),
    );
    server.listen({ port, host, exclusive: true }, () => resolve((server.address() as AddressInfo).port));
  });

const basicUser = (authorization: string): string =>
  Buffer.from(authorization.replace(/^basic\s+/i, ''), 'base64')
    .toString('utf8')
    .split(':')[0] ?? '';

/**
 * Both providers serve `/v1/...` (and both have `/v1/refunds/:id`): the Stripe SDK sends a bearer
 * key, the Razorpay SDK basic auth with its key id. Without either, Razorpay-only paths go to Razorpay.
 */
const isRazorpay = (req: IncomingMessage, path: string, keyId: string): boolean => {
  const auth = req.headers.authorization?.trim() ?? '';
  if (/^bearer\s/i.test(auth)) return false;
  if (/^basic\s/i.test(auth) && basicUser(auth) === keyId) return true;
  return /^\/v1\/(orders|payments)(\/|$)/.test(path);
};

export const startLocalPaymentProvider = async (
  options: LocalPaymentProviderOptions,
): Promise<LocalPaymentProvider> => {
  const host = options.host ?? '127.0.0.1';
  let mode: Mode = { ...DEFAULT_MODE, ...options.mode };
  let target = options.webhookTarget;
  const dispatcher = createDispatcher({
    target: () => target,
    secrets: { stripe: options.stripe.webhookSecret, razorpay: options.razorpay.webhookSecret },
    retry: options.retry ?? { attempts: 4, baseDelayMs: 500 },
    log: options.log,
  });
  const ctx: ProviderContext = {
    store: createStore(),
    publish: (events, overrides = {}) => dispatcher.dispatch(events, { ...mode, ...overrides }),
    mode: () => ({ ...mode }),
    razorpayAccountId: razorpayId('acc'),
  };
  const pay = createPay(ctx, options.razorpay.keySecret);
  const dispute = createDispute(ctx);
  const admin = {
    mode: ctx.mode,
    setMode: (overrides: ModeOverrides): Mode => {
      mode = { ...mode, ...overrides };
      return { ...mode };
    },
    deliveries: dispatcher.deliveries,
    held: dispatcher.held,
    release: dispatcher.release,
    dispute,
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (await serveAdmin(req, res, url.pathname, admin)) return;
    if (await serveCheckout(req, res, url, { store: ctx.store, pay })) return;
    if (!url.pathname.startsWith('/v1/')) {
      sendJson(res, { status: 404, body: { error: { message: `no route ${req.method} ${url.pathname}` } } });
      return;
    }
    const apiRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.search.slice(1),
      headers: req.headers,
      body: await readBody(req),
    };
    const reply = isRazorpay(req, url.pathname, options.razorpay.keyId)
      ? answerRazorpay(ctx, options.razorpay, apiRequest)
      : answerStripe(ctx, options.stripe.apiKey, apiRequest);
    sendJson(res, reply);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.log?.(`local payment provider: ${req.method} ${req.url} failed: ${String(error)}`);
      if (res.headersSent) res.destroy();
      else sendJson(res, { status: 500, body: { error: { message: 'the local payment provider failed' } } });
    });
  });
  const port = await listen(server, options.port ?? 0, host);
  const baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    baseUrl,
    port,
    checkoutUrl: (provider, id) => `${baseUrl}/checkout/${provider}/${encodeURIComponent(id)}`,
    pay,
    dispute,
    mode: admin.mode,
    setMode: admin.setMode,
    setWebhookTarget: (url) => {
      target = url;
    },
    held: dispatcher.held,
    release: dispatcher.release,
    deliveries: dispatcher.deliveries,
    idle: dispatcher.idle,
    close: async () => {
      await dispatcher.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
};
