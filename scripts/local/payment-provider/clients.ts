import type Razorpay from 'razorpay';

/** Pointing the official SDKs at the stand-in instead of the providers' servers. */

/** Options for `new Stripe(apiKey, { ...stripeClientConfig(baseUrl) })`. */
export const stripeClientConfig = (baseUrl: string): { host: string; port: number; protocol: 'http' } => {
  const url = new URL(baseUrl);
  return { host: url.hostname, port: Number(url.port), protocol: 'http' };
};

/**
 * The Razorpay SDK has no host option; its requests go through an axios instance (`api.rq`)
 * whose base URL can be changed. Its type declarations leave `rq` out, hence the narrow cast.
 */
export const pointRazorpayAt = (client: Razorpay, baseUrl: string): void => {
  (client.api as unknown as { rq: { defaults: { baseURL?: string } } }).rq.defaults.baseURL = baseUrl;
};
