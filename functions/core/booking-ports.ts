import type { HoldExpiry } from './model/booking.js';

/**
 * Ports of the booking engine. The booking store (bookings, seats, history, audit, outbox, and
 * the session counter, all changed in one transaction) is added here by the booking engine.
 */

export interface HoldScheduler {
  /**
   * Makes a one-off schedule that delivers `expiry` to the holds queue at `expiry.at`, and deletes
   * itself after completion. Scheduling twice for the same booking is harmless.
   */
  scheduleExpiry(expiry: HoldExpiry): Promise<void>;
  /** Deletes the schedule of a hold that ended otherwise (confirmed, cancelled); absent is fine. */
  cancelExpiry(expiry: Omit<HoldExpiry, 'at'>): Promise<void>;
}
