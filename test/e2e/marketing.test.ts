import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { scanTable } from '../../scripts/invariants/scan.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../scripts/local/aws-local.js';
import { type ApiResponse, useLocalRuntime } from '../support/local-runtime.js';
import { berlinIn, publishedSession } from './http-world.js';

/**
 * Marketing over HTTP against the local runtime: a campaign's tracking code is unique in the
 * organization and a booking made with it shows in the campaign's results; a scheduled post is
 * published once into the local delivery log (its schedule, the jobs queue, the publisher) even
 * when its message comes twice; a social account's token is in its secret file and nowhere in the
 * table, the answers or the logs.
 */

const rt = useLocalRuntime({ env: { POWERTOOLS_LOG_LEVEL: 'INFO' } });

const ok = <T>(res: ApiResponse<T>, status = 200): T => {
  expect(res.status, res.text).toBe(status);
  return res.json;
};

/** Everything the process writes meanwhile: the functions' logs go to stdout and stderr. */
const written: string[] = [];
const capture = (stream: NodeJS.WriteStream) =>
  vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  });

const token = `tok-${randomBytes(16).toString('hex')}`;
const rotated = `tok-${randomBytes(16).toString('hex')}`;
let owner: string;
let orgId: string;
let eventId: string;
let sessionId: string;
let accountId: string;
const campaigns = () => `/v1/orgs/${orgId}/events/${eventId}/campaigns`;

beforeAll(async () => {
  capture(process.stdout);
  capture(process.stderr);
  owner = await rt.mintToken({ sub: 'mk-owner', email: 'owner@mk.example', name: 'Owner' });
  ({ orgId, eventId, sessionId } = await publishedSession(rt, owner, {
    orgName: 'Marketing',
    event: { title: 'Gala', defaultCapacity: 20, price: { kind: 'free' } },
    session: { startsAt: berlinIn(24 * 60) },
  }));
  ({ accountId } = ok(
    await rt.call<{ accountId: string }>('POST', `/v1/orgs/${orgId}/social-accounts`, {
      token: owner,
      body: { platform: 'instagram', handle: '@gala', displayName: 'Gala', accessToken: token },
    }),
    201,
  ));
});

afterAll(() => {
  vi.restoreAllMocks();
});

describe('marketing over HTTP', () => {
  it('refuses a tracking code twice, and counts the bookings made with it in the results', async () => {
    const body = {
      name: 'Spring',
      channel: 'social',
      startsAt: '2030-01-01T00:00:00Z',
      endsAt: '2030-02-01T00:00:00Z',
      budget: { amountMinor: 10000, currency: 'EUR' },
      goal: { bookings: 10 },
      trackingCode: 'spring-gala',
    };
    const campaign = ok(
      await rt.call<{ campaignId: string; trackingCode: string }>('POST', campaigns(), {
        token: owner,
        body,
      }),
      201,
    );
    expect(campaign.trackingCode).toBe('SPRING-GALA');
    const twice = await rt.call<{ code: string }>('POST', campaigns(), {
      token: owner,
      body: { ...body, trackingCode: 'SPRING-gala' },
    });
    expect(twice.status, twice.text).toBe(409);
    expect(twice.json.code).toBe('TRACKING_CODE_TAKEN');
    const backwards = await rt.call('POST', campaigns(), {
      token: owner,
      body: { ...body, trackingCode: undefined, endsAt: body.startsAt },
    });
    expect(backwards.status).toBe(422);

    for (const [who, trackingCode] of [
      ['ada', 'Spring-Gala'],
      ['ben', undefined],
    ] as const) {
      const guest = await rt.mintToken({ sub: `mk-${who}`, email: `${who}@mk.example`, name: who });
      const me = ok(
        await rt.call<{ attendeeId: string }>('POST', `/v1/orgs/${orgId}/me`, {
          token: guest,
          body: { firstName: who, lastName: 'Guest' },
        }),
      );
      const booking = await rt.call('POST', `/v1/orgs/${orgId}/sessions/${sessionId}/bookings`, {
        token: guest,
        body: { attendeeId: me.attendeeId, seats: 2, trackingCode },
      });
      expect(booking.status, booking.text).toBe(201);
    }
    const results = ok(
      await rt.call<{
        bookings: { total: number; byStatus: Record<string, number>; places: number };
        cost: unknown;
        costPerBooking: unknown;
      }>('GET', `${campaigns()}/${campaign.campaignId}/results`, { token: owner }),
    );
    expect(results.bookings).toEqual({ total: 1, byStatus: { confirmed: 1 }, places: 2 });
    expect(results.cost).toEqual([{ amountMinor: 10000, currency: 'EUR' }]);
    expect(results.costPerBooking).toEqual([{ amountMinor: 10000, currency: 'EUR' }]);
  });

  it('publishes a scheduled post once into the delivery log, even when its schedule fires twice', async () => {
    const { campaignId } = ok(
      await rt.call<{ campaignId: string }>('POST', campaigns(), {
        token: owner,
        body: {
          name: 'Launch',
          channel: 'social',
          startsAt: '2030-01-01T00:00:00Z',
          endsAt: '2030-02-01T00:00:00Z',
          budget: { amountMinor: 0, currency: 'EUR' },
        },
      }),
      201,
    );
    const path = `${campaigns()}/${campaignId}`;
    ok(await rt.call('POST', `${path}/status`, { token: owner, body: { status: 'active' } }));
    const post = ok(
      await rt.call<{ postId: string; status: string; trackedLink: string; scheduledAt: string }>(
        'POST',
        `${path}/posts`,
        {
          token: owner,
          body: {
            accountId,
            text: 'Doors open at six',
            link: 'https://example.com/gala?lang=en',
            scheduledAt: new Date(Date.now() + 2_000).toISOString(),
          },
        },
      ),
      201,
    );
    expect(post.status).toBe('scheduled');
    expect(post.trackedLink).toMatch(/^https:\/\/example\.com\/gala\?lang=en&trackingCode=MK-[A-Z0-9]{8}$/);

    const postPath = `${path}/posts/${post.postId}`;
    const published = async () => {
      await vi.waitFor(
        async () =>
          expect((await rt.call<{ status: string }>('GET', postPath, { token: owner })).json.status).toBe(
            'published',
          ),
        { timeout: 25_000, interval: 200 },
      );
      return ok(await rt.call<{ updatedAt: string }>('GET', postPath, { token: owner }));
    };
    const first = await published();

    // The schedule's message again, as a second firing would deliver it.
    const sqs = new SQSClient({
      endpoint: rt.runtime.sqsEndpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    const jobs = rt.runtime.queueUrls.jobs;
    const message = {
      type: 'post.publish',
      orgId,
      eventId,
      campaignId,
      postId: post.postId,
      scheduledFor: post.scheduledAt,
    };
    await sqs.send(new SendMessageCommand({ QueueUrl: jobs, MessageBody: JSON.stringify(message) }));
    await vi.waitFor(
      async () => {
        const { Attributes = {} } = await sqs.send(
          new GetQueueAttributesCommand({
            QueueUrl: jobs,
            AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
          }),
        );
        expect(
          Number(Attributes.ApproximateNumberOfMessages) +
            Number(Attributes.ApproximateNumberOfMessagesNotVisible),
        ).toBe(0);
      },
      { timeout: 15_000, interval: 200 },
    );
    expect((await published()).updatedAt).toBe(first.updatedAt);
    const log = ok(
      await rt.call<{ items: { type: string; notificationId: string; to: string; text: string }[] }>(
        'GET',
        '/local/outbox?limit=200',
      ),
    );
    const lines = log.items.filter((d) => d.type === 'marketing.post' && d.notificationId === post.postId);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.to).toBe('@gala');
    expect(lines[0]?.text).toContain(post.trackedLink);
  });

  it('keeps the token in its secret only: not in the table, the answers or the logs; rotated and deleted with the account', async () => {
    const account = `/v1/orgs/${orgId}/social-accounts/${accountId}`;
    const read = ok(await rt.call<{ last4: string }>('GET', account, { token: owner }));
    expect(read.last4).toBe(token.slice(-4));
    const after = ok(
      await rt.call<Record<string, unknown>>('PUT', `${account}/token`, {
        token: owner,
        body: { accessToken: rotated },
      }),
    );
    expect(after.last4).toBe(rotated.slice(-4));
    expect(JSON.stringify(after)).not.toContain(rotated);

    const dir = process.env.SOCIAL_TOKENS_DIR ?? '';
    expect(await readdir(dir)).toHaveLength(1);
    const table = JSON.stringify(
      await scanTable({ tableName: rt.runtime.tableName, endpoint: rt.runtime.dynamoEndpoint }),
    );
    expect(table).toContain(accountId);
    for (const secret of [token, rotated]) {
      expect(table).not.toContain(secret);
      expect(written.join('')).not.toContain(secret);
    }
    expect(written.join('')).toContain('post publish handled');

    expect((await rt.call('DELETE', account, { token: owner })).status).toBe(204);
    expect(await readdir(dir)).toHaveLength(0);
  });
});
