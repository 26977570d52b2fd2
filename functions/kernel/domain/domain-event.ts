/**
 * A fact other systems may act on (a booking confirmed, a payment received, ...), published to
 * the tenant's event bus after the change that caused it committed (through the outbox), and
 * delivered to the organization's webhook subscriptions. The schema of each `type` is versioned
 * and documented (docs/events/); a breaking change raises `version`.
 */
export interface DomainEvent<D extends object = Record<string, unknown>> {
  /** Unique per fact and stable across retries: receivers deduplicate on it. */
  id: string;
  /** e.g. `booking.confirmed`. */
  type: string;
  /** The schema version of `type`'s `data`. */
  version: number;
  orgId: string;
  /** When the change committed (ISO 8601, UTC). */
  occurredAt: string;
  /** What the fact is about; events of one subject are delivered in order. */
  subject: { type: string; id: string };
  data: D;
}

/** The EventBridge `source` of every event the backend publishes. */
export const domainEventSource = 'evently';
