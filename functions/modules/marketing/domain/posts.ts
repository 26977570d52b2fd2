import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound, validationFailed } from '../../../kernel/domain/errors.js';
import { authorizeForEvent, type EventAccessDeps } from '../../../kernel/domain/event-access.js';
import { writeGuarded } from '../../../kernel/domain/guarded.js';
import { newId } from '../../../kernel/domain/ids.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import { eventForChange } from '../../catalog/index.js';
import { assertCampaignOpen, existingCampaign, readableCampaign } from './campaigns.js';
import { type Campaign, isPostOpen, type Post } from './model.js';
import type { CampaignRef, PostRef } from './ports.js';
import { trackedLink } from './rules.js';

/**
 * A campaign's posts: drafted on one of the organization's social accounts, scheduled for a time
 * (a one-off schedule publishes it then), moved or cancelled while scheduled.
 */

export interface PostInput {
  accountId: string;
  text: string;
  link?: string | undefined;
  /** Given: the post is scheduled for then at once. */
  scheduledAt?: string | undefined;
}

type PostWriteDeps = Pick<Deps, 'marketing' | 'socialAccounts' | 'postScheduler' | 'events' | 'clock'> &
  EventAccessDeps;
type PostReadDeps = Pick<Deps, 'marketing' | 'events'> & EventAccessDeps;

const assertFuture = (at: string, now: Date): void => {
  if (new Date(at).getTime() <= now.getTime())
    throw validationFailed([{ field: 'scheduledAt', message: 'must be in the future' }]);
};

const existingPost = async (deps: Pick<Deps, 'marketing'>, ref: PostRef): Promise<Post> => {
  const post = await deps.marketing.getPost(ref);
  if (!post) throw notFound('post');
  return post;
};

const gate = async (deps: PostWriteDeps, principal: Principal, ref: CampaignRef): Promise<Campaign> => {
  await authorizeForEvent(deps, ref.orgId, ref.eventId, principal, 'marketing.manage');
  await eventForChange(deps, ref.orgId, ref.eventId);
  return existingCampaign(deps, ref);
};

/** Moves an open post to `scheduled` at `at` (replacing its schedule); the schedule is made first. */
const scheduleAt = (deps: PostWriteDeps, ref: PostRef, at: string): Promise<Post> =>
  writeGuarded(
    () => existingPost(deps, ref),
    (before) => {
      if (!isPostOpen(before.status))
        throw new DomainError('POST_NOT_EDITABLE', `the post is ${before.status}`, { status: before.status });
      if (before.status === 'scheduled' && before.scheduledAt === at) return undefined;
      const after: Post = {
        ...before,
        status: 'scheduled',
        scheduledAt: at,
        version: before.version + 1,
        updatedAt: deps.clock.now().toISOString(),
      };
      return { before, after };
    },
    // A schedule whose save lost fires for a time the post no longer has: the publish ignores it.
    async (w) => {
      await deps.postScheduler.schedule(ref, at);
      return deps.marketing.savePost(w.before, w.after);
    },
    (w) => w.after,
  );

export const createPost = async (
  deps: PostWriteDeps,
  principal: Principal,
  ref: CampaignRef,
  input: PostInput,
): Promise<Post> => {
  const campaign = await gate(deps, principal, ref);
  assertCampaignOpen(campaign);
  const now = deps.clock.now();
  if (input.scheduledAt) assertFuture(input.scheduledAt, now);
  if (!(await deps.socialAccounts.get(ref.orgId, input.accountId)))
    throw validationFailed([{ field: 'accountId', message: 'is not a social account of this organization' }]);
  const at = now.toISOString();
  const post: Post = {
    ...ref,
    postId: newId('mkp'),
    accountId: input.accountId,
    text: input.text,
    link: input.link ?? null,
    trackedLink: input.link ? trackedLink(input.link, campaign.trackingCode) : null,
    status: 'draft',
    scheduledAt: null,
    publishedAt: null,
    externalId: null,
    failedAt: null,
    failureReason: null,
    cancelledAt: null,
    createdBy: principal.sub,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  await deps.marketing.createPost(post);
  return input.scheduledAt ? scheduleAt(deps, post, input.scheduledAt) : post;
};

/** Schedules a draft, or moves a scheduled post to another time. */
export const schedulePost = async (
  deps: PostWriteDeps,
  principal: Principal,
  ref: PostRef,
  at: string,
): Promise<Post> => {
  assertCampaignOpen(await gate(deps, principal, ref));
  assertFuture(at, deps.clock.now());
  return scheduleAt(deps, ref, at);
};

/** `draft | scheduled -> cancelled`, its schedule deleted; asked again, answers the cancelled post. */
export const cancelPost = async (deps: PostWriteDeps, principal: Principal, ref: PostRef): Promise<Post> => {
  await gate(deps, principal, ref);
  const post = await writeGuarded(
    () => existingPost(deps, ref),
    (before) => {
      if (before.status === 'cancelled') return undefined;
      if (!isPostOpen(before.status))
        throw new DomainError('POST_NOT_EDITABLE', `the post is ${before.status}`, { status: before.status });
      const now = deps.clock.now().toISOString();
      const after: Post = {
        ...before,
        status: 'cancelled',
        cancelledAt: now,
        version: before.version + 1,
        updatedAt: now,
      };
      return { before, after };
    },
    (w) => deps.marketing.savePost(w.before, w.after),
    (w) => w.after,
  );
  await deps.postScheduler.cancel(ref);
  return post;
};

export const getPost = async (deps: PostReadDeps, principal: Principal, ref: PostRef): Promise<Post> => {
  await readableCampaign(deps, principal, ref);
  return existingPost(deps, ref);
};

export const listPosts = async (
  deps: PostReadDeps,
  principal: Principal,
  ref: CampaignRef,
  page: PageRequest,
): Promise<Page<Post>> => {
  await readableCampaign(deps, principal, ref);
  return deps.marketing.listPosts(ref, page);
};
