import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import { auditSummarySchema } from '../../functions/modules/audit/contracts/audit-summaries.js';
import { sessionOutcomeEntity } from '../../functions/modules/forecasts/adapters/entities/session-outcome.js';
import { sessionForecastSchema } from '../../functions/modules/forecasts/contracts/forecasts.js';
import { type ApiResponse, useLocalRuntime } from '../support/local-runtime.js';

/**
 * The nightly run through the local runtime as it runs in AWS: a tick put on the nightly queue is
 * consumed by the nightly function, which fans out over the organization's sessions; then the
 * day's audit summary and the session's forecast are read over HTTP by the owner, with the
 * documented schemas, and the waitlist's estimate of a full session comes from the forecast.
 * The organization's history of ended sessions is written to the table first (no session can
 * be created in the past).
 */

const ok = <T>(res: ApiResponse<T>, status: number): T => {
  expect(res.status, res.text).toBe(status);
  return res.json;
};

describe('nightly run over the local runtime', () => {
  const rt = useLocalRuntime();
  const today = new Date().toISOString().slice(0, 10);
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const inThreeDays = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 16);

  it('a tick on the nightly queue writes the day summary and the forecasts the API and the waitlist show', async () => {
    const token = await rt.mintToken({ sub: 'night-owner', email: 'owner@night.example', name: 'Owner' });
    const post = async <T>(path: string, body: unknown, status = 201) =>
      ok(await rt.call<T>('POST', path, { token, body }), status);
    const { orgId } = await post<{ orgId: string }>('/v1/orgs', { name: 'Night' });
    const org = `/v1/orgs/${orgId}`;
    const venue = await post<{ venueId: string; rooms: { roomId: string }[] }>(`${org}/venues`, {
      name: 'Hall',
      address: 'Uferstraße 12',
      city: 'Berlin',
      timezone: 'Europe/Berlin',
      rooms: [{ name: 'Main', capacity: 50 }],
    });
    const { eventId } = await post<{ eventId: string }>(`${org}/events`, {
      venueId: venue.venueId,
      title: 'Every night',
      defaultCapacity: 1,
    });
    const { sessions } = await post<{ sessions: { sessionId: string }[] }>(
      `${org}/events/${eventId}/sessions`,
      {
        startsAt: inThreeDays,
        roomId: venue.rooms[0]?.roomId,
        capacity: 1,
      },
    );
    const sessionId = sessions[0]?.sessionId as string;
    await post(`${org}/events/${eventId}/status`, { status: 'published' }, 200);
    const person = async (name: string) =>
      (
        await post<{ attendeeId: string }>(`${org}/attendees`, {
          firstName: name,
          lastName: 'N',
          email: `${name}@night.example`,
        })
      ).attendeeId;
    await post(`${org}/sessions/${sessionId}/bookings`, { attendeeId: await person('ann') });
    const entry = await post<{ entryId: string }>(`${org}/sessions/${sessionId}/waitlist`, {
      attendeeId: await person('bob'),
    });

    // The history: sixty ended sessions of the event, half full, each offering its waitlist places.
    const db = createDocumentClient({ region: 'us-east-1', endpoint: rt.runtime.dynamoEndpoint });
    for (let i = 0; i < 60; i += 1) {
      const outcome = {
        sessionId: `ses_past${String(i).padStart(16, '0')}`,
        eventId,
        venueId: venue.venueId,
        startsAt: new Date(Date.now() - (i + 2) * 86_400_000).toISOString(),
        weekday: i % 7,
        capacity: 20,
        confirmedPlaces: 10 + (i % 3),
        admittedPlaces: 8,
        waitlistJoined: 4,
        waitlistBooked: 2,
        waitMinutes: [
          { minutes: 40, position: 1 },
          { minutes: 90, position: 2 },
        ],
      };
      const { Item } = sessionOutcomeEntity
        .put({ orgId, sessionId: outcome.sessionId, outcome: JSON.stringify(outcome), recordedAt: today })
        .params<{ Item: Record<string, unknown> }>();
      await db.send(new PutCommand({ TableName: rt.runtime.tableName, Item }));
    }

    const sqs = new SQSClient({
      region: 'us-east-1',
      endpoint: rt.runtime.sqsEndpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: rt.runtime.queueUrls.nightly,
        MessageBody: JSON.stringify({ type: 'nightly.tick', night: tomorrow }),
      }),
    );

    // The run ends with the day's summary: every booking step of today, by kind and actor.
    const summaryPath = `${org}/audit/summaries/${today}`;
    await vi.waitFor(async () => expect((await rt.call('GET', summaryPath, { token })).status).toBe(200), {
      timeout: 30_000,
      interval: 200,
    });
    const summary = auditSummarySchema.parse(ok(await rt.call('GET', summaryPath, { token }), 200));
    expect(summary.byKind['booking.confirmed']).toBe(1);
    expect(summary.byActor['night-owner']).toBe(summary.total);

    const forecast = sessionForecastSchema.parse(
      ok(await rt.call('GET', `${org}/sessions/${sessionId}/forecast`, { token }), 200),
    );
    expect(forecast.night).toBe(tomorrow);
    for (const figure of Object.values(forecast.forecast.figures)) {
      expect(figure.low).toBeLessThanOrEqual(figure.value);
      expect(figure.value).toBeLessThanOrEqual(figure.high);
    }
    expect(forecast.forecast.basis.fillRate.sessions).toBeGreaterThan(0);

    // The waiting entry's estimates now come from the forecast.
    const view = ok(
      await rt.call<{
        rank: number;
        estimatedWaitMinutes: number;
        chanceOfPlace: number;
        estimateBasis: string;
      }>('GET', `${org}/waitlist/${entry.entryId}`, { token }),
      200,
    );
    expect(view).toMatchObject({ rank: 1, estimateBasis: 'forecast' });
    expect(view.estimatedWaitMinutes).toBeGreaterThan(0);
    expect(view.chanceOfPlace).toBeGreaterThan(0);
    expect(view.chanceOfPlace).toBeLessThanOrEqual(1);
    sqs.destroy();
  }, 60_000);
});
