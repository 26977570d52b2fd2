import type {
  RazorpayDispute,
  RazorpayOrder,
  RazorpayPayment,
  RazorpayRefund,
  StripeDispute,
  StripePaymentIntent,
  StripeRefund,
} from './types.js';

/** Everything the stand-in knows, in memory: a restart forgets it, as a fresh test account would. */

/** A Stripe answer kept under its Idempotency-Key, replayed for a retry with the same parameters. */
export interface SavedResponse {
  endpoint: string;
  paramsJson: string;
  status: number;
  body: unknown;
}

export interface Store {
  stripe: {
    intents: Map<string, StripePaymentIntent>;
    refunds: Map<string, StripeRefund>;
    /** Charge id to the intent it belongs to: refunds may name either. */
    charges: Map<string, string>;
    idempotency: Map<string, SavedResponse>;
    disputes: Map<string, StripeDispute>;
  };
  razorpay: {
    orders: Map<string, RazorpayOrder>;
    payments: Map<string, RazorpayPayment>;
    refunds: Map<string, RazorpayRefund>;
    disputes: Map<string, RazorpayDispute>;
  };
}

export const createStore = (): Store => ({
  stripe: {
    intents: new Map(),
    refunds: new Map(),
    charges: new Map(),
    idempotency: new Map(),
    disputes: new Map(),
  },
  razorpay: { orders: new Map(), payments: new Map(), refunds: new Map(), disputes: new Map() },
});

/** Newest first, as both providers list; Map keeps insertion order, which is creation order. */
export const newestFirst = <T>(items: Iterable<T>): T[] => [...items].reverse();
