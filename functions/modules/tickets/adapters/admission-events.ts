import type { TxEntities, TxItem } from '../../../kernel/dynamo/transactions.js';
import { domainEventId, domainEventRecord } from '../../notifications/index.js';
import type { Admission, ScanRecord } from '../domain/model.js';

/**
 * `ticket.checked_in` (docs/events/): written in the transaction of an admitting scan (the ticket's
 * admission moves to `in`), under the scan's nonce, which that transaction creates once. An exit,
 * a refused scan and a scan of a ticket already in publish nothing.
 */
export const admissionEvents = (tx: TxEntities, scan: ScanRecord, next: Admission): TxItem[] => {
  if (next.state !== 'in') return [];
  const type = 'ticket.checked_in' as const;
  return [
    {
      label: 'event',
      write: domainEventRecord(tx, {
        sessionId: scan.sessionId,
        event: {
          id: domainEventId(type, `${scan.sessionId}#${scan.nonce}`),
          type,
          version: 1,
          orgId: scan.orgId,
          occurredAt: scan.recordedAt,
          subject: { type: 'ticket', id: next.ticketId },
          data: {
            ticketId: next.ticketId,
            bookingId: next.bookingId,
            sessionId: next.sessionId,
            attendeeId: next.attendeeId,
            gate: next.gate,
            method: scan.method,
            entries: next.entries,
            scannedAt: scan.scannedAt,
          },
        },
      }),
    },
  ];
};
