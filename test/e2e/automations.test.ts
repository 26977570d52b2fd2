import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DomainEvent } from '../../functions/kernel/domain/domain-event.js';
import { automationMessageOf } from '../../functions/modules/automations/contracts/messages.js';
import { useLocalRuntime } from '../support/local-runtime.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';
import { berlinIn, publishedSession } from './http-world.js';

/**
 * Automation workflows on the local runtime: a booking's `booking.confirmed` reaches the local
 * bus, which puts it on the `automations` queue; the consumer runs the organization's workflows.
 * Delivering an event again (straight onto the queue) must run nothing twice.
 */

const rt = useLocalRuntime();

interface Workflow {
  workflowId: string;
  status: string;
  pausedReason: string | null;
  consecutiveFailures: number;
}
interface Run {
  runId: string;
  eventId: string;
  status: string;
  reason: string | null;
  results: { type: string; status: string; detail: string | null }[];
}

let owner: string;
let orgId: string;
let eventId: string;
let sessionId: string;
let receiver: WebhookReceiver;
let sqs: SQSClient;

const automations = () => `/v1/orgs/${orgId}/automations`;

const createWorkflow = async (body: Record<string, unknown>) => {
  const created = await rt.call<Workflow>('POST', automations(), { token: owner, body });
  expect(created.status, created.text).toBe(201);
  return created.json;
};

const runsOf = async (workflowId: string) => {
  const runs = await rt.call<{ items: Run[] }>('GET', `${automations()}/${workflowId}/runs?limit=100`, {
    token: owner,
  });
  expect(runs.status, runs.text).toBe(200);
  return runs.json.items;
};

/** Puts an event on the automations queue as the bus's rule does. */
const deliver = async (event: DomainEvent) => {
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: rt.runtime.queueUrls.automations,
      MessageBody: automationMessageOf(JSON.stringify(event)),
    }),
  );
};

const book = async (lastName: string) => {
  const attendee = await rt.call<{ attendeeId: string }>('POST', `/v1/orgs/${orgId}/attendees`, {
    token: owner,
    body: { firstName: 'Ada', lastName },
  });
  const booking = await rt.call<{ bookingId: string; status: string }>(
    'POST',
    `/v1/orgs/${orgId}/sessions/${sessionId}/bookings`,
    { token: owner, body: { attendeeId: attendee.json.attendeeId, seats: 2 } },
  );
  expect(booking.json.status, booking.text).toBe('confirmed');
  return { attendeeId: attendee.json.attendeeId, bookingId: booking.json.bookingId };
};

/** The booking's event as the local bus published it. */
const publishedEvent = async (bookingId: string): Promise<DomainEvent> => {
  let found: DomainEvent | undefined;
  await vi.waitFor(
    async () => {
      const log = await rt.call<{ items: { detail: DomainEvent }[] }>('GET', '/local/events?limit=1000');
      found = log.json.items.map((i) => i.detail).find((e) => e.subject.id === bookingId);
      expect(found).toBeDefined();
    },
    { timeout: 20_000, interval: 200 },
  );
  return found as DomainEvent;
};

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  owner = await rt.mintToken({ sub: 'auto-owner', email: 'owner@auto.example', name: 'Owner' });
  ({ orgId, eventId, sessionId } = await publishedSession(rt, owner, {
    orgName: 'Automate',
    event: { title: 'Meetup', defaultCapacity: 50 },
    session: { startsAt: berlinIn(60) },
  }));
  sqs = new SQSClient({
    region: 'us-east-1',
    endpoint: rt.runtime.sqsEndpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});

afterAll(async () => {
  sqs?.destroy();
  await receiver?.close();
});

describe('automation workflows', () => {
  it('refuses a condition its trigger cannot meet and a webhook to a private host, naming the field', async () => {
    const bad = await rt.call('POST', automations(), {
      token: owner,
      body: {
        name: 'Bad',
        trigger: 'booking.confirmed',
        conditions: [{ field: 'amount', op: 'gte', value: 100 }],
        actions: [{ type: 'add_tag', tag: 'vip' }],
      },
    });
    expect(bad.status, bad.text).toBe(422);
    expect(bad.text).toContain('conditions.0.field');
    const privateHost = await rt.call('POST', automations(), {
      token: owner,
      body: {
        name: 'Bad',
        trigger: 'booking.confirmed',
        actions: [{ type: 'webhook', url: 'https://10.0.0.1/x' }],
      },
    });
    expect(privateHost.status, privateHost.text).toBe(422);
    expect(privateHost.text).toContain('actions.0.url');
  });

  it('fires on a booking and creates a task and a tag, once, even when the event is delivered twice', async () => {
    const workflow = await createWorkflow({
      name: 'Follow up groups',
      trigger: 'booking.confirmed',
      conditions: [
        { field: 'eventId', op: 'eq', value: eventId },
        { field: 'seats', op: 'gte', value: 2 },
      ],
      actions: [
        { type: 'create_task', title: 'Call about {{bookingId}}', dueInDays: 3 },
        { type: 'add_tag', tag: 'group' },
      ],
    });
    const { attendeeId, bookingId } = await book('Once');
    await vi.waitFor(async () => expect((await runsOf(workflow.workflowId))[0]?.status).toBe('succeeded'), {
      timeout: 20_000,
      interval: 200,
    });
    // The same domain event again, straight onto the automations queue: the run is found, not repeated.
    const event = await publishedEvent(bookingId);
    await deliver(event);
    const tasksPath = `/v1/orgs/${orgId}/events/${eventId}/tasks?limit=100`;
    const marker = await createWorkflow({
      name: 'Marker',
      trigger: 'booking.cancelled',
      actions: [{ type: 'add_tag', tag: 'marker' }],
    });
    // A later event behind the redelivered one on the same queue: once its run is there, the redelivery was consumed.
    await deliver({ ...event, id: `${event.id}-marker`, type: 'booking.cancelled' });
    await vi.waitFor(async () => expect(await runsOf(marker.workflowId)).toHaveLength(1), {
      timeout: 20_000,
    });
    const runs = await runsOf(workflow.workflowId);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.results.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
    const tasks = await rt.call<{ items: { title: string; dueAt: string | null }[] }>('GET', tasksPath, {
      token: owner,
    });
    expect(tasks.json.items.filter((t) => t.title === `Call about ${bookingId}`)).toHaveLength(1);
    const attendee = await rt.call<{ tags: string[] }>('GET', `/v1/orgs/${orgId}/attendees/${attendeeId}`, {
      token: owner,
    });
    expect(attendee.json.tags).toEqual(['group', 'marker']);
    // A loop: an event an action of this workflow caused runs nothing, and the run says why.
    await deliver({
      ...event,
      id: `${event.id}-caused`,
      causedBy: {
        workflowId: workflow.workflowId,
        runId: runs[0]?.runId ?? '',
        depth: 1,
        chain: [workflow.workflowId],
      },
    });
    await vi.waitFor(async () => expect(await runsOf(workflow.workflowId)).toHaveLength(2), {
      timeout: 20_000,
    });
    expect((await runsOf(workflow.workflowId)).find((r) => r.eventId === `${event.id}-caused`)).toMatchObject(
      {
        status: 'skipped',
        reason: 'loop',
      },
    );
    const after = await rt.call<{ items: unknown[] }>('GET', tasksPath, { token: owner });
    expect(after.json.items).toHaveLength(tasks.json.items.length);
  });

  it('pauses a workflow after 5 failed runs in a row; a person resumes it', async () => {
    receiver.answer = 503;
    const workflow = await createWorkflow({
      name: 'Tell the CRM',
      trigger: 'booking.confirmed',
      conditions: [{ field: 'sessionId', op: 'eq', value: sessionId }],
      actions: [{ type: 'webhook', url: receiver.url }],
    });
    const { bookingId } = await book('Failing');
    const event = await publishedEvent(bookingId);
    for (let i = 0; i < 5; i++) await deliver({ ...event, id: `${event.id}-retry-${i}` });
    const path = `${automations()}/${workflow.workflowId}`;
    await vi.waitFor(
      async () => expect((await rt.call<Workflow>('GET', path, { token: owner })).json.status).toBe('paused'),
      { timeout: 30_000, interval: 200 },
    );
    const paused = (await rt.call<Workflow>('GET', path, { token: owner })).json;
    expect(paused.pausedReason).toBe('failures');
    // The booking's own event fails too: six runs, the last perhaps already under way when the fifth paused it.
    expect(paused.consecutiveFailures).toBeGreaterThanOrEqual(5);
    const runs = await runsOf(workflow.workflowId);
    expect(runs.every((r) => r.status === 'failed')).toBe(true);
    expect(runs[0]?.results[0]?.detail).toBe('HTTP 503');
    expect(receiver.refused).toBeGreaterThanOrEqual(5);

    receiver.answer = 200;
    const secret = await rt.call<{ secret: string }>('GET', `${path}/signing-secret`, { token: owner });
    expect(secret.status, secret.text).toBe(200);
    receiver.secrets = [secret.json.secret];
    const resumed = await rt.call<Workflow>('POST', `${path}/resume`, { token: owner });
    expect(resumed.json).toMatchObject({ status: 'active', pausedReason: null, consecutiveFailures: 0 });
    await deliver({ ...event, id: `${event.id}-after` });
    await vi.waitFor(() => expect(receiver.accepted).toHaveLength(1), { timeout: 20_000, interval: 100 });
    const accepted = receiver.accepted[0];
    expect(accepted?.eventType).toBe('automation.webhook');
    expect(accepted?.verifiedWith).toEqual([secret.json.secret]);
    expect(JSON.parse(accepted?.body ?? '{}')).toMatchObject({
      workflowId: workflow.workflowId,
      event: { type: 'booking.confirmed' },
    });
  });
});
