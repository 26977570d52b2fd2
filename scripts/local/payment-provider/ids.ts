import { randomBytes } from 'node:crypto';

/** Provider-style ids: a prefix and random base62 characters (Stripe uses 24, Razorpay 14). */

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export const randomChars = (length: number): string => {
  // 248 is the largest multiple of 62 below 256: rejecting higher bytes keeps the characters uniform.
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
};

export const stripeId = (prefix: string): string => `${prefix}_${randomChars(24)}`;
export const razorpayId = (prefix: string): string => `${prefix}_${randomChars(14)}`;

/** Both providers stamp objects in unix seconds. */
export const nowSeconds = (): number => Math.floor(Date.now() / 1000);
