import type { EntityItem } from 'electrodb';
import type { IdempotencyRecord, IdempotencyStore, StoredResponse } from '../domain/deps.js';
import type { idempotencyEntity } from './idempotency-entity.js';
import type { EventlyService } from './service.js';
import { isConditionFailure } from './transactions.js';

/** How long a claim blocks others before it is presumed abandoned (longer than any function timeout). */
const lockMs = 30_000;
/** Replays are honoured for a day, like most payment APIs. */
const retentionSeconds = 24 * 3600;

const toRecord = (i: EntityItem<typeof idempotencyEntity>, nowMs: number): IdempotencyRecord | undefined => {
  if (i.ttl * 1000 <= nowMs) return undefined;
  if (i.status === 'in_progress') return { status: 'in_progress', fingerprint: i.fingerprint };
  const response: StoredResponse = {
    status: i.responseStatus ?? 200,
    body: i.responseBody ?? '',
    headers: JSON.parse(i.responseHeaders ?? '{}') as Record<string, string>,
  };
  return { status: 'completed', fingerprint: i.fingerprint, response };
};

export const dynamoIdempotencyStore = (service: EventlyService): IdempotencyStore => {
  const { idempotency } = service.entities;

  const get = async (scope: string, key: string) => {
    const { data } = await idempotency.get({ scope, key }).go({ consistent: true });
    return data ? toRecord(data, Date.now()) : undefined;
  };

  return {
    get,

    async claim(scope, key, fingerprint, nowMs) {
      try {
        await idempotency
          .put({
            scope,
            key,
            fingerprint,
            status: 'in_progress',
            lockedUntil: nowMs + lockMs,
            ttl: Math.floor(nowMs / 1000) + retentionSeconds,
          })
          .where(
            ({ fingerprint: f, status, lockedUntil, ttl }, { notExists, eq, lt }) =>
              `${notExists(f)} OR (${eq(status, 'in_progress')} AND ${lt(lockedUntil, nowMs)}) OR ${lt(ttl, Math.floor(nowMs / 1000))}`,
          )
          .go();
        return undefined;
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
        // Held by someone else; if it vanished meanwhile, report it as still in progress.
        return (await get(scope, key)) ?? { status: 'in_progress', fingerprint };
      }
    },

    async complete(scope, key, response) {
      await idempotency
        .patch({ scope, key })
        .set({
          status: 'completed',
          responseStatus: response.status,
          responseBody: response.body,
          responseHeaders: JSON.stringify(response.headers),
        })
        .go();
    },

    async release(scope, key) {
      await idempotency.delete({ scope, key }).go();
    },
  };
};
