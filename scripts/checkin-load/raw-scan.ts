import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import { createService } from '../../functions/kernel/dynamo/service.js';
import { dynamoAdmissionStore } from '../../functions/modules/tickets/adapters/admission-store.js';
import type { ScanCommit } from '../../functions/modules/tickets/domain/ports.js';
import { LOCAL_REGION } from '../local/aws-local.js';
import type { IssuedTicket } from './door-world.js';

/**
 * The bare scan transaction: what the door's store (`commitScan`) sends for a ticket's first
 * entry (the scan under its nonce, the admission created, the booking checked confirmed), built
 * here from a ticket the benchmark already knows, with no read, no handler and no use case: the
 * floor the handler is compared with. Its own client, made as the functions make theirs.
 */

export interface RawScanTarget {
  orgId: string;
  sessionId: string;
  /** Who scans (the door member's sub). */
  by: string;
}

export const rawScanStore = (endpoint: string, tableName: string) => {
  const client = createDocumentClient({ region: LOCAL_REGION, endpoint });
  return {
    store: dynamoAdmissionStore(createService(client, tableName), client, tableName),
    destroy: () => client.destroy(),
  };
};

export const firstEntryCommit = (target: RawScanTarget, ticket: IssuedTicket, nonce: string): ScanCommit => {
  const at = new Date().toISOString();
  const { orgId, sessionId } = target;
  return {
    scan: {
      orgId,
      sessionId,
      nonce,
      ticketId: ticket.ticketId,
      bookingId: ticket.bookingId,
      attendeeId: ticket.attendeeId,
      method: 'qr',
      direction: 'entry',
      gate: 'Raw gate',
      deviceId: 'bench-raw',
      scannedAt: at,
      outcome: 'admitted',
      reason: null,
      previous: null,
      by: target.by,
      recordedAt: at,
    },
    admission: {
      current: undefined,
      next: {
        orgId,
        sessionId,
        ticketId: ticket.ticketId,
        bookingId: ticket.bookingId,
        attendeeId: ticket.attendeeId,
        state: 'in',
        gate: 'Raw gate',
        at,
        entries: 1,
        firstEntryAt: at,
        updatedAt: at,
      },
      bookingId: ticket.bookingId,
    },
  };
};
