import type { Store } from './store.js';
import type { Mode, ModeOverrides, OutgoingEvent } from './types.js';

/** What provider operations need: the store, and a way to hand events to webhook delivery. */

export type Publish = (events: OutgoingEvent[], overrides?: ModeOverrides) => void;

export interface ProviderContext {
  store: Store;
  publish: Publish;
  /** The default mode now: a payment's outcome comes from it unless the payment overrides it. */
  mode: () => Mode;
  /** Razorpay stamps every webhook with the merchant account's id. */
  razorpayAccountId: string;
}
