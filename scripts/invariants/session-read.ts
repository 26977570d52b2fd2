import { paginateQuery } from '@aws-sdk/lib-dynamodb';
import { bookingEntity } from '../../functions/modules/bookings/adapters/entities/booking.js';
import { bookingSeatEntity } from '../../functions/modules/bookings/adapters/entities/booking-seat.js';
import { holderCountEntity } from '../../functions/modules/bookings/adapters/entities/holder-count.js';
import { waitlistEntryEntity } from '../../functions/modules/bookings/adapters/entities/waitlist-entry.js';
import { waitlistSlotEntity } from '../../functions/modules/bookings/adapters/entities/waitlist-line.js';
import { sessionEntity } from '../../functions/modules/catalog/adapters/entities/session.js';
import { sessionCounterEntity } from '../../functions/modules/catalog/adapters/entities/session-counter.js';
import { sessionCounterShardEntity } from '../../functions/modules/catalog/adapters/entities/session-counter-shard.js';
import { outboxEntity } from '../../functions/modules/notifications/adapters/entities/outbox.js';
import { paymentOrderEntity } from '../../functions/modules/payments/adapters/entities/payment-order.js';
import { categoryCounterEntity } from '../../functions/modules/pricing/adapters/entities/category-counter.js';
import { admissionEntity } from '../../functions/modules/tickets/adapters/entities/admission.js';
import { checkinScanEntity } from '../../functions/modules/tickets/adapters/entities/checkin-scan.js';
import { type TableLocation, withTableClient } from './scan.js';
import type { RawItem, SessionRef } from './snapshot.js';

/**
 * Reads the checked items of a few sessions, one Query per partition that holds them: how the
 * settled check re-reads the sessions a Scan found violating, in milliseconds where a Scan of a
 * busy table takes tens of seconds.
 *
 * The order matters (settled-check.ts gives the argument): seat items before the counter, and the
 * waiting line's slots before the entries, because a seat or slot carries nothing that every write
 * moves forward while the counter and the entries do. The counter comes last: a read torn by a
 * booking committing meanwhile then shows the counter ahead of the bookings it read. The payments
 * partition (orders, transactions and refund requests share it) may come anywhere: settled-check.ts
 * says why; so may the admissions and the scans (admission-items.ts says why). The partition keys
 * come from the entities themselves, so a change of key template changes them here too.
 */

/** The partition key of a query's parameters (ElectroDB names its value `:pk`). */
const partitionKeyOf = (params: { ExpressionAttributeValues?: Record<string, unknown> }): string => {
  const pk = params.ExpressionAttributeValues?.[':pk'];
  if (typeof pk !== 'string') throw new Error('an entity query without a partition key');
  return pk;
};

const partitionKeysOf = (ref: SessionRef, table: string): string[] => [
  partitionKeyOf(bookingSeatEntity.query.bySession(ref).params({ table })),
  partitionKeyOf(waitlistSlotEntity.query.byLine(ref).params({ table })),
  partitionKeyOf(sessionEntity.query.byId(ref).params({ table })),
  partitionKeyOf(bookingEntity.query.bySession(ref).params({ table })),
  partitionKeyOf(outboxEntity.query.bySession(ref).params({ table })),
  partitionKeyOf(paymentOrderEntity.query.byBooking(ref).params({ table })),
  partitionKeyOf(admissionEntity.query.byTicket(ref).params({ table })),
  partitionKeyOf(checkinScanEntity.query.byNonce(ref).params({ table })),
  partitionKeyOf(waitlistEntryEntity.query.bySession(ref).params({ table })),
  partitionKeyOf(sessionCounterEntity.query.byId(ref).params({ table })),
  partitionKeyOf(categoryCounterEntity.query.bySession(ref).params({ table })),
  partitionKeyOf(holderCountEntity.query.bySession(ref).params({ table })),
];

/** Every item of the sessions' partitions (items of unchecked entities among them are ignored by the checks). */
export const readSessions = (location: TableLocation, refs: readonly SessionRef[]): Promise<RawItem[]> =>
  withTableClient(location, async (client) => {
    const perSession = await Promise.all(
      refs.map(async (ref) => {
        const items: RawItem[] = [];
        // One partition after the other: the order above is the point.
        const query = async (pk: string) => {
          for await (const page of paginateQuery(
            { client },
            {
              TableName: location.tableName,
              KeyConditionExpression: '#pk = :pk',
              ExpressionAttributeNames: { '#pk': 'pk' },
              ExpressionAttributeValues: { ':pk': pk },
              ConsistentRead: true,
            },
          )) {
            items.push(...(page.Items ?? []));
          }
        };
        for (const pk of partitionKeysOf(ref, location.tableName)) await query(pk);
        // The counter's further items (a sharded session) after it: it names how many there are.
        const main = items.find((i) => i.__edb_e__ === 'sessionCounter');
        const count = typeof main?.shards === 'number' ? main.shards : 1;
        for (let shard = 1; shard < count; shard += 1) {
          await query(
            partitionKeyOf(
              sessionCounterShardEntity.query.byId({ ...ref, shard }).params({ table: location.tableName }),
            ),
          );
        }
        return items;
      }),
    );
    return perSession.flat();
  });
