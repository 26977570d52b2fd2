import Stripe from 'stripe';
import { randomChars, stripeId } from './ids.js';
import type {
  OutgoingEvent,
  RazorpayDispute,
  RazorpayOrder,
  RazorpayPayment,
  RazorpayRefund,
} from './types.js';

/** The webhook bodies each provider posts. Objects are copied: later changes do not reach a queued event. */

/** The API request that caused an event; null for the customer's own actions (paying at checkout). */
export interface StripeRequestRef {
  id: string | null;
  idempotency_key: string | null;
}

export const NO_REQUEST: StripeRequestRef = { id: null, idempotency_key: null };

export const stripeEvent = (type: string, object: unknown, request: StripeRequestRef): OutgoingEvent => {
  const id = stripeId('evt');
  const event = {
    id,
    object: 'event',
    // Stripe sends events in the API version the endpoint was created with; the SDK's own version
    // is what our adapters expect to read.
    api_version: Stripe.API_VERSION,
    created: Math.floor(Date.now() / 1000),
    data: { object: structuredClone(object) },
    livemode: false,
    pending_webhooks: 1,
    request,
    type,
  };
  return { provider: 'stripe', id, type, body: JSON.stringify(event) };
};

export interface RazorpayPayload {
  payment?: RazorpayPayment;
  order?: RazorpayOrder;
  refund?: RazorpayRefund;
  dispute?: RazorpayDispute;
}

/** Razorpay names the event id only in the X-Razorpay-Event-Id header, not in the body. */
export const razorpayEvent = (event: string, payload: RazorpayPayload, accountId: string): OutgoingEvent => {
  const wrapped: Record<string, { entity: unknown }> = {};
  for (const [name, entity] of Object.entries(payload)) wrapped[name] = { entity: structuredClone(entity) };
  const body = {
    entity: 'event',
    account_id: accountId,
    event,
    contains: Object.keys(wrapped),
    payload: wrapped,
    created_at: Math.floor(Date.now() / 1000),
  };
  return { provider: 'razorpay', id: randomChars(14), type: event, body: JSON.stringify(body) };
};
