import { orgParams, pageQuerySchema } from '../../kernel/contracts/common.js';
import { reply, replyPage, routeGroup } from '../../kernel/http/route-group.js';
import { bookingParams } from '../bookings/index.js';
import {
  paymentOrderSchema,
  paymentStartSchema,
  startPaymentBody,
  stuckOrdersQuery,
  stuckOrdersSchema,
  webhookAnswerSchema,
  webhookParams,
} from './contracts/payments.js';
import { receiptParams, receiptSchema } from './contracts/receipts.js';
import { refundAnswerSchema, refundBody, reviewBody } from './contracts/refunds.js';

/** Paying held bookings and the providers' webhooks; served by `payments`. */
export const paymentRoutes = routeGroup({ function: 'payments', auth: 'jwt', tag: 'Payments' }, [
  {
    operationId: 'startPayment',
    method: 'POST',
    throttleClass: 'bookings',
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
    operationId: 'listFailedPaymentReceipts',
    method: 'GET',
    path: '/v1/orgs/{orgId}/payments/receipts/failed',
    summary: "Providers' events that could not be applied, with the reason (staff)",
    params: orgParams,
    query: pageQuerySchema,
    success: replyPage('A page of receipts', receiptSchema, 'WebhookReceiptPage'),
    problems: [403, 404],
  },
  {
    operationId: 'retryPaymentReceipt',
    method: 'POST',
    path: '/v1/orgs/{orgId}/payments/receipts/{provider}/{eventId}/retry',
    summary:
      'Apply a failed receipt again, once its cause is fixed (staff); a receipt not failed answers as it is',
    params: receiptParams,
    success: reply(200, 'The receipt, back in the queue', receiptSchema),
    problems: [403, 404],
  },
  {
    operationId: 'listPaymentsForReview',
    method: 'GET',
    path: '/v1/orgs/{orgId}/payments/orders/review',
    summary: "Payments that came after their hold lapsed, waiting for staff (the event's `review` policy)",
    params: orgParams,
    query: pageQuerySchema,
    success: replyPage('A page of payment orders', paymentOrderSchema, 'PaymentOrderPage'),
    problems: [403, 404],
  },
  {
    operationId: 'listStuckPaymentOrders',
    method: 'GET',
    path: '/v1/orgs/{orgId}/payments/orders/stuck',
    summary:
      'Orders still unpaid five minutes after their hold ended: those the reconciler (which asks their provider every minute) has not settled (staff)',
    params: orgParams,
    query: stuckOrdersQuery,
    success: reply(200, 'The stuck orders, oldest first', stuckOrdersSchema),
    problems: [403, 404],
  },
  {
    operationId: 'decideLatePayment',
    method: 'POST',
    path: '/v1/orgs/{orgId}/sessions/{sessionId}/bookings/{bookingId}/payment/review',
    summary:
      'Decide about a late payment (staff): accept confirms the lapsed booking again if its places are free, refund gives the money back',
    params: bookingParams,
    body: reviewBody,
    success: reply(200, 'The order, decided', paymentOrderSchema),
    problems: [403, 404, 409, 503],
  },
  {
    operationId: 'receivePaymentWebhook',
    method: 'POST',
    throttleClass: 'webhooks',
    path: '/v1/webhooks/{provider}',
    auth: 'none',
    publicBecause:
      'A payment provider webhook: providers cannot present a token from the tenant issuer, so the route ' +
      'has no authorizer; the function authenticates each request by the provider signature over the raw ' +
      'body (webhook secrets from the payment secret) and rejects unsigned or mis-signed requests.',
    summary:
      "A payment provider's event. The signature over the raw body is the authentication; the event is stored, then acknowledged; a repeated event is acknowledged again",
    params: webhookParams,
    rawBody: true,
    success: reply(200, 'Stored (or stored before)', webhookAnswerSchema),
    problems: [400, 404, 503],
  },
]);
