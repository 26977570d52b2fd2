import type { OneOffSchedules } from '../../../kernel/aws/one-off-schedules.js';
import type { AnnouncementScheduler } from '../domain/ports.js';
import { announcementScheduleName, scheduledSendMessage } from './announcement-schedule.js';

/**
 * Announcements as one-off schedules that put the send on the jobs queue (EventBridge Scheduler in
 * AWS, local schedules in the local runtime: the same name and body). Scheduling again replaces
 * the schedule; the consumer acts only on the time the announcement is still scheduled for.
 */
export const announcementScheduler = (schedules: OneOffSchedules): AnnouncementScheduler => ({
  schedule: (ref, at) => schedules.replace(announcementScheduleName(ref), at, scheduledSendMessage(ref, at)),
  cancel: (ref) => schedules.remove(announcementScheduleName(ref)),
});
