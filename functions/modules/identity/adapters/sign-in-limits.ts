import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { unlessConditionFails } from '../../../kernel/dynamo/transactions.js';
import type { SignInLimits } from '../domain/ports.js';
import { windowOf } from '../domain/sign-in-rules.js';

/**
 * Fixed-window counters, one item per window: a conditional update adds one while the count is
 * below the limit (the item is created by the first), so concurrent starts never pass the limit.
 */
export const dynamoSignInLimits = (service: EventlyService): SignInLimits => {
  const { signInWindow } = service.entities;
  return {
    async take({ scope, subject, limit, windowMs }, nowMs) {
      const { start, retryAfterSeconds } = windowOf(nowMs, windowMs);
      const counted = await unlessConditionFails(
        signInWindow
          .update({ scope, subject, windowStart: String(start) })
          .add({ count: 1 })
          .set({ ttl: Math.ceil((start + windowMs) / 1000) + 3600 })
          .where((a, { notExists, lt }) => `${notExists(a.count)} OR ${lt(a.count, limit)}`)
          .go(),
      );
      return counted ? { ok: true } : { ok: false, retryAfterSeconds };
    },
  };
};
