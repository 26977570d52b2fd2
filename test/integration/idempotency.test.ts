import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { resetContainer } from '../../functions/app/container.js';
import { resetEnvCache } from '../../functions/kernel/env.js';
import { apiEvent, freshContainer, lambdaContext } from './fixtures.js';

type Handler = (
  e: APIGatewayProxyEventV2WithJWTAuthorizer,
  c: never,
) => Promise<APIGatewayProxyStructuredResultV2>;

describe('Idempotency-Key on POST, against DynamoDB Local', () => {
  let handler: Handler;
  let tableName: string;
  beforeAll(async () => {
    ({ tableName } = await freshContainer());
    process.env.TABLE_NAME = tableName;
    resetEnvCache();
    resetContainer();
    handler = (await import('../../functions/app/lambdas/orgs.js')).handler as unknown as Handler;
  });

  const createOrg = (key: string, name: string, sub = 'idem-user') =>
    handler(
      apiEvent('POST /v1/orgs', {
        path: '/v1/orgs',
        sub,
        body: JSON.stringify({ name }),
        headers: { 'idempotency-key': key },
      }) as never,
      lambdaContext() as never,
    );

  const myOrgCount = async (sub: string) => {
    const res = await handler(
      apiEvent('GET /v1/me/memberships', { path: '/v1/me/memberships', sub }) as never,
      lambdaContext() as never,
    );
    return (JSON.parse(res.body ?? '{}') as { items: unknown[] }).items.length;
  };

  it('answers 30 simultaneous duplicates with one identical response and one organization', async () => {
    const responses = await Promise.all(
      Array.from({ length: 30 }, () => createOrg('same-key-1', 'Once', 'racer')),
    );
    expect(new Set(responses.map((r) => r.statusCode))).toEqual(new Set([201]));
    expect(new Set(responses.map((r) => r.body)).size).toBe(1);
    expect(responses.filter((r) => r.headers?.['idempotency-replayed'] === 'true')).toHaveLength(29);
    expect(await myOrgCount('racer')).toBe(1);
  });

  it('refuses the same key with a different body and keeps keys apart per user', async () => {
    expect((await createOrg('k-2', 'First')).statusCode).toBe(201);
    const reused = await createOrg('k-2', 'Second');
    expect(reused.statusCode).toBe(422);
    expect(JSON.parse(reused.body ?? '{}')).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect((await createOrg('k-2', 'First', 'another-user')).statusCode).toBe(201);
    expect(await myOrgCount('idem-user')).toBe(1);
  });

  it('does not store a validation failure, and rejects malformed keys', async () => {
    const bad = await handler(
      apiEvent('POST /v1/orgs', {
        path: '/v1/orgs',
        sub: 'idem-v',
        body: JSON.stringify({ name: '' }),
        headers: { 'idempotency-key': 'k-3' },
      }) as never,
      lambdaContext() as never,
    );
    expect(bad.statusCode).toBe(422);
    expect((await createOrg('k-3', 'Valid now', 'idem-v')).statusCode).toBe(201);
    const malformed = await createOrg('has spaces', 'X', 'idem-v');
    expect(malformed.statusCode).toBe(422);
    expect(JSON.parse(malformed.body ?? '{}').errors[0].field).toBe('header.idempotency-key');
  });
});
