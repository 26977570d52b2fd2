import { getContainer } from '../../../app/container.js';
import { ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import { startPayment } from '../domain/payment-start.js';
import { refundBooking } from '../domain/refunds.js';
import {
  decideLatePayment,
  listFailedReceipts,
  listOrdersForReview,
  listStuckOrders,
  retryReceipt,
} from '../domain/staff.js';
import { receiveWebhook } from '../domain/webhook-receive.js';

const deps = () => getContainer().deps;

export const paymentHandlers = {
  startPayment: async ({ principal, params, body }) =>
    ok(await startPayment(deps(), principal, params, body)),
  refundBooking: async ({ principal, params, body }) =>
    ok(await refundBooking(deps(), principal, params, body)),
  listFailedPaymentReceipts: async ({ principal, params, query }) =>
    ok(await listFailedReceipts(deps(), principal, params.orgId, query)),
  retryPaymentReceipt: async ({ principal, params }) =>
    ok(await retryReceipt(deps(), principal, params.orgId, params)),
  listPaymentsForReview: async ({ principal, params, query }) =>
    ok(await listOrdersForReview(deps(), principal, params.orgId, query)),
  listStuckPaymentOrders: async ({ principal, params, query }) =>
    ok({ items: await listStuckOrders(deps(), principal, params.orgId, query.limit) }),
  decideLatePayment: async ({ principal, params, body }) =>
    ok(await decideLatePayment(deps(), principal, params, body.decision)),
  receivePaymentWebhook: async ({ params, raw }) =>
    ok(await receiveWebhook(deps(), params.provider, { rawBody: raw.body, headers: raw.headers })),
} satisfies RouteHandlers<'payments'>;
