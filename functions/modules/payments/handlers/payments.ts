import { getContainer } from '../../../app/container.js';
import { ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import { startPayment } from '../domain/payment-start.js';
import { refundBooking } from '../domain/refunds.js';
import { receiveWebhook } from '../domain/webhook-receive.js';

const deps = () => getContainer().deps;

export const paymentHandlers = {
  startPayment: async ({ principal, params, body }) =>
    ok(await startPayment(deps(), principal, params, body)),
  refundBooking: async ({ principal, params, body }) =>
    ok(await refundBooking(deps(), principal, params, body)),
  receivePaymentWebhook: async ({ params, raw }) =>
    ok(await receiveWebhook(deps(), params.provider, { rawBody: raw.body, headers: raw.headers })),
} satisfies RouteHandlers<'payments'>;
