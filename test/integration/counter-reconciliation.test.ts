import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import { book } from '../../functions/modules/bookings/domain/bookings.js';
import {
  reconcileCounters,
  reconcileSession,
} from '../../functions/modules/bookings/domain/counter-reconciliation.js';
import { bookingWorld, claimsOf, counterOf, cutOffBooking, owner, shardedCounters } from './booking-world.js';
import { freshContainer } from './fixtures.js';
import { expectInvariantsHold } from './invariants-script.js';

/**
 * The recount of counters from bookings (counter-reconciliation.ts): a drift planted as a booking
 * cut off between its take and its transaction leaves it (places taken, a claim, no booking) is
 * found, reported and given back; a booking in flight, or one racing the correction, is never
 * undone. Plain writes plant the drift: no ElectroDB service of a second client in this file.
 */
const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');

describe('counter reconciliation', () => {
  let c: Container & { tableName: string };
  let w: Awaited<ReturnType<typeof bookingWorld>>;
  const raw = () => createDocumentClient({ region: 'eu-west-1', endpoint: process.env.DYNAMODB_ENDPOINT });

  const matchesBookings = async (sessionId: string) => {
    const counter = await counterOf(c, w.orgId, sessionId);
    const booked = await c.deps.bookings.liveSeats(w.orgId, sessionId);
    expect({ held: counter.held, confirmed: counter.confirmed }).toEqual(booked);
    expect(counter.available + counter.held + counter.confirmed).toBe(counter.capacity);
    return counter;
  };

  beforeAll(async () => {
    c = await freshContainer(shardedCounters);
    w = await bookingWorld(c);
  });

  it('finds a planted drift, reports it and gives the places back; the stale claim goes', async () => {
    const s = await w.session(w.freeEventId, 'general', 20);
    for (let i = 0; i < 3; i += 1) await book(c.deps, owner, w.orgId, s.sessionId, { attendeeId: w.ada });
    await cutOffBooking(c, w.orgId, s.sessionId, 2, new Date(Date.now() - 60 * 60_000));
    expect((await counterOf(c, w.orgId, s.sessionId)).confirmed).toBe(5);
    const report = await reconcileCounters(c.deps, w.orgId);
    expect(report.drifts).toContainEqual({
      sessionId: s.sessionId,
      held: 0,
      confirmed: 2,
      outcome: 'corrected',
    });
    expect(await matchesBookings(s.sessionId)).toMatchObject({ available: 17, confirmed: 3 });
    expect(await claimsOf(c, w.orgId, s.sessionId)).toEqual([]);
    // Once corrected, the next recount finds nothing.
    expect(await reconcileSession(c.deps, w.orgId, s.sessionId)).toBeUndefined();
  });

  it('leaves a drift alone while a young claim says a booking may still commit', async () => {
    const s = await w.session(w.freeEventId, 'general', 20);
    await cutOffBooking(c, w.orgId, s.sessionId, 1, new Date());
    expect(await reconcileSession(c.deps, w.orgId, s.sessionId)).toEqual({
      sessionId: s.sessionId,
      held: 0,
      confirmed: 1,
      outcome: 'in-flight',
    });
    expect(await counterOf(c, w.orgId, s.sessionId)).toMatchObject({ available: 19, confirmed: 1 });
    // Its booking never comes back: once its claim is gone, the recount gives the place back.
    const [claim] = await claimsOf(c, w.orgId, s.sessionId);
    await c.deps.counterRepairs.dropClaims({ orgId: w.orgId, sessionId: s.sessionId }, [
      String(claim?.bookingId),
    ]);
    expect(await reconcileSession(c.deps, w.orgId, s.sessionId)).toMatchObject({ outcome: 'corrected' });
    await matchesBookings(s.sessionId);
  });

  it('reports bookings holding more than the counter counts, and changes nothing', async () => {
    const s = await w.session(w.freeEventId, 'general', 20);
    await book(c.deps, owner, w.orgId, s.sessionId, { attendeeId: w.ada });
    await raw().send(
      new UpdateCommand({
        TableName: c.tableName,
        Key: { pk: `${w.orgId}#session#${s.sessionId}#counter`, sk: 'counter' },
        UpdateExpression: 'SET available = available + :n ADD confirmed :minus, version :one',
        ExpressionAttributeValues: { ':n': 1, ':minus': -1, ':one': 1 },
      }),
    );
    expect(await reconcileSession(c.deps, w.orgId, s.sessionId)).toMatchObject({
      confirmed: -1,
      outcome: 'short',
    });
    expect(await counterOf(c, w.orgId, s.sessionId)).toMatchObject({ available: 20, confirmed: 0 });
    // Put back as it was, so the invariant checker below judges the others.
    await raw().send(
      new UpdateCommand({
        TableName: c.tableName,
        Key: { pk: `${w.orgId}#session#${s.sessionId}#counter`, sk: 'counter' },
        UpdateExpression: 'SET available = available - :n ADD confirmed :n, version :one',
        ExpressionAttributeValues: { ':n': 1, ':one': 1 },
      }),
    );
  });

  it('bookings racing the correction: none is undone, and the counter ends matching the bookings', async () => {
    const s = await w.session(w.freeEventId, 'general', 20);
    for (let i = 0; i < 4; i += 1) await book(c.deps, owner, w.orgId, s.sessionId, { attendeeId: w.ada });
    await cutOffBooking(c, w.orgId, s.sessionId, 3, new Date(Date.now() - 60 * 60_000));
    const racing = Array.from({ length: 8 }, () =>
      book(c.deps, owner, w.orgId, s.sessionId, { attendeeId: w.ada }).then(
        () => 'booked',
        (err: { code?: string }) => err.code ?? String(err),
      ),
    );
    const first = await reconcileSession(c.deps, w.orgId, s.sessionId);
    const outcomes = await Promise.all(racing);
    expect(
      outcomes.every((o) => o === 'booked' || o === 'CAPACITY_EXHAUSTED' || o === 'TEMPORARILY_UNAVAILABLE'),
    ).toBe(true);
    // Refused for a booking's move (or left for a booking in flight), the next recount corrects it.
    const drifts = [first];
    for (let i = 0; i < 5 && drifts.at(-1)?.outcome !== 'corrected'; i += 1)
      drifts.push(await reconcileSession(c.deps, w.orgId, s.sessionId));
    expect(drifts.at(-1)).toMatchObject({ confirmed: 3, outcome: 'corrected' });
    await matchesBookings(s.sessionId);
  });

  it('`npm run reconcile` does the same for an operator: one line per drift, 0 unless a counter is short', async () => {
    const s = await w.session(w.freeEventId, 'general', 20);
    await cutOffBooking(c, w.orgId, s.sessionId, 2, new Date(Date.now() - 60 * 60_000));
    const { stdout } = await run(
      resolve(root, 'node_modules/.bin/tsx'),
      [
        'scripts/reconcile-counters.ts',
        '--org',
        w.orgId,
        '--table',
        c.tableName,
        '--endpoint',
        process.env.DYNAMODB_ENDPOINT as string,
        '--json',
      ],
      { cwd: root },
    );
    const report = JSON.parse(stdout) as { drifts: { sessionId: string; outcome: string }[] };
    expect(report.drifts).toContainEqual({
      sessionId: s.sessionId,
      held: 0,
      confirmed: 2,
      outcome: 'corrected',
    });
    await matchesBookings(s.sessionId);
  });

  it('leaves every session consistent by the invariant checker', async () => {
    await expectInvariantsHold(c.tableName);
  });
});
