import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';
import type { PendingOutboxItem } from '../domain/ports.js';
import { outboxEntity } from './entities/outbox.js';
import { toPendingItem } from './notification-items.js';

/**
 * The outbox as the table's DynamoDB stream shows it: which records are new outbox items, and the
 * pending item each one is. ElectroDB names every item's entity in `__edb_e__` (items written on
 * the low-level client carry it too), and a commit inserts its outbox items: their later updates
 * (hand-offs, claims, delivery) and removals are no work for the relay.
 */

export const outboxEntityName: string = outboxEntity.schema.model.entity;

/** Lambda's event filter for new outbox items (its filter-pattern syntax, on the record's JSON). */
export const newOutboxItemFilter = {
  eventName: ['INSERT'],
  dynamodb: { NewImage: { __edb_e__: { S: [outboxEntityName] } } },
} as const;

/** A record the relay cannot read: retried, then sent to the stream's dead-letter queue. */
export class UnreadableOutboxRecord extends Error {
  constructor(record: DynamoDBRecord, what: string) {
    super(`stream record ${record.eventID ?? '?'} is not a new outbox item: ${what}`);
    this.name = 'UnreadableOutboxRecord';
  }
}

type Image = Record<string, AttributeValue>;

const text = (record: DynamoDBRecord, image: Image, name: string): string => {
  const value = image[name]?.S;
  if (value === undefined) throw new UnreadableOutboxRecord(record, `no string \`${name}\``);
  return value;
};

const kinds = new Set<string>(['notification', 'domain-event'] satisfies PendingOutboxItem['kind'][]);

const isKind = (value: string): value is PendingOutboxItem['kind'] => kinds.has(value);

/** The pending item a new outbox item's stream record carries (NEW_IMAGE: the item as written). */
export const pendingItemOf = (record: DynamoDBRecord): PendingOutboxItem => {
  const image = record.dynamodb?.NewImage;
  if (!image || image.__edb_e__?.S !== outboxEntityName)
    throw new UnreadableOutboxRecord(record, 'no new image of an outbox item');
  const kind = text(record, image, 'kind');
  if (!isKind(kind)) throw new UnreadableOutboxRecord(record, `unknown kind "${kind}"`);
  const handoffs = image.handoffs?.N;
  return toPendingItem({
    orgId: text(record, image, 'orgId'),
    sessionId: text(record, image, 'sessionId'),
    at: text(record, image, 'at'),
    messageId: text(record, image, 'messageId'),
    kind,
    type: text(record, image, 'type'),
    dueAt: image.dueAt?.S,
    handoffs: handoffs === undefined ? undefined : Number(handoffs),
    payload: image.payload?.S,
  });
};
