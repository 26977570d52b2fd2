import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Entity, type EntityItem } from 'electrodb';
import { type DomainEvent, domainEventSource } from '../../../kernel/domain/domain-event.js';
import { entityBase } from '../../../kernel/dynamo/entity-base.js';
import { key } from '../../../kernel/dynamo/entity-keys.js';
import type { EventBus } from '../domain/domain-events.js';

/**
 * The local stand-in for the tenant's EventBridge bus (no emulator of it runs offline): every event
 * the relay publishes is kept as an item of the table (under .data/ with the rest of DynamoDB
 * Local's data), which tests and `GET /local/events` read, and is then handed on as the deployed
 * rule does (source `evently`, input path `$.detail`): the event's JSON onto the `webhooks` queue,
 * and wrapped onto the `automations` queue.
 * Only the local runtime and the tests write these items; the deployed stack never does.
 *
 * Key template: pk `local-events`  sk `${publishedAt}#${eventId}`
 * One partition, not led by an org id: like the local delivery log it serves every organization,
 * and nothing but a developer's machine writes to it. Publishing an event twice logs it twice,
 * as a bus would deliver it twice.
 */
export const localEventEntity = new Entity({
  model: { ...entityBase, entity: 'localEvent' },
  attributes: {
    eventId: { type: 'string', required: true, readOnly: true },
    publishedAt: { type: 'string', required: true, readOnly: true },
    source: { type: 'string', required: true },
    detailType: { type: 'string', required: true },
    orgId: { type: 'string', required: true },
    /** The event's JSON, as EventBridge's `detail`. */
    detail: { type: 'string', required: true },
  },
  indexes: {
    byTime: {
      pk: key('pk', [], 'local-events'),
      sk: key('sk', ['publishedAt', 'eventId'], '${publishedAt}#${eventId}'),
    },
  },
});

export type LocalEventItem = EntityItem<typeof localEventEntity>;

/** One event as the local bus received it. */
export interface PublishedEvent {
  publishedAt: string;
  source: string;
  detailType: string;
  detail: DomainEvent;
}

export interface LocalEventLog {
  record(event: DomainEvent, publishedAt: string): Promise<void>;
  /** At most `limit`, oldest first (`newestFirst`: the latest). */
  list(limit: number, newestFirst?: boolean): Promise<PublishedEvent[]>;
}

export const localEventLog = (client: DynamoDBDocumentClient, table: string): LocalEventLog => {
  const entity = new Entity(localEventEntity.schema, { client, table });
  return {
    async record(event, publishedAt) {
      await entity
        .put({
          eventId: event.id,
          publishedAt,
          source: domainEventSource,
          detailType: event.type,
          orgId: event.orgId,
          detail: JSON.stringify(event),
        })
        .go();
    },
    async list(limit, newestFirst = false) {
      const order = newestFirst ? 'desc' : 'asc';
      const { data } = await entity.query.byTime({}).go({ limit, pages: 'all', order });
      return data.map((i) => ({
        publishedAt: i.publishedAt,
        source: i.source,
        detailType: i.detailType,
        detail: JSON.parse(i.detail) as DomainEvent,
      }));
    },
  };
};

/**
 * The local bus: logs each event, then forwards it as the deployed rule would (`forward`: the
 * sends to the `webhooks` and `automations` queues, those that are there). A failed log or forward fails the publish,
 * so the item stays pending and is published again.
 */
export const localEventBus = (
  log: LocalEventLog,
  forward: ((body: string) => Promise<void>) | undefined,
  clock: () => Date,
): EventBus => ({
  async publish(events) {
    for (const event of events) {
      await log.record(event, clock().toISOString());
      if (forward) await forward(JSON.stringify(event));
    }
  },
});
