import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from './entity-base.js';
import { key } from './entity-keys.js';

/**
 * One record per (caller scope, Idempotency-Key). `scope` is `<orgId>#<sub>` for org routes and
 * `user#<sub>` for the rest, so keys never collide across organizations or users.
 */
export const idempotencyEntity = new Entity({
  model: { ...entityBase, entity: 'idempotency' },
  attributes: {
    ...fixedStrings('scope', 'key'),
    fingerprint: { type: 'string', required: true },
    status: { type: ['in_progress', 'completed'] as const, required: true },
    /** Epoch ms after which an in-progress record is considered abandoned (its Lambda died). */
    lockedUntil: { type: 'number', required: true },
    responseStatus: { type: 'number' },
    responseBody: { type: 'string' },
    responseHeaders: { type: 'string' },
    /** Epoch seconds; DynamoDB TTL removes old records eventually (expiry is also checked on read). */
    ttl: { type: 'number', required: true },
  },
  indexes: {
    byKey: {
      pk: key('pk', ['scope', 'key'], '${scope}#idem#${key}'),
      sk: key('sk', [], 'idem'),
    },
  },
});
