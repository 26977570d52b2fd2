import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import type { Deps } from '../../functions/kernel/domain/deps.js';
import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import { readAuditSummary } from '../../functions/modules/audit/domain/audit-summary.js';
import { book } from '../../functions/modules/bookings/domain/bookings.js';
import { updateEvent } from '../../functions/modules/catalog/domain/events.js';
import { readSessionForecast } from '../../functions/modules/forecasts/domain/forecast-read.js';
import { driveNight } from '../../scripts/nightly/drive-night.js';
import { bookingWorld, counterOf, cutOffBooking, owner } from './booking-world.js';
import { freshContainer } from './fixtures.js';
import { expectInvariantsHold } from './invariants-script.js';

/**
 * The nightly run end to end on DynamoDB Local (docs/nightly.md), driven message by message as the
 * nightly function runs them: a planted counter drift is found, reported and repaired while
 * bookings race it; ended sessions become history, the next night's model forecasts the upcoming
 * ones; the day's audit summary counts the bookings' steps; a replayed tick adds nothing.
 * Plain writes plant the drift: no ElectroDB service of a second client in this file.
 */
describe('nightly run', () => {
  let c: Container & { tableName: string };
  let w: Awaited<ReturnType<typeof bookingWorld>>;
  const raw = () => createDocumentClient({ region: 'eu-west-1', endpoint: process.env.DYNAMODB_ENDPOINT });
  /** The world's deps with the clock at `at` (sessions are in January 2030). */
  const at = (iso: string): Deps => ({ ...c.deps, clock: { now: () => new Date(iso) } });
  const today = new Date().toISOString().slice(0, 10);
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const dayAfter = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  let ended: string[];
  let drifting: string;
  let near: string;
  let far: string;
  /** Sessions of 4 to 19 January, 20 places each. */
  const later: string[] = [];

  const itemsUnder = async (pk: string) => {
    const { Items = [] } = await raw().send(
      new QueryCommand({
        TableName: c.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ConsistentRead: true,
      }),
    );
    return Items;
  };

  beforeAll(async () => {
    // A 5-day horizon: the session on 3 January is forecast on the 3rd, the one on the 19th is not.
    c = await freshContainer({ NIGHTLY_FORECAST_DAYS: '5' });
    w = await bookingWorld(c);
    ended = [];
    for (const capacity of [10, 20]) {
      const s = await w.session(w.freeEventId, 'general', capacity);
      ended.push(s.sessionId);
      for (let i = 0; i < capacity / 2; i += 1)
        await book(c.deps, owner, w.orgId, s.sessionId, { attendeeId: w.ada });
    }
    drifting = (await w.session(w.freeEventId, 'general', 20)).sessionId;
    for (let i = 0; i < 3; i += 1) await book(c.deps, owner, w.orgId, drifting, { attendeeId: w.ada });
    await cutOffBooking(c, w.orgId, drifting, 2, new Date('2026-01-01T00:00:00.000Z'));
    near = drifting;
    for (let day = 4; day < 20; day += 1)
      later.push((await w.session(w.freeEventId, 'general', 20)).sessionId);
    far = later.at(-1) as string;
  });

  it('recounts, records and summarizes the first night; bookings racing the repair keep the invariants', async () => {
    // The bookings and the night share one clock, as in AWS: a racing booking's claim is young.
    const night2am = at('2030-01-03T02:00:00Z');
    const racing = Array.from({ length: 6 }, () =>
      book(night2am, owner, w.orgId, drifting, { attendeeId: w.ada }).then(
        () => 'booked',
        (err: { code?: string }) => err.code ?? String(err),
      ),
    );
    const night = await driveNight(night2am, { night: tomorrow });
    const outcomes = await Promise.all(racing);
    expect(outcomes.every((o) => o === 'booked' || o === 'TEMPORARILY_UNAVAILABLE')).toBe(true);

    const chunks = night.outcomes.flatMap((o) =>
      o.type === 'nightly.sessions' && o.result ? [o.result] : [],
    );
    const drifts = chunks.flatMap((r) => r.drifts);
    expect(drifts).toHaveLength(1);
    expect(drifts[0]).toMatchObject({ sessionId: drifting, held: 0, confirmed: 2 });
    // A booking racing the recount may make it wait (`moved`, `in-flight`) for the next one.
    if (drifts[0]?.outcome !== 'corrected') {
      expect(['moved', 'in-flight']).toContain(drifts[0]?.outcome);
      await driveNight(night2am, { night: '2031-01-01' });
    }
    const counter = await counterOf(c, w.orgId, drifting);
    expect({ held: counter.held, confirmed: counter.confirmed }).toEqual(
      await c.deps.bookings.liveSeats(w.orgId, drifting),
    );
    expect(await itemsUnder(`${w.orgId}#session#${drifting}#claims`)).toEqual([]);
    await expectInvariantsHold(c.tableName);

    // Ended sessions became history, with what they taught.
    const history = await c.deps.forecasts.outcomes(w.orgId);
    expect(history.map((o) => o.sessionId).sort()).toEqual([...ended].sort());
    expect(history.find((o) => o.sessionId === ended[0])).toMatchObject({ capacity: 10, confirmedPlaces: 5 });
    // No history before this night: no model, so no forecast yet.
    expect(chunks.reduce((n, r) => n + r.forecasts, 0)).toBe(0);

    // The day's audit summary: every booking step of today, by kind and actor.
    const summary = await readAuditSummary(c.deps, owner, { orgId: w.orgId, day: today });
    expect(summary.byKind['booking.confirmed']).toBeGreaterThanOrEqual(5 + 10 + 3);
    expect(summary.byActor[owner.sub]).toBe(summary.total);
    expect(summary.byActorAndKind[owner.sub]).toEqual(summary.byKind);
    const run = await c.deps.nightlyRuns.get(w.orgId, tomorrow);
    expect(run).toMatchObject({ phase: 'done', walked: true, sessions: 19, trainedOn: 0 });
    expect(run?.chunksDone).toBe(run?.chunksSent);
  });

  it('forecasts the next night from the recorded history, within the horizon only', async () => {
    const night = await driveNight(at('2030-01-03T02:00:00Z'), { night: dayAfter });
    const chunks = night.outcomes.flatMap((o) =>
      o.type === 'nightly.sessions' && o.result ? [o.result] : [],
    );
    expect(chunks.reduce((n, r) => n + r.forecasts, 0)).toBeGreaterThan(0);
    const view = await readSessionForecast(c.deps, owner, { orgId: w.orgId, sessionId: near });
    expect(view.night).toBe(dayAfter);
    const fill = view.forecast.figures.fillRate;
    expect(fill.low).toBeLessThanOrEqual(fill.value);
    expect(fill.value).toBeLessThanOrEqual(fill.high);
    // Both ended sessions were half full: the forecast says about that.
    expect(fill.value).toBeGreaterThan(0.2);
    expect(fill.value).toBeLessThan(0.8);
    await expect(
      readSessionForecast(c.deps, owner, { orgId: w.orgId, sessionId: far }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await c.deps.nightlyRuns.get(w.orgId, dayAfter))?.trainedOn).toBe(2);
  });

  it('a replayed tick does no work twice: no forecast, outcome, chunk or summary rewritten', async () => {
    const before = {
      forecast: await itemsUnder(`${w.orgId}#session#${near}#forecast`),
      outcomes: await itemsUnder(`${w.orgId}#forecast#outcomes`),
      chunks: await itemsUnder(`${w.orgId}#nightly#${dayAfter}`),
      summaries: await itemsUnder(`${w.orgId}#audit#summaries`),
      run: await c.deps.nightlyRuns.get(w.orgId, dayAfter),
    };
    const replay = await driveNight(at('2030-01-03T03:00:00Z'), { night: dayAfter });
    expect(replay.outcomes.filter((o) => o.type === 'nightly.sessions')).toEqual([]);
    expect(replay.outcomes.filter((o) => o.type === 'nightly.org')).toEqual([
      { type: 'nightly.org', step: 'skipped' },
    ]);
    expect({
      forecast: await itemsUnder(`${w.orgId}#session#${near}#forecast`),
      outcomes: await itemsUnder(`${w.orgId}#forecast#outcomes`),
      chunks: await itemsUnder(`${w.orgId}#nightly#${dayAfter}`),
      summaries: await itemsUnder(`${w.orgId}#audit#summaries`),
      run: await c.deps.nightlyRuns.get(w.orgId, dayAfter),
    }).toEqual(before);
  });

  it('a chunk delivered twice is counted once, and a step delivered late changes nothing', async () => {
    const night = '2030-02-01';
    const d = at('2030-01-03T04:00:00Z');
    const sent: unknown[] = [];
    const capture = { ...d, nightlyQueue: { send: async (ms: readonly unknown[]) => void sent.push(...ms) } };
    const { runNightlyMessage } = await import('../../functions/modules/nightly/domain/nightly-message.js');
    await runNightlyMessage(capture, { type: 'nightly.org', orgId: w.orgId, night, step: 0 });
    await runNightlyMessage(capture, { type: 'nightly.org', orgId: w.orgId, night, step: 1 });
    const chunk = sent.find((m) => (m as { type: string }).type === 'nightly.sessions');
    if (!chunk) throw new Error('no chunk sent');
    const first = await runNightlyMessage(capture, chunk as Parameters<typeof runNightlyMessage>[1]);
    const again = await runNightlyMessage(capture, chunk as Parameters<typeof runNightlyMessage>[1]);
    expect(first).toMatchObject({ type: 'nightly.sessions', result: { sessions: expect.any(Number) } });
    expect(again).toEqual({ type: 'nightly.sessions', result: undefined });
    expect((await c.deps.nightlyRuns.get(w.orgId, night))?.chunksDone).toBe(1);
    // Step 0 again, after the run moved past it: nothing runs, nothing is sent.
    const count = sent.length;
    expect(await runNightlyMessage(capture, { type: 'nightly.org', orgId: w.orgId, night, step: 0 })).toEqual(
      {
        type: 'nightly.org',
        step: 'skipped',
      },
    );
    expect(sent.length).toBe(count);
  });

  it('overbooks by the no-shows forecast when the event allows it, never beyond the room, and takes it back', async () => {
    const event = await c.deps.events.get(w.orgId, w.freeEventId);
    if (!event) throw new Error('no event');
    // A history of full sessions of this event where 30% of the places never came to the door.
    for (let i = 0; i < 30; i += 1) {
      await c.deps.forecasts.putOutcome(
        w.orgId,
        {
          sessionId: `ses_hist${String(i).padStart(16, '0')}`,
          eventId: w.freeEventId,
          venueId: event.venueId,
          startsAt: new Date(Date.UTC(2029, 10, 1 + i, 18)).toISOString(),
          weekday: (1 + i) % 7,
          capacity: 20,
          confirmedPlaces: 20,
          admittedPlaces: 14,
          waitlistJoined: 0,
          waitlistBooked: 0,
          waitMinutes: [],
        },
        '2029-12-31T00:00:00.000Z',
      );
    }
    // The room holds 100: a session of 100 places has no room to overbook.
    const roomSized = (await w.session(w.freeEventId, 'general', 100)).sessionId;
    const jan16 = at('2030-01-16T02:00:00Z');
    const capacityOf = async (sessionId: string) => {
      const s = await c.deps.sessions.get(w.orgId, sessionId);
      const counter = await counterOf(c, w.orgId, sessionId);
      return { capacity: s?.capacity, overbooked: s?.overbooked, counter: counter.capacity };
    };

    // Off by default: the forecast alone changes nothing.
    await driveNight(jan16, { night: '2030-03-01' });
    expect(await capacityOf(later[12] as string)).toEqual({ capacity: 20, overbooked: 0, counter: 20 });

    await updateEvent(c.deps, owner, w.orgId, w.freeEventId, { settings: { overbookingPercent: 10 } });
    const on = await driveNight(jan16, { night: '2030-03-02' });
    const changed = on.outcomes.flatMap((o) => (o.type === 'nightly.sessions' && o.result ? [o.result] : []));
    // 16 to 19 January (within the 5-day horizon): 10% of 20 places, under the forecast's 30%.
    expect(changed.reduce((n, r) => n + r.overbookings, 0)).toBe(4);
    for (const id of later.slice(12))
      expect(await capacityOf(id)).toEqual({ capacity: 22, overbooked: 2, counter: 22 });
    expect(await capacityOf(roomSized)).toEqual({ capacity: 100, overbooked: 0, counter: 100 });
    // Beyond the horizon: not overbooked.
    expect(await capacityOf(later[10] as string)).toEqual({ capacity: 20, overbooked: 0, counter: 20 });
    await expectInvariantsHold(c.tableName);

    // Turned off: the added places go while unbooked.
    await updateEvent(c.deps, owner, w.orgId, w.freeEventId, { settings: { overbookingPercent: 0 } });
    await driveNight(jan16, { night: '2030-03-03' });
    for (const id of later.slice(12))
      expect(await capacityOf(id)).toEqual({ capacity: 20, overbooked: 0, counter: 20 });
    await expectInvariantsHold(c.tableName);
  });
});
