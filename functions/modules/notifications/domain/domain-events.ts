import type { DomainEvent } from '../../../kernel/domain/domain-event.js';

/**
 * The public domain events: facts other systems may act on, each written to the outbox (kind
 * `domain-event`) in the transaction of the change it reports, and published by the relay to the
 * tenant's event bus. Their `data` schemas are in contracts/domain-events.ts and documented in
 * docs/events/. Internal domain events of the outbox (`capacity.released`) are not among them.
 */
export const publicEventTypes = [
  'booking.confirmed',
  'booking.cancelled',
  'booking.expired',
  'waitlist.offered',
  'payment.received',
  'payment.refunded',
  'ticket.checked_in',
  'session.cancelled',
] as const;

export type PublicEventType = (typeof publicEventTypes)[number];

const publicTypes = new Set<string>(publicEventTypes);

export const isPublicEventType = (type: string): type is PublicEventType => publicTypes.has(type);

/** The outbox message id of an event: stable per fact (`key`), so a retried commit writes it once. */
export const domainEventId = (type: PublicEventType, key: string): string => `event#${type}#${key}`;

/** The first wait before the sweep publishes an event again, and the longest. */
export const publishRetry = { firstMs: 60_000, maxMs: 15 * 60_000 } as const;

/**
 * When the sweep may try an event again after its `attempts`-th try (while the bus is down): a
 * minute after the first, doubling, at most 15 minutes apart.
 */
export const nextPublishAt = (triedAtMs: number, attempts: number): string =>
  new Date(
    triedAtMs + Math.min(publishRetry.firstMs * 2 ** Math.max(0, attempts - 1), publishRetry.maxMs),
  ).toISOString();

/**
 * The tenant's event bus. `publish` resolves only when the bus accepted every event; anything
 * else (the bus unreachable, an entry refused) rejects, and the outbox keeps the item pending.
 */
export interface EventBus {
  publish(events: readonly DomainEvent[]): Promise<void>;
}
