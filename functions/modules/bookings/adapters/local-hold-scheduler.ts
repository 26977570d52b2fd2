import type { HoldScheduler } from '../domain/ports.js';
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
export const localHoldScheduler = (store: LocalScheduleStore): HoldScheduler => {
  const schedule = (name: string, at: string, message: unknown) =>
    store.put({
      name,
      at: new Date(at).toISOString(),
      target: HOLDS_TARGET,
      payload: JSON.stringify(message),
    });
  return {
    async scheduleExpiry(expiry) {
      await schedule(holdScheduleName(expiry), expiry.at, holdExpireMessage(expiry));
    },
    async scheduleReminder(reminder) {
      await schedule(holdReminderScheduleName(reminder), reminder.at, holdRemindMessage(reminder));
    },
    async cancelExpiry(ref) {
      await store.remove(holdScheduleName(ref));
    },
  };
};
