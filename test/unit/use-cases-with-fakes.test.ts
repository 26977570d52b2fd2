import { describe, expect, it } from 'vitest';
import type {
  Clock,
  DeletionStore,
  JobMessage,
  JobQueue,
  Telemetry,
} from '../../functions/kernel/domain/deps.js';
import { requestDeletion } from '../../functions/modules/deletions/domain/deletions.js';
import type { Deletion } from '../../functions/modules/deletions/domain/model.js';
import { relayAfterCommit } from '../../functions/modules/notifications/domain/fast-path.js';
import type {
  NotificationStore,
  OutboxPublisher,
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

describe('relayAfterCommit (ports: notifications, outbox, clock, telemetry)', () => {
  const commit = { orgId: 'org_a', sessionId: 'ses_a', at: '2030-01-10T12:00:00.000Z' };

  it('hands each pending item of the commit to its queue', async () => {
    const published: string[] = [];
    const notifications = fake<NotificationStore>({
      listPendingAt: async () => [
        {
          ...commit,
          messageId: 'notify#1',
          kind: 'notification',
          type: 'booking.confirmed',
          dueAt: commit.at,
          handoffs: 1,
        },
      ],
    });
    const outbox = fake<OutboxPublisher>({
      publishNotification: async (ref) => void published.push(ref.messageId),
    });
    const telemetry = fake<Telemetry>({});
    await relayAfterCommit({ notifications, outbox, clock, telemetry }, commit);
    expect(published).toEqual(['notify#1']);
  });

  it('reports a failure through telemetry instead of failing the use case: the sweep relays later', async () => {
    const warnings: { message: string; fields: Record<string, unknown> }[] = [];
    const notifications = fake<NotificationStore>({
      listPendingAt: async () => {
        throw new Error('table unavailable');
      },
    });
    const telemetry: Telemetry = { warn: (message, fields) => void warnings.push({ message, fields }) };
    await expect(
      relayAfterCommit({ notifications, outbox: fake<OutboxPublisher>({}), clock, telemetry }, commit),
    ).resolves.toBeUndefined();
    expect(warnings).toEqual([
      {
        message: 'outbox fast path failed; the sweep will relay these items',
        fields: expect.objectContaining({ orgId: 'org_a', sessionId: 'ses_a' }),
      },
    ]);
  });
});
