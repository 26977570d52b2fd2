import type { ProviderContext } from './context.js';
import { ApiError, jsonObject, matchPath, type Reply } from './http-io.js';
import { createOrder, findOrder, findPayment, listOrders, paymentsOfOrder } from './razorpay-orders.js';
import { badRequest, collection, pagingOf, unauthorized, urlNotFound } from './razorpay-params.js';
import { findRefund, refundPayment, refundsOfPayment } from './razorpay-refunds.js';
import type { ApiRequest } from './stripe-routes.js';

/** Razorpay's REST subset: HTTP basic auth with key id and secret, JSON bodies and answers. */

export interface RazorpayKeys {
  keyId: string;
  keySecret: string;
}

interface Call {
  ctx: ProviderContext;
  body: Record<string, unknown>;
  query: URLSearchParams;
  params: Record<string, string>;
}

interface Route {
  method: 'GET' | 'POST';
  pattern: string;
  run: (call: Call) => unknown;
}

const ROUTES: Route[] = [
  { method: 'POST', pattern: '/v1/orders', run: (c) => createOrder(c.ctx.store, c.body) },
  {
    method: 'GET',
    pattern: '/v1/orders',
    run: (c) => collection(listOrders(c.ctx.store, c.query), pagingOf(c.query)),
  },
  { method: 'GET', pattern: '/v1/orders/:id', run: (c) => findOrder(c.ctx.store, c.params.id ?? '') },
  {
    method: 'GET',
    pattern: '/v1/orders/:id/payments',
    run: (c) => collection(paymentsOfOrder(c.ctx.store, c.params.id ?? ''), pagingOf(c.query)),
  },
  { method: 'GET', pattern: '/v1/payments/:id', run: (c) => findPayment(c.ctx.store, c.params.id ?? '') },
  {
    method: 'POST',
    pattern: '/v1/payments/:id/refund',
    run: (c) => refundPayment(c.ctx, c.params.id ?? '', c.body),
  },
  {
    method: 'GET',
    pattern: '/v1/payments/:id/refunds',
    run: (c) => collection(refundsOfPayment(c.ctx.store, c.params.id ?? ''), pagingOf(c.query)),
  },
  {
    method: 'GET',
    pattern: '/v1/payments/:id/refunds/:refund',
    run: (c) => findRefund(c.ctx.store, c.params.refund ?? '', c.params.id),
  },
  { method: 'GET', pattern: '/v1/refunds/:id', run: (c) => findRefund(c.ctx.store, c.params.id ?? '') },
];

const authorized = (authorization: string | undefined, keys: RazorpayKeys): boolean => {
  const match = /^Basic\s+(\S+)$/i.exec(authorization?.trim() ?? '');
  if (!match?.[1]) return false;
  return Buffer.from(match[1], 'base64').toString('utf8') === `${keys.keyId}:${keys.keySecret}`;
};

export const answerRazorpay = (ctx: ProviderContext, keys: RazorpayKeys, req: ApiRequest): Reply => {
  try {
    if (!authorized(req.headers.authorization, keys)) throw unauthorized();
    for (const route of ROUTES) {
      const params = matchPath(route.pattern, req.path);
      if (route.method !== req.method || params === null) continue;
      const body = req.method === 'POST' ? jsonObject(req.body) : {};
      if (body === null) throw badRequest('The request body must be a JSON object.');
      return { status: 200, body: route.run({ ctx, body, query: new URLSearchParams(req.query), params }) };
    }
    throw urlNotFound();
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return { status: error.status, body: error.body };
  }
};
