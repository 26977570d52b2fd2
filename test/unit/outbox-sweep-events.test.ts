import { describe, expect, it } from 'vitest';
import type { Clock } from '../../functions/kernel/domain/deps.js';
import type { DomainEvent } from '../../functions/kernel/domain/domain-event.js';
import type { EventBus } from '../../functions/modules/notifications/domain/domain-events.js';
import { sweepOutbox } from '../../functions/modules/notifications/domain/outbox-relay.js';
import type {
  NotificationStore,
  OutboxPublisher,
  PendingOutboxItem,
} from '../../functions/modules/notifications/domain/ports.js';
import { fake } from '../support/fake.js';

/** The outbox sweep with public domain events while the bus is down, and once it is back (ports as fakes). */

const clock: Clock = { now: () => new Date('2030-01-10T12:10:00Z') };
const at = '2030-01-10T12:00:00.000Z';

const eventItem = (n: number): PendingOutboxItem => {
  const event: DomainEvent = {
    id: `event#session.cancelled#ses_${n}`,
    type: 'session.cancelled',
    version: 1,
    orgId: 'org_a',
    occurredAt: at,
    subject: { type: 'session', id: `ses_${n}` },
    data: { sessionId: `ses_${n}` },
  };
  return {
    orgId: 'org_a',
    sessionId: `ses_${n}`,
    at,
    messageId: event.id,
    kind: 'domain-event',
    type: event.type,
    dueAt: at,
    handoffs: 0,
    payload: JSON.stringify(event),
  };
};

const released: PendingOutboxItem = {
  orgId: 'org_a',
  sessionId: 'ses_9',
  at,
  messageId: 'capacity-released#k',
  kind: 'domain-event',
  type: 'capacity.released',
  dueAt: at,
  handoffs: 0,
};

/** A pending index of these items: due ones are listed, earliest first; consumed ones leave it. */
const world = (items: PendingOutboxItem[], bus: EventBus) => {
  const pending = new Map(items.map((i) => [i.messageId, { ...i }]));
  let reads = 0;
  const notifications = fake<NotificationStore>({
    listPending: async (dueBy, limit) => {
      reads += 1;
      return [...pending.values()]
        .filter((i) => i.dueAt <= dueBy)
        .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
        .slice(0, limit)
        .map((i) => ({ ...i }));
    },
    recordHandoff: async (item, again) => {
      const stored = pending.get(item.messageId);
      if (!stored || stored.dueAt !== item.dueAt) return false;
      stored.dueAt = again;
      stored.handoffs += 1;
      return true;
    },
    markConsumed: async (ref) => pending.delete(ref.messageId),
    oldestWaiting: async () => undefined,
  });
  const handed: string[] = [];
  const outbox = fake<OutboxPublisher>({
    publishCapacityReleased: async (s) => void handed.push(s.sessionId),
  });
  return { deps: { notifications, outbox, eventBus: bus, clock }, pending, handed, reads: () => reads };
};

const options = { graceMs: 0, pageSize: 2, maxPages: 20 };

describe('the outbox sweep and the event bus', () => {
  it('while the bus is down: one publish is tried, the events wait a minute, other items still go', async () => {
    let tries = 0;
    const down: EventBus = {
      publish: async () => {
        tries += 1;
        throw new Error('the event bus is unavailable');
      },
    };
    const w = world([eventItem(1), eventItem(2), released, eventItem(3)], down);
    const result = await sweepOutbox(w.deps, clock.now(), options);
    expect(tries).toBe(1);
    // The events, at the head of the index, did not keep the sweep from the item behind them.
    expect(w.handed).toEqual(['ses_9']);
    expect(result).toMatchObject({ relayed: 1, skipped: 3 });
    const waiting = [...w.pending.values()];
    expect(waiting.map((i) => [i.messageId, i.dueAt, i.handoffs])).toEqual(
      [1, 2, 3].map((n) => [eventItem(n).messageId, '2030-01-10T12:11:00.000Z', 1]),
    );
    // Tried again a minute on, then two minutes after that: the bus is still down.
    await sweepOutbox(w.deps, new Date('2030-01-10T12:11:00Z'), options);
    expect(tries).toBe(2);
    expect([...w.pending.values()].map((i) => i.dueAt)).toEqual(Array(3).fill('2030-01-10T12:13:00.000Z'));
  });

  it('once the bus is back: every event published once, in the order found, and consumed', async () => {
    const published: string[] = [];
    const bus = { down: true };
    const w = world([eventItem(1), eventItem(2), eventItem(3)], {
      publish: async (events) => {
        if (bus.down) throw new Error('the event bus is unavailable');
        published.push(...events.map((e) => e.id));
      },
    });
    await sweepOutbox(w.deps, clock.now(), options);
    bus.down = false;
    // Not before they are due again.
    expect(await sweepOutbox(w.deps, clock.now(), options)).toMatchObject({ relayed: 0 });
    const result = await sweepOutbox(w.deps, new Date('2030-01-10T12:11:00Z'), options);
    expect(published).toEqual([eventItem(1).messageId, eventItem(2).messageId, eventItem(3).messageId]);
    expect(w.pending.size).toBe(0);
    expect(result).toMatchObject({ relayed: 3, skipped: 0 });
  });
});
