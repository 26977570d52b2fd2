import { createHmac } from 'node:crypto';
import Stripe from 'stripe';
import type { OutgoingEvent } from './types.js';

/** The headers each provider signs a webhook delivery with. */

export interface WebhookSecrets {
  stripe: string;
  razorpay: string;
}

/**
 * Stripe signs `${timestamp}.${body}` and sends `t=<timestamp>,v1=<hex>`; the SDK's test helper
 * builds exactly that header. The timestamp is the attempt's own, as on Stripe, so a late retry
 * still passes the receiver's five-minute tolerance.
 */
const stripeHeaders = (event: OutgoingEvent, secret: string): Record<string, string> => ({
  'content-type': 'application/json; charset=utf-8',
  'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
  'stripe-signature': Stripe.webhooks.generateTestHeaderString({
    payload: event.body,
    secret,
    timestamp: Math.floor(Date.now() / 1000),
  }),
});

/** Razorpay signs the raw body alone (hex HMAC-SHA256) and names the event in its own header. */
const razorpayHeaders = (event: OutgoingEvent, secret: string): Record<string, string> => ({
  'content-type': 'application/json',
  'user-agent': 'Razorpay-Webhook/v1',
  'x-razorpay-signature': createHmac('sha256', secret).update(event.body).digest('hex'),
  'x-razorpay-event-id': event.id,
});

export const signedHeaders = (event: OutgoingEvent, secrets: WebhookSecrets): Record<string, string> =>
  event.provider === 'stripe'
    ? stripeHeaders(event, secrets.stripe)
    : razorpayHeaders(event, secrets.razorpay);

/** Where each provider's webhooks go on the backend. */
export const webhookUrl = (target: string, event: OutgoingEvent): string =>
  `${target.replace(/\/+$/, '')}/v1/webhooks/${event.provider}`;
