import { randomUUID } from 'node:crypto';
import { buildContainer, type Container } from '../../functions/app/container.js';
import type { Member, Principal } from '../../functions/kernel/domain/types.js';
import { readEnv } from '../../functions/kernel/env.js';
import { ensureTable } from '../../scripts/local/table.js';

/**
 * A fresh table on the shared DynamoDB Local of the test run, and the real adapters over it.
 * Each call gets its own table, so test files never see each other's data.
 */
export const freshContainer = async (
  overrides: Record<string, string> = {},
  { stream = false }: { stream?: boolean } = {},
): Promise<Container & { tableName: string }> => {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint)
    throw new Error('DYNAMODB_ENDPOINT is not set: run through vitest (global setup starts DynamoDB Local)');
  const tableName = `it-${randomUUID().slice(0, 8)}`;
  await ensureTable(endpoint, tableName, { stream });
  const env = readEnv({ ...process.env, TABLE_NAME: tableName, ...overrides });
  return { ...buildContainer(env), tableName };
};

export const user = (sub: string): Principal => ({ sub, email: `${sub}@example.com`, name: sub });

export const roleOf = (members: Member[], userId: string) => members.find((m) => m.userId === userId)?.role;

/** An API Gateway HTTP API v2 event as the JWT authorizer hands it to a function. */
export const apiEvent = (
  routeKey: string,
  opts: {
    path: string;
    sub?: string;
    body?: string;
    headers?: Record<string, string>;
    pathParameters?: Record<string, string>;
  },
) => {
  const [method = 'GET'] = routeKey.split(' ');
  return {
    version: '2.0',
    routeKey,
    rawPath: opts.path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', ...opts.headers },
    pathParameters: opts.pathParameters,
    body: opts.body,
    isBase64Encoded: false,
    requestContext: {
      requestId: randomUUID(),
      http: { method, path: opts.path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      authorizer: opts.sub
        ? {
            jwt: {
              // Claims arrive as strings, a boolean one as "true".
              claims: { sub: opts.sub, email: `${opts.sub}@example.com`, email_verified: 'true' },
              scopes: [],
            },
          }
        : undefined,
    },
  };
};

export { lambdaContext } from '../support/lambda-context.js';

/** Runs `call`, again after a short pause while it answers TEMPORARILY_UNAVAILABLE (at most 3 times). */
export const retryingBusy = async <T>(call: () => Promise<T>): Promise<T> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (err) {
      if (attempt > 3 || (err as { code?: string }).code !== 'TEMPORARILY_UNAVAILABLE') throw err;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
};
