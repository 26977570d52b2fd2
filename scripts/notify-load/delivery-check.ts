import type { TableLocation } from '../invariants/scan.js';
import { scanTable } from '../invariants/scan.js';
import type { DeliveryCheck } from './figures.js';

/**
 * After the series: every notification the bookings wrote must be `sent` and have been handed to
 * the queue exactly once (by the stream relay; no sweep re-sent it). Read from the table
 * itself, so a delivery the handler reported but did not store is caught.
 */
export const checkDeliveries = async (table: TableLocation, expected: number): Promise<DeliveryCheck> => {
  const notifications = (await scanTable(table)).filter(
    (item) => item.__edb_e__ === 'outbox' && item.kind === 'notification',
  );
  const sent = notifications.filter((item) => item.status === 'sent').length;
  const handoffsOne = notifications.filter((item) => item.handoffs === 1).length;
  return {
    expected,
    found: notifications.length,
    sent,
    handoffsOne,
    ok: notifications.length === expected && sent === expected && handoffsOne === expected,
  };
};
