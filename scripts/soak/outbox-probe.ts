import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, paginateQuery, paginateScan } from '@aws-sdk/lib-dynamodb';
import { allPendingShards } from '../../functions/modules/notifications/adapters/entities/outbox.js';
import type { TableLocation } from '../invariants/scan.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/aws-local.js';

/**
 * Reads the outbox straight from the table, as an operator's dashboard would: the pending index
 * (gsi3, one partition per shard) for how late delivery runs, and a scan of every notification
 * for how often each was handed to the queue. Reads only; nothing here changes an item.
 */

const pendingPartitions = allPendingShards().map((shard) => `outbox#pending#${shard}`);

export interface PendingSnapshot {
  /** Pending, not deferred notifications. */
  count: number;
  /** Age of the oldest of them (now - `at`), 0 when there is none. */
  oldestAgeSeconds: number;
  /** Of `count`, those written before `createdBefore` (when given). */
  countCreatedBefore: number;
}

export interface NotificationSummary {
  total: number;
  byStatus: Record<string, number>;
  /** Sum of `handoffs` (absent counts 1: the hand-off after its commit, before the counter existed). */
  handoffs: number;
}

export interface OutboxProbe {
  pending(options?: { now?: Date; createdBefore?: Date }): Promise<PendingSnapshot>;
  notifications(): Promise<NotificationSummary>;
  close(): void;
}

interface PendingItem {
  at?: string;
  kind?: string;
  status?: string;
  deferredUntil?: string;
}

export const outboxProbe = ({ tableName, endpoint }: TableLocation): OutboxProbe => {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }),
  );

  const pendingOf = async (pk: string): Promise<PendingItem[]> => {
    const items: PendingItem[] = [];
    const pages = paginateQuery(
      { client },
      {
        TableName: tableName,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk',
        ProjectionExpression: '#at, #kind, #status, deferredUntil',
        ExpressionAttributeNames: { '#at': 'at', '#kind': 'kind', '#status': 'status' },
        ExpressionAttributeValues: { ':pk': pk },
      },
    );
    for await (const page of pages) items.push(...((page.Items ?? []) as PendingItem[]));
    return items;
  };

  return {
    pending: async ({ now = new Date(), createdBefore }: { now?: Date; createdBefore?: Date } = {}) => {
      const nowIso = now.toISOString();
      const beforeIso = createdBefore?.toISOString();
      const shards = await Promise.all(pendingPartitions.map(pendingOf));
      const due = shards
        .flat()
        .filter((i) => i.kind === 'notification' && i.status === 'pending')
        .filter((i) => !i.deferredUntil || i.deferredUntil <= nowIso);
      const oldest = due.reduce<string | undefined>(
        (min, i) => (i.at && (!min || i.at < min) ? i.at : min),
        undefined,
      );
      return {
        count: due.length,
        oldestAgeSeconds: oldest ? Math.max(0, (now.getTime() - Date.parse(oldest)) / 1000) : 0,
        countCreatedBefore: beforeIso ? due.filter((i) => i.at !== undefined && i.at < beforeIso).length : 0,
      };
    },
    notifications: async () => {
      const summary: NotificationSummary = { total: 0, byStatus: {}, handoffs: 0 };
      const pages = paginateScan(
        { client },
        {
          TableName: tableName,
          ConsistentRead: true,
          FilterExpression: '#e = :outbox AND #kind = :notification',
          ProjectionExpression: '#status, handoffs',
          ExpressionAttributeNames: { '#e': '__edb_e__', '#kind': 'kind', '#status': 'status' },
          ExpressionAttributeValues: { ':outbox': 'outbox', ':notification': 'notification' },
        },
      );
      for await (const page of pages) {
        for (const item of (page.Items ?? []) as { status?: string; handoffs?: number }[]) {
          summary.total += 1;
          const status = item.status ?? 'unknown';
          summary.byStatus[status] = (summary.byStatus[status] ?? 0) + 1;
          summary.handoffs += typeof item.handoffs === 'number' ? item.handoffs : 1;
        }
      }
      return summary;
    },
    close: () => client.destroy(),
  };
};
