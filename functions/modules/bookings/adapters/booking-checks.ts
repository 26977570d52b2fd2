import type { TxEntities, TxItem } from '../../../kernel/dynamo/transactions.js';
import type { BookingRef } from '../domain/model.js';

/** A transaction item of another module that needs the booking still confirmed when it commits. */
export const confirmedBookingCheck = (tx: TxEntities, ref: BookingRef): TxItem => ({
  label: 'booking',
  write: tx.booking
    .check(ref)
    .where((a, { eq }) => eq(a.status, 'confirmed'))
    .commit(),
  fails: 'refused',
});
