import { createHash } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { IdempotencyStore, StoredResponse } from '../domain/deps.js';
import { DomainError, validationFailed } from '../domain/errors.js';

type Response = APIGatewayProxyStructuredResultV2;

const keyPattern = /^[\w.:-]{1,255}$/;
/** How long a duplicate waits for the first request to finish before answering 409. */
const waitForFirstMs = 10_000;
const pollMs = 50;

export const readIdempotencyKey = (headers: Record<string, string | undefined>): string | undefined => {
  const key = headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (!keyPattern.test(key)) {
    throw validationFailed([
      { field: 'header.idempotency-key', message: 'must be 1-255 characters of letters, digits, _ . : -' },
    ]);
  }
  return key;
};

export const fingerprintOf = (...parts: string[]): string =>
  createHash('sha256').update(parts.join('\n')).digest('hex');

const toStored = (r: Response): StoredResponse => ({
  status: r.statusCode ?? 200,
  body: typeof r.body === 'string' ? r.body : '',
  headers: Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k, String(v)])),
});

const replay = (s: StoredResponse): Response => ({
  statusCode: s.status,
  headers: { ...s.headers, 'idempotency-replayed': 'true' },
  body: s.body,
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface IdempotentCall {
  store: IdempotencyStore;
  scope: string;
  key: string;
  fingerprint: string;
}

/**
 * Runs `execute` at most once per (scope, key). A duplicate that arrives while the first is still
 * running waits for it and returns the same response, so concurrent retries all see one answer.
 * `execute` must return expected failures (4xx) as responses: they are stored and replayed too.
 * A 5xx or a crash releases the key, since nothing was committed that a retry could repeat.
 */
export const runIdempotent = async (
  call: IdempotentCall,
  execute: () => Promise<Response>,
): Promise<Response> => {
  const { store, scope, key, fingerprint } = call;
  const deadline = Date.now() + waitForFirstMs;
  for (;;) {
    const held = await store.claim(scope, key, fingerprint, Date.now());
    if (!held) return executeClaimed(call, execute);
    if (held.fingerprint !== fingerprint) {
      throw new DomainError(
        'IDEMPOTENCY_KEY_REUSED',
        'this Idempotency-Key was used for a different request',
      );
    }
    if (held.status === 'completed') return replay(held.response);
    if (Date.now() >= deadline) {
      throw new DomainError(
        'IDEMPOTENCY_IN_PROGRESS',
        'a request with this Idempotency-Key is still running',
      );
    }
    await sleep(pollMs);
  }
};

const executeClaimed = async (call: IdempotentCall, execute: () => Promise<Response>): Promise<Response> => {
  let response: Response;
  try {
    response = await execute();
  } catch (err) {
    await call.store.release(call.scope, call.key);
    throw err;
  }
  if ((response.statusCode ?? 200) >= 500) await call.store.release(call.scope, call.key);
  else await call.store.complete(call.scope, call.key, toStored(response));
  return response;
};
