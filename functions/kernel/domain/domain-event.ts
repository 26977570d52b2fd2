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
  /**
   * Set on an event an automation's action caused (docs/automations.md, "Loops"): the workflows
   * that led to it, so that none of them runs again on it, and how deep the chain is.
   */
  causedBy?: Causation;
}

export interface Causation {
  /** The workflow and run whose action caused the event. */
  workflowId: string;
  runId: string;
  /** 1 for an event an automation caused directly, 2 for one caused by that one's automations, ... */
  depth: number;
  /** Every workflow of the chain, the first one first (this one's `workflowId` last). */
  chain: string[];
}

/** The EventBridge `source` of every event the backend publishes. */
export const domainEventSource = 'evently';
