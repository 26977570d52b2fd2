import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { type DomainEvent, domainEventSource } from '../../../kernel/domain/domain-event.js';
import type { EventBus } from '../domain/domain-events.js';

/** PutEvents takes at most 10 entries. */
const entriesPerCall = 10;

/**
 * The tenant's EventBridge bus: each event is one entry (Source `evently`, DetailType its type,
 * Detail the event itself). A call that fails, or any entry the bus refuses (FailedEntryCount), is
 * an error: the outbox item stays pending and the sweep publishes it again. Entries the bus took
 * may then go out twice; receivers deduplicate on the event's id.
 */
export const eventBridgeBus = (client: EventBridgeClient, busName: string | undefined): EventBus => ({
  async publish(events: readonly DomainEvent[]) {
    if (!busName) throw new Error('the event bus is not configured for this function (EVENT_BUS_NAME)');
    for (let i = 0; i < events.length; i += entriesPerCall) {
      const chunk = events.slice(i, i + entriesPerCall);
      const out = await client.send(
        new PutEventsCommand({
          Entries: chunk.map((e) => ({
            EventBusName: busName,
            Source: domainEventSource,
            DetailType: e.type,
            Detail: JSON.stringify(e),
            Time: new Date(e.occurredAt),
          })),
        }),
      );
      const failed = out.FailedEntryCount ?? 0;
      if (failed > 0) {
        const codes = (out.Entries ?? []).flatMap((e) => (e.ErrorCode ? [e.ErrorCode] : []));
        throw new Error(`the event bus refused ${failed} of ${chunk.length} events: ${codes.join(', ')}`);
      }
    }
  },
});
