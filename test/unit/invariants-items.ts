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

/** A booking with its payment status and last change, as the money checks read it. */
export const paidBooking = (
  sessionId: string,
  bookingId: string,
  status: 'held' | 'confirmed' | 'cancelled' | 'expired',
  paymentStatus: 'none' | 'pending' | 'paid' | 'refunded',
  updatedAt = '2030-01-01T10:00:00.000Z',
): RawItem => ({ ...booking(sessionId, bookingId, status, 2), paymentStatus, updatedAt });

type OrderStatus = 'pending' | 'paid' | 'failed' | 'expired' | 'partially_refunded' | 'refunded';

/** The payment order of a booking (quote total 3000 unless given), its amounts as given. */
export const order = (
  sessionId: string,
  bookingId: string,
  status: OrderStatus,
  amounts: { paid?: number; refunded?: number; pending?: number; total?: number } = {},
  extra: { review?: 'late_payment'; updatedAt?: string } = {},
): RawItem => ({
  __edb_e__: entityNames.order,
  ...ref(sessionId),
  bookingId,
  orderId: `pay_${bookingId}`,
  status,
  paidAmount: amounts.paid ?? 0,
  refundedAmount: amounts.refunded ?? 0,
  refundPending: amounts.pending ?? 0,
  quote: JSON.stringify({ currency: 'EUR', total: amounts.total ?? 3000 }),
  updatedAt: '2030-01-01T10:00:00.000Z',
  ...extra,
});

/** A movement of money the provider reported for a booking's order. */
export const txn = (
  sessionId: string,
  bookingId: string,
  kind: 'payment' | 'refund' | 'chargeback',
  providerTransactionId: string,
  amount: number,
): RawItem => ({
  __edb_e__: entityNames.transaction,
  ...ref(sessionId),
  bookingId,
  orderId: `pay_${bookingId}`,
  kind,
  providerTransactionId,
  amount,
});

/** A refund asked of the provider for a booking's order. */
export const refund = (
  sessionId: string,
  bookingId: string,
  requestId: string,
  amount: number,
  status: 'requested' | 'succeeded' | 'failed',
): RawItem => ({
  __edb_e__: entityNames.refund,
  ...ref(sessionId),
  bookingId,
  orderId: `pay_${bookingId}`,
  requestId,
  amount,
  status,
});
