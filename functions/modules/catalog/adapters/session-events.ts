import type { TxEntities, TxItem } from '../../../kernel/dynamo/transactions.js';
import { domainEventId, domainEventRecord } from '../../notifications/index.js';
import type { SessionCancellation } from '../domain/session.js';

/**
 * `session.cancelled` (docs/events/): written in the transaction that moves the session from
 * `scheduled` to `cancelled`, which commits once. Its bookings follow, each with its own
 * `booking.cancelled`. The staff's reason is free text and stays out.
 */
export const sessionCancelledEvents = (
  tx: TxEntities,
  ref: { orgId: string; sessionId: string },
  c: SessionCancellation,
): TxItem[] => {
  const type = 'session.cancelled' as const;
  return [
    {
      label: 'event',
      write: domainEventRecord(tx, {
        sessionId: ref.sessionId,
        event: {
          id: domainEventId(type, ref.sessionId),
          type,
          version: 1,
          orgId: ref.orgId,
          occurredAt: c.at,
          subject: { type: 'session', id: ref.sessionId },
          data: { sessionId: ref.sessionId, cancelledAt: c.at, cancelledBy: c.by },
        },
      }),
    },
  ];
};
