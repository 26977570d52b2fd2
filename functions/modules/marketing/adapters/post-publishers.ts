import type { LocalDeliveryLog } from '../../notifications/index.js';
import { type PostPublisher, PublishRefused } from '../domain/ports.js';

/**
 * The local publisher: each post goes into the local delivery log (`GET /local/outbox`), one line
 * per post (keyed by the post, so a second publish of it writes the same line), never the token.
 */
export const localPostPublisher = (log: LocalDeliveryLog, clock: () => Date): PostPublisher => ({
  async publish({ post, account }) {
    await log.record({
      deliveryId: `post#${post.postId}`,
      at: post.scheduledAt ?? clock().toISOString(),
      channel: `social:${account.platform}`,
      to: account.handle,
      subject: account.displayName,
      text: post.trackedLink ? `${post.text} ${post.trackedLink}` : post.text,
      orgId: post.orgId,
      sessionId: post.eventId,
      notificationId: post.postId,
      type: 'marketing.post',
    });
    return `local:${post.postId}`;
  },
});

/** In AWS no platform's API is built yet: a publish fails with this reason (docs/marketing.md). */
export const unconfiguredPostPublisher = (): PostPublisher => ({
  async publish({ account }) {
    throw new PublishRefused(`no publisher is configured for ${account.platform}`);
  },
});
