import { reply, routeGroup } from '../../kernel/http/route-group.js';
import { bookingParams } from '../bookings/index.js';
import {
  paymentStartSchema,
  refundAnswerSchema,
  refundBody,
  startPaymentBody,
  webhookAnswerSchema,
  webhookParams,
} from './contracts/payments.js';

/** Paying held bookings and the providers' webhooks; served by `payments`. */
export const paymentRoutes = routeGroup({ function: 'payments', auth: 'jwt', tag: 'Payments' }, [
  {
    operationId: 'startPayment',
    method: 'POST',
    path: '/v1/orgs/{orgId}/sessions/{sessionId}/bookings/{bookingId}/payment',
    summary:
      "What the client needs to pay a held booking: the payment order (its quote with tax and fee) and the provider's checkout. The first call makes the order; every later call answers the same one",
    params: bookingParams,
    body: startPaymentBody,
    success: reply(200, 'The order and its checkout', paymentStartSchema),
    problems: [403, 404, 409, 503],
  },
  {
    operationId: 'refundBooking',
    method: 'POST',
    path: '/v1/orgs/{orgId}/sessions/{sessionId}/bookings/{bookingId}/refunds',
    summary:
      "Refund a paid booking through its provider: staff any amount, the booking's owner all of it until the event's refund cutoff. A full refund cancels the booking and offers its places to the waitlist. The same requestId refunds once",
    params: bookingParams,
    body: refundBody,
    success: reply(200, 'The refund and its order', refundAnswerSchema),
    problems: [403, 404, 409, 503],
  },
  {
    operationId: 'receivePaymentWebhook',
    method: 'POST',
    path: '/v1/webhooks/{provider}',
    auth: 'none',
    summary:
      "A payment provider's event. The signature over the raw body is the authentication; the event is stored, then acknowledged; a repeated event is acknowledged again",
    params: webhookParams,
    rawBody: true,
    success: reply(200, 'Stored (or stored before)', webhookAnswerSchema),
    problems: [400, 404, 503],
  },
]);
