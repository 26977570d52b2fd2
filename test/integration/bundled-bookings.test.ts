import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import { functionDefinitions } from '../../functions/app/function-definitions.js';
import { esbuildOptions } from '../../lib/constructs/bundling.js';
import { lambdaContext } from '../support/lambda-context.js';
import { bookingWorld } from './booking-world.js';
import { apiEvent, freshContainer } from './fixtures.js';

/**
 * The bookings function's bundle, built as CDK builds it (its own port table and the service of
 * their entities only), answering booking routes on DynamoDB Local: what the deployed function
 * runs, not the source every test imports. The world it books in is made from source.
 */

type Handler = (event: unknown, context: unknown) => Promise<APIGatewayProxyStructuredResultV2>;

const root = path.resolve(import.meta.dirname, '../..');

describe('the bookings bundle as deployed', () => {
  let world: Container & { tableName: string };
  let w: Awaited<ReturnType<typeof bookingWorld>>;
  let handler: Handler;
  let outDir: string | undefined;

  beforeAll(async () => {
    world = await freshContainer({ SCHEDULER_MODE: 'local' });
    w = await bookingWorld(world);
    outDir = mkdtempSync(path.join(tmpdir(), 'evently-bundled-'));
    const outfile = path.join(outDir, 'index.mjs');
    await build(esbuildOptions(path.join(root, functionDefinitions.bookings.entry), outfile));
    // The bundle reads its environment on its first request, as in Lambda.
    process.env.TABLE_NAME = world.tableName;
    process.env.SCHEDULER_MODE = 'local';
    handler = ((await import(pathToFileURL(outfile).href)) as { handler: Handler }).handler;
  }, 60_000);

  afterAll(() => {
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  const call = (routeKey: string, p: { path: string; sub: string; body?: unknown }, params: object) =>
    handler(
      apiEvent(routeKey, {
        path: p.path,
        sub: p.sub,
        ...(p.body === undefined ? {} : { body: JSON.stringify(p.body) }),
        pathParameters: params as Record<string, string>,
      }),
      lambdaContext(),
    );

  it('books a place and lists it', async () => {
    const s = await w.session(w.freeEventId, 'general');
    const params = { orgId: w.orgId, sessionId: s.sessionId };
    const bookings = `/v1/orgs/${w.orgId}/sessions/${s.sessionId}/bookings`;
    const booked = await call(
      'POST /v1/orgs/{orgId}/sessions/{sessionId}/bookings',
      { path: bookings, sub: 'ada', body: { attendeeId: w.ada } },
      params,
    );
    expect(booked.statusCode).toBe(201);
    expect(JSON.parse(booked.body ?? '{}')).toMatchObject({ status: 'confirmed', attendeeId: w.ada });

    const listed = await call(
      'GET /v1/orgs/{orgId}/sessions/{sessionId}/bookings',
      { path: bookings, sub: 'boss' },
      params,
    );
    expect(listed.statusCode).toBe(200);
    expect(JSON.parse(listed.body ?? '{}').items).toHaveLength(1);
  });

  it('answers a session that does not exist with a 404', async () => {
    const params = { orgId: w.orgId, sessionId: 'ses_00000000000000000000' };
    const missing = await call(
      'GET /v1/orgs/{orgId}/sessions/{sessionId}/availability',
      { path: `/v1/orgs/${w.orgId}/sessions/${params.sessionId}/availability`, sub: 'boss' },
      params,
    );
    expect(missing.statusCode).toBe(404);
  });
});
