import type { IncomingHttpHeaders } from 'node:http';
import Stripe from 'stripe';
import type { ProviderContext } from './context.js';
import type { StripeRequestRef } from './events.js';
import { type FormObject, parseForm } from './form-body.js';
import { ApiError, matchPath, type Reply } from './http-io.js';
import { stripeId } from './ids.js';
import type { Store } from './store.js';
import { idempotencyMismatch, unauthorized, unrecognizedUrl } from './stripe-errors.js';
import { cancelIntent, createIntent, findIntent } from './stripe-intents.js';
import { checkKnown } from './stripe-params.js';
import { createRefund, findRefund, listRefunds } from './stripe-refunds.js';

/** Stripe's REST subset: bearer auth, form bodies, idempotency keys, JSON answers. */

export interface ApiRequest {
  method: string;
  path: string;
  query: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Call {
  ctx: ProviderContext;
  params: FormObject;
  id: string;
  request: StripeRequestRef;
}

interface Route {
  method: 'GET' | 'POST';
  pattern: string;
  run: (call: Call) => unknown;
}

const ROUTES: Route[] = [
  { method: 'POST', pattern: '/v1/payment_intents', run: (c) => createIntent(c.ctx.store, c.params) },
  {
    method: 'GET',
    pattern: '/v1/payment_intents/:id',
    run: (c) => {
      checkKnown(c.params, ['client_secret', 'expand']);
      return findIntent(c.ctx.store, c.id);
    },
  },
  {
    method: 'POST',
    pattern: '/v1/payment_intents/:id/cancel',
    run: (c) => cancelIntent(c.ctx, c.id, c.params, c.request),
  },
  { method: 'POST', pattern: '/v1/refunds', run: (c) => createRefund(c.ctx, c.params, c.request) },
  {
    method: 'GET',
    pattern: '/v1/refunds/:id',
    run: (c) => {
      checkKnown(c.params, ['expand']);
      return findRefund(c.ctx.store, c.id);
    },
  },
  { method: 'GET', pattern: '/v1/refunds', run: (c) => listRefunds(c.ctx.store, c.params) },
];

/** The API key from `Bearer <key>`, or from Basic auth with the key as user name (Stripe takes both). */
const apiKeyOf = (authorization: string | undefined): string | null => {
  if (!authorization) return null;
  const [scheme, value = ''] = authorization.trim().split(/\s+/, 2);
  if (scheme?.toLowerCase() === 'bearer') return value;
  if (scheme?.toLowerCase() === 'basic')
    return Buffer.from(value, 'base64').toString('utf8').split(':')[0] ?? '';
  return null;
};

/** Key order must not make two equal parameter sets look different. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

const header = (headers: IncomingHttpHeaders, name: string): string | null => {
  const value = headers[name];
  return typeof value === 'string' ? value : null;
};

/** Replays a saved answer for a reused key; refuses a reused key with other parameters or another endpoint. */
const idempotent = (
  store: Store,
  key: string | null,
  endpoint: string,
  params: FormObject,
  run: () => Reply,
): Reply => {
  if (key === null) return run();
  const paramsJson = canonical(params);
  const saved = store.stripe.idempotency.get(key);
  if (saved) {
    if (saved.endpoint !== endpoint) throw idempotencyMismatch(key, false);
    if (saved.paramsJson !== paramsJson) throw idempotencyMismatch(key, true);
    return { status: saved.status, body: saved.body, headers: { 'idempotent-replayed': 'true' } };
  }
  try {
    const reply = run();
    store.stripe.idempotency.set(key, {
      endpoint,
      paramsJson,
      status: reply.status,
      body: structuredClone(reply.body),
    });
    return reply;
  } catch (error) {
    if (error instanceof ApiError && error.saved)
      store.stripe.idempotency.set(key, { endpoint, paramsJson, status: error.status, body: error.body });
    throw error;
  }
};

export const answerStripe = (ctx: ProviderContext, apiKey: string, req: ApiRequest): Reply => {
  const requestId = stripeId('req');
  const base = {
    'request-id': requestId,
    'stripe-version': header(req.headers, 'stripe-version') ?? Stripe.API_VERSION,
  };
  const key = req.method === 'POST' ? header(req.headers, 'idempotency-key') : null;
  const withBase = (reply: Reply): Reply => ({
    ...reply,
    headers: { ...base, ...(key ? { 'idempotency-key': key } : {}), ...reply.headers },
  });
  try {
    const given = apiKeyOf(header(req.headers, 'authorization') ?? undefined);
    if (given !== apiKey) throw unauthorized(given);
    for (const route of ROUTES) {
      const path = matchPath(route.pattern, req.path);
      if (route.method !== req.method || path === null) continue;
      const params = parseForm(req.method === 'POST' ? req.body : req.query);
      const call: Call = { ctx, params, id: path.id ?? '', request: { id: requestId, idempotency_key: key } };
      const endpoint = `${req.method} ${route.pattern}:${call.id}`;
      return withBase(
        idempotent(ctx.store, key, endpoint, params, () => ({ status: 200, body: route.run(call) })),
      );
    }
    throw unrecognizedUrl(req.method, req.path);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    // Stripe tells its SDKs not to retry answers that would fail the same way again.
    return withBase({ status: error.status, body: error.body, headers: { 'stripe-should-retry': 'false' } });
  }
};
