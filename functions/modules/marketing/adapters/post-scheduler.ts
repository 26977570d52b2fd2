import type { OneOffSchedules } from '../../../kernel/aws/one-off-schedules.js';
import type { PostRef, PostScheduler } from '../domain/ports.js';

/** One schedule per post, in the stack's schedule group beside the holds' and announcements'. */
export const postScheduleName = (ref: PostRef): string => `post-${ref.postId}`;

/** The jobs queue's message a post's schedule delivers: the time it was made for rides along. */
export const postPublishMessage = (ref: PostRef, at: string) => ({
  type: 'post.publish' as const,
  orgId: ref.orgId,
  eventId: ref.eventId,
  campaignId: ref.campaignId,
  postId: ref.postId,
  scheduledFor: at,
});

/**
 * Posts as one-off schedules that put the publish on the jobs queue (EventBridge Scheduler in AWS,
 * local schedules locally). Scheduling again replaces the schedule; the publish acts only on the
 * time the post is still scheduled for.
 */
export const postScheduler = (schedules: OneOffSchedules): PostScheduler => ({
  schedule: (ref, at) => schedules.replace(postScheduleName(ref), at, postPublishMessage(ref, at)),
  cancel: (ref) => schedules.remove(postScheduleName(ref)),
});
