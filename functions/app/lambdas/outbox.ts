import type { DynamoDBRecord } from 'aws-lambda';
import { logger } from '../../kernel/observability.js';
import { streamFunction } from '../../kernel/queue/stream-function.js';
import { chainedRecordOf, isAuditRecord } from '../../modules/audit/adapters/audit-stream.js';
import { sealAuditRecords } from '../../modules/audit/domain/audit-sealing.js';
import { pendingItemOf } from '../../modules/notifications/adapters/outbox-stream.js';
import { isPublicEventType } from '../../modules/notifications/domain/domain-events.js';
import { relayItem } from '../../modules/notifications/domain/outbox-relay.js';
import { getContainer } from '../container.js';

/**
 * The outbox relay: each new outbox item the table's stream reports (the event source mapping's
 * filter lets no other record through) goes to its queue. A failed send has already made the item
 * due for the outbox sweep; the record fails too, so the stream retries it first. A public domain
 * event the bus refused is left to the sweep alone: it stays pending, and failing its record would
 * hold the shard's later items (notifications) behind a bus outage.
 */
const relayNewItem = async (record: DynamoDBRecord): Promise<void> => {
  const item = pendingItemOf(record);
  const { deps } = getContainer();
  try {
    const outcome = await relayItem(deps, item);
    // No consumer knows the type: it stays pending, and the invariant checker reports it.
    if (outcome === 'unknown') logger.warn('outbox item of an unknown type left pending', { ...item });
  } catch (error) {
    logger.warn('outbox relay failed; the sweep relays the item', { ...item, error: error as Error });
    if (item.kind === 'domain-event' && isPublicEventType(item.type)) return;
    throw error;
  }
};

/**
 * New audit records of the batch, linked into their hash chains together (one transaction per
 * chain and up to 99 records): the records of a chain that could not be sealed are retried.
 */
const sealNewRecords = {
  takes: isAuditRecord,
  async run(records: DynamoDBRecord[]) {
    const chained = records.map((r) => ({ stream: r, record: chainedRecordOf(r) }));
    const failed = await sealAuditRecords(
      getContainer().deps,
      chained.map((c) => c.record),
    );
    if (failed.length > 0) logger.warn('audit records not sealed; retried', { chains: failed });
    const key = (c: { orgId: string; day: string; chain: string }) => `${c.orgId}|${c.day}|${c.chain}`;
    const failedKeys = new Set(failed.map(key));
    return chained.filter((c) => failedKeys.has(key(c.record))).map((c) => c.stream);
  },
};

export const handler = streamFunction(relayNewItem, sealNewRecords);
