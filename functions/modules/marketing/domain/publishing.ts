import type { Deps } from '../../../kernel/domain/deps.js';
import type { Post, SocialAccount } from './model.js';
import { type PostRef, PublishRefused } from './ports.js';

/**
 * The publish of a scheduled post, run by the jobs consumer when its schedule fires. Only a post
 * still scheduled for that very time is taken (`scheduled -> publishing`, one conditional write:
 * of two firings one wins); a post left `publishing` by a consumer that died is published again
 * (the publisher answers the same post with the same id). It is published only while its campaign
 * is active and its account exists; otherwise, or when the platform refuses, it fails with the reason.
 */

type PostPublishDeps = Pick<
  Deps,
  'marketing' | 'socialAccounts' | 'socialTokens' | 'postPublisher' | 'clock'
>;

export type PublishOutcome = 'published' | 'failed' | 'skipped';

const sameTime = (a: string | null, b: string): boolean =>
  a !== null && new Date(a).getTime() === new Date(b).getTime();

const moved = (deps: PostPublishDeps, before: Post, change: Partial<Post>): Post => ({
  ...before,
  ...change,
  version: before.version + 1,
  updatedAt: deps.clock.now().toISOString(),
});

/** The account the post goes out on, or why it cannot go out now. */
const accountOrWhyNot = async (deps: PostPublishDeps, post: Post): Promise<SocialAccount | string> => {
  const campaign = await deps.marketing.getCampaign(post);
  if (campaign?.status !== 'active') return 'the campaign is not active';
  const account = await deps.socialAccounts.get(post.orgId, post.accountId);
  return account ?? 'the social account no longer exists';
};

export const runPostPublish = async (
  deps: PostPublishDeps,
  ref: PostRef,
  scheduledFor: string | undefined,
): Promise<PublishOutcome> => {
  let post = await deps.marketing.getPost(ref);
  if (!post) return 'skipped';
  if (post.status === 'scheduled') {
    if (scheduledFor !== undefined && !sameTime(post.scheduledAt, scheduledFor)) return 'skipped';
    const taken = moved(deps, post, { status: 'publishing' });
    if (!(await deps.marketing.savePost(post, taken))) return 'skipped';
    post = taken;
  } else if (post.status !== 'publishing') return 'skipped';

  const fail = async (before: Post, reason: string): Promise<PublishOutcome> => {
    const now = deps.clock.now().toISOString();
    await deps.marketing.savePost(
      before,
      moved(deps, before, { status: 'failed', failedAt: now, failureReason: reason }),
    );
    return 'failed';
  };
  const account = await accountOrWhyNot(deps, post);
  if (typeof account === 'string') return fail(post, account);
  let externalId: string;
  try {
    const token = await deps.socialTokens.read(account.tokenRef);
    externalId = await deps.postPublisher.publish({ post, account, token });
  } catch (error) {
    if (error instanceof PublishRefused) return fail(post, error.message);
    throw error;
  }
  const publishedAt = deps.clock.now().toISOString();
  await deps.marketing.savePost(post, moved(deps, post, { status: 'published', publishedAt, externalId }));
  return 'published';
};
