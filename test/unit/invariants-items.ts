import { entityNames, type RawItem } from '../../scripts/invariants/snapshot.js';

/** Hand-made table items for the checker's unit tests: only the attributes the checks read. */

export const org = 'org_a';
export const ref = (sessionId: string) => ({ orgId: org, sessionId });

export const session = (sessionId: string, seatingMode: 'general' | 'seated', capacity: number): RawItem => ({
  __edb_e__: entityNames.session,
  ...ref(sessionId),
  capacity,
  seatingMode,
});

export const counter = (
  sessionId: string,
  c: { capacity: number; available: number; held: number; confirmed: number },
): RawItem => ({ __edb_e__: entityNames.counter, ...ref(sessionId), ...c, version: 1 });

export const booking = (
  sessionId: string,
  bookingId: string,
  status: 'held' | 'confirmed' | 'cancelled' | 'expired',
  seats: number,
  seatLabels: string[] = [],
): RawItem => ({ __edb_e__: entityNames.booking, ...ref(sessionId), bookingId, status, seats, seatLabels });

export const seat = (
  sessionId: string,
  label: string,
  bookingId: string,
  state: 'held' | 'confirmed' = 'confirmed',
): RawItem => ({ __edb_e__: entityNames.seat, ...ref(sessionId), label, bookingId, state });

export const outbox = (
  sessionId: string,
  messageId: string,
  status: 'pending' | 'sent',
  dueAt: string,
): RawItem => ({
  __edb_e__: entityNames.outbox,
  ...ref(sessionId),
  messageId,
  at: dueAt,
  kind: 'notification',
  type: 'booking.confirmed',
  status,
  dueAt,
});
