import type { HoldScheduler } from '../../core/booking-ports.js';
import {
  holdExpireMessage,
  holdReminderScheduleName,
  holdRemindMessage,
  holdScheduleName,
} from './hold-schedule.js';
import type { LocalScheduleStore } from './local-schedule-store.js';

/** The queue (queue definitions) hold expiries are delivered to, as in the deployed stack. */
export const HOLDS_TARGET = 'holds';

/**
 * Hold expiries for `npm start` and the e2e tests: stored as local schedules that the local
 * runtime's firer delivers to the holds queue in fauxqs, with the same name and body as the
 * EventBridge schedules. Scheduling twice replaces the schedule with an identical one.
 */
export const localHoldScheduler = (store: LocalScheduleStore): HoldScheduler => ({
  async scheduleExpiry(expiry) {
    await store.put({
      name: holdScheduleName(expiry),
      at: new Date(expiry.at).toISOString(),
      target: HOLDS_TARGET,
      payload: JSON.stringify(holdExpireMessage(expiry)),
    });
  },
  async scheduleReminder(reminder) {
    await store.put({
      name: holdReminderScheduleName(reminder),
      at: new Date(reminder.at).toISOString(),
      target: HOLDS_TARGET,
      payload: JSON.stringify(holdRemindMessage(reminder)),
    });
  },
  async cancelExpiry(ref) {
    await store.remove(holdScheduleName(ref));
  },
});
