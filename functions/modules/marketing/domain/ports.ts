import type { Page, PageRequest } from '../../../kernel/domain/types.js';
import type { Campaign, InfluencerCampaign, Post, SocialAccount } from './model.js';

export interface CampaignRef {
  orgId: string;
  eventId: string;
  campaignId: string;
}
export interface PostRef extends CampaignRef {
  postId: string;
}
export interface InfluencerRef extends CampaignRef {
  influencerId: string;
}

/**
 * An event's campaigns, posts and influencer agreements (one partition per event), and the
 * organization's tracking code claims. Every change is conditional on the version read.
 */
export interface MarketingStore {
  /**
   * Puts the campaign with the claim of its tracking code, while the event is not being deleted:
   * TRACKING_CODE_TAKEN when another campaign of the organization holds the code.
   */
  createCampaign(campaign: Campaign): Promise<void>;
  getCampaign(ref: CampaignRef): Promise<Campaign | undefined>;
  listCampaigns(orgId: string, eventId: string, page: PageRequest): Promise<Page<Campaign>>;
  /** Writes `after` if the stored campaign is still at `before.version`; false when it changed. */
  saveCampaign(before: Campaign, after: Campaign): Promise<boolean>;

  createPost(post: Post): Promise<void>;
  getPost(ref: PostRef): Promise<Post | undefined>;
  listPosts(ref: CampaignRef, page: PageRequest): Promise<Page<Post>>;
  /** The event's posts waiting for their schedule (a cascade deletes those schedules first). */
  scheduledPosts(orgId: string, eventId: string): Promise<Post[]>;
  savePost(before: Post, after: Post): Promise<boolean>;

  createInfluencer(influencer: InfluencerCampaign): Promise<void>;
  getInfluencer(ref: InfluencerRef): Promise<InfluencerCampaign | undefined>;
  /** Every agreement of the campaign (tens at most). */
  listInfluencers(ref: CampaignRef): Promise<InfluencerCampaign[]>;
  saveInfluencer(before: InfluencerCampaign, after: InfluencerCampaign): Promise<boolean>;

  /** Deletes up to `limit` items of the event (and the claims of its campaigns' codes); fewer: none left. */
  purgeEvent(orgId: string, eventId: string, limit: number): Promise<number>;
}

/** The organization's social accounts (one partition per organization). */
export interface SocialAccountStore {
  /** Puts it while the organization is active (ORGANIZATION_DELETING otherwise). */
  create(account: SocialAccount): Promise<void>;
  get(orgId: string, accountId: string): Promise<SocialAccount | undefined>;
  list(orgId: string, page: PageRequest): Promise<Page<SocialAccount>>;
  save(before: SocialAccount, after: SocialAccount): Promise<boolean>;
  remove(orgId: string, accountId: string): Promise<void>;
}

/**
 * The accounts' access tokens, one secret each (Secrets Manager in AWS, a file under .data/
 * locally). The token goes in and comes out here only: never into the table, an answer or a log.
 */
export interface SocialTokens {
  /** The secret's name for an account: derived from the tenant, the organization and the account. */
  nameOf(orgId: string, accountId: string): string;
  /** Creates the secret, or gives it this value when it exists (a retried create). */
  put(name: string, token: string): Promise<void>;
  read(name: string): Promise<string>;
  /** Deletes it at once; absent is fine. */
  remove(name: string): Promise<void>;
}

/** One-off schedules that publish posts at their time (EventBridge Scheduler in AWS). */
export interface PostScheduler {
  schedule(ref: PostRef, at: string): Promise<void>;
  cancel(ref: PostRef): Promise<void>;
}

/** What a publisher is given: the post, the account it goes out on and its token. */
export interface Publication {
  post: Post;
  account: SocialAccount;
  token: string;
}

/** Puts a post on its platform; the same post published again gives the same result (its id). */
export interface PostPublisher {
  /** The platform's id of the post; throws PublishRefused with the platform's reason. */
  publish(publication: Publication): Promise<string>;
}

/** A publish the platform (or the absence of one) refused: the post fails with this reason. */
export class PublishRefused extends Error {}
