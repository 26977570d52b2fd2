import type { RawItem } from '../../scripts/invariants/snapshot.js';
import { entityNames } from '../../scripts/invariants/snapshot.js';
import { booking, ref } from './invariants-items.js';

/** Hand-made door items for the admission checks: admissions and scan records, as stored. */

/** A booking with its last change, as the admission checks read it. */
export const changedBooking = (
  sessionId: string,
  bookingId: string,
  status: 'held' | 'confirmed' | 'cancelled' | 'expired',
  seats: number,
  updatedAt = '2030-01-01T18:00:00.000Z',
): RawItem => ({ ...booking(sessionId, bookingId, status, seats), updatedAt });

export const admission = (
  sessionId: string,
  ticketId: string,
  state: 'in' | 'out',
  entries: number,
  at = '2030-01-01T19:00:00.000Z',
): RawItem => ({
  __edb_e__: entityNames.admission,
  ...ref(sessionId),
  ticketId,
  bookingId: ticketId.replace(/-\d+$/, ''),
  state,
  entries,
  at,
  firstEntryAt: at,
  updatedAt: at,
  gate: 'North',
});

let nonces = 0;

/** A scan of `ticketId` with `outcome`, recorded (and scanned) at `recordedAt`. */
export const scan = (
  sessionId: string,
  ticketId: string,
  outcome: 'admitted' | 'exited' | 'already_in' | 'not_in',
  recordedAt: string,
  scannedAt = recordedAt,
): RawItem => {
  nonces += 1;
  return {
    __edb_e__: entityNames.scan,
    ...ref(sessionId),
    nonce: `n-${String(nonces).padStart(6, '0')}`,
    ticketId,
    bookingId: ticketId.replace(/-\d+$/, ''),
    outcome,
    direction: outcome === 'exited' || outcome === 'not_in' ? 'exit' : 'entry',
    gate: 'North',
    method: 'qr',
    scannedAt,
    recordedAt,
    by: 'door',
  };
};

/** `minutes` after 19:00 on the session's evening, as an ISO time. */
export const evening = (minutes: number): string =>
  new Date(Date.parse('2030-01-01T19:00:00.000Z') + minutes * 60_000).toISOString();
