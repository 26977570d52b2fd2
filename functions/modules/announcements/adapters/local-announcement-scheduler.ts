import type { LocalScheduleStore } from '../../bookings/index.js';
import type { AnnouncementScheduler } from '../domain/ports.js';
import { announcementScheduleName, scheduledSendMessage } from './announcement-schedule.js';

/**
 * Announcement schedules for `npm start` and the e2e tests: local schedules (the bookings module's
 * table-backed stand-in for EventBridge Scheduler) that the local runtime's firer delivers to the
 * jobs queue in fauxqs, with the same name and body as in AWS.
 */
export const localAnnouncementScheduler = (store: LocalScheduleStore): AnnouncementScheduler => ({
  async schedule(ref, at) {
    await store.put({
      name: announcementScheduleName(ref),
      at: new Date(at).toISOString(),
      target: 'jobs',
      payload: JSON.stringify(scheduledSendMessage(ref, at)),
    });
  },
  async cancel(ref) {
    await store.remove(announcementScheduleName(ref));
  },
});
