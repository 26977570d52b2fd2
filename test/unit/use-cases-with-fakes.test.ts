import { describe, expect, it } from 'vitest';
import type { Clock, DeletionStore, JobMessage, JobQueue } from '../../functions/kernel/domain/deps.js';
import type { DomainEvent } from '../../functions/kernel/domain/domain-event.js';
import { requestDeletion } from '../../functions/modules/deletions/domain/deletions.js';
import type { Deletion } from '../../functions/modules/deletions/domain/model.js';
import type { EventBus } from '../../functions/modules/notifications/domain/domain-events.js';
import { relayItem } from '../../functions/modules/notifications/domain/outbox-relay.js';
import type {
  NotificationStore,
  OutboxPublisher,
  PendingOutboxItem,
} from '../../functions/modules/notifications/domain/ports.js';
import { fake } from '../support/fake.js';

/** Use cases take only the ports they use: each test hands over those few, as fakes. */

const clock: Clock = { now: () => new Date('2030-01-10T12:00:00Z') };

describe('requestDeletion (ports: deletions, jobs, clock)', () => {
  it('records the deletion once and hands it to the jobs queue; a repeat re-sends the job', async () => {
    const stored = new Map<string, Deletion>();
    const deletions = fake<DeletionStore>({
      createIfAbsent: async (d) => {
        const existing = stored.get(d.targetId);
        if (existing) return existing;
        stored.set(d.targetId, d);
        return d;
      },
    });
    const sent: JobMessage[] = [];
    const jobs: JobQueue = { send: async (job) => void sent.push(job) };
    const first = await requestDeletion(
      { deletions, jobs, clock },
      'org_a',
      { kind: 'event', id: 'evt_1' },
      'u1',
    );
    const again = await requestDeletion(
      { deletions, jobs, clock },
      'org_a',
      { kind: 'event', id: 'evt_1' },
      'u2',
    );
    expect(first).toMatchObject({ targetId: 'evt_1', kind: 'event', status: 'running', requestedBy: 'u1' });
    expect(first.requestedAt).toBe('2030-01-10T12:00:00.000Z');
    // The second request finds the first deletion (not a second one) and restarts its job.
    expect(again).toBe(first);
    expect(sent).toEqual([
      { type: 'catalog.delete', orgId: 'org_a', targetId: 'evt_1' },
      { type: 'catalog.delete', orgId: 'org_a', targetId: 'evt_1' },
    ]);
  });
});

describe('relayItem, the stream relay of one new outbox item (ports: notifications, outbox, eventBus, clock)', () => {
  const eventBus = fake<EventBus>({});
  const committed = { orgId: 'org_a', sessionId: 'ses_a', at: '2030-01-10T12:00:00.000Z' };
  const notification: PendingOutboxItem = {
    ...committed,
    messageId: 'notify#1',
    kind: 'notification',
    type: 'booking.confirmed',
    dueAt: '2030-01-10T12:05:00.000Z',
    handoffs: 1,
  };

  it('hands a notification to the notifications queue; its commit recorded the hand-off', async () => {
    const published: string[] = [];
    const outbox = fake<OutboxPublisher>({
      publishNotification: async (ref) => void published.push(ref.messageId),
    });
    const outcome = await relayItem(
      { notifications: fake<NotificationStore>({}), outbox, eventBus, clock },
      notification,
    );
    expect(outcome).toBe('notification');
    expect(published).toEqual(['notify#1']);
  });

  it('a failed send makes the item due for the sweep at once, and fails the record', async () => {
    const failed: string[] = [];
    const notifications = fake<NotificationStore>({
      handoffFailed: async (ref, now) => void failed.push(`${ref.messageId}@${now}`),
    });
    const outbox = fake<OutboxPublisher>({
      publishNotification: async () => {
        throw new Error('queue unavailable');
      },
    });
    await expect(relayItem({ notifications, outbox, eventBus, clock }, notification)).rejects.toThrow(
      'queue unavailable',
    );
    expect(failed).toEqual(['notify#1@2030-01-10T12:00:00.000Z']);
  });

  it('publishes capacity.released to the holds queue, then marks the item consumed', async () => {
    const steps: string[] = [];
    const notifications = fake<NotificationStore>({
      markConsumed: async (ref) => {
        steps.push(`consumed ${ref.messageId}`);
        return true;
      },
    });
    const outbox = fake<OutboxPublisher>({
      publishCapacityReleased: async (s) => void steps.push(`published ${s.orgId}/${s.sessionId}`),
    });
    const event: PendingOutboxItem = {
      ...committed,
      messageId: 'capacity-released#k',
      kind: 'domain-event',
      type: 'capacity.released',
      dueAt: committed.at,
      handoffs: 0,
    };
    expect(await relayItem({ notifications, outbox, eventBus, clock }, event)).toBe('event');
    expect(steps).toEqual(['published org_a/ses_a', 'consumed capacity-released#k']);
  });

  const confirmed: DomainEvent = {
    id: 'event#booking.confirmed#bkg_1#confirmed',
    type: 'booking.confirmed',
    version: 1,
    orgId: 'org_a',
    occurredAt: committed.at,
    subject: { type: 'booking', id: 'bkg_1' },
    data: { bookingId: 'bkg_1' },
  };
  const publicEvent: PendingOutboxItem = {
    ...committed,
    messageId: confirmed.id,
    kind: 'domain-event',
    type: 'booking.confirmed',
    dueAt: committed.at,
    handoffs: 0,
    payload: JSON.stringify(confirmed),
  };

  it('publishes a public domain event to the event bus (the event itself), then marks it consumed', async () => {
    const steps: string[] = [];
    const notifications = fake<NotificationStore>({
      markConsumed: async (ref) => {
        steps.push(`consumed ${ref.messageId}`);
        return true;
      },
    });
    const bus: EventBus = {
      publish: async (events) => void steps.push(...events.map((e) => `published ${e.id}`)),
    };
    const outcome = await relayItem(
      { notifications, outbox: fake<OutboxPublisher>({}), eventBus: bus, clock },
      publicEvent,
    );
    expect(outcome).toBe('event');
    expect(steps).toEqual([`published ${confirmed.id}`, `consumed ${confirmed.id}`]);
  });

  it('a bus that refuses the event leaves the item pending (not consumed) and fails the record', async () => {
    const bus: EventBus = {
      publish: async () => {
        throw new Error('bus unavailable');
      },
    };
    // markConsumed is not given: the fake throws if the relay calls it.
    await expect(
      relayItem(
        {
          notifications: fake<NotificationStore>({}),
          outbox: fake<OutboxPublisher>({}),
          eventBus: bus,
          clock,
        },
        publicEvent,
      ),
    ).rejects.toThrow('bus unavailable');
  });
});
