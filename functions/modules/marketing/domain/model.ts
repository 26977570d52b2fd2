/**
 * An event's marketing (docs/marketing.md): campaigns with a tracking code unique in the
 * organization, their posts on the organization's social accounts (published at their time by a
 * one-off schedule), influencer agreements with their deliverables, and results read from the
 * bookings and orders that carry the code. Money in minor units of a currency.
 */

export const campaignChannels = ['email', 'social', 'influencer', 'paid_ads', 'partner', 'other'] as const;
export type CampaignChannel = (typeof campaignChannels)[number];

export const campaignStatuses = ['draft', 'active', 'completed', 'cancelled'] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];

/** Where a campaign may go from each status; completed and cancelled are final. */
export const campaignMoves: Record<CampaignStatus, readonly CampaignStatus[]> = {
  draft: ['active', 'cancelled'],
  active: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

export interface Money {
  amountMinor: number;
  currency: string;
}

/** What the campaign aims at: a number of bookings, revenue, or both. */
export interface CampaignGoal {
  bookings: number | null;
  revenue: Money | null;
}

export interface Campaign {
  orgId: string;
  eventId: string;
  campaignId: string;
  name: string;
  channel: CampaignChannel;
  startsAt: string;
  endsAt: string;
  budget: Money;
  goal: CampaignGoal;
  /** Unique in the organization (claimed by an item of its own); bookings carry it. */
  trackingCode: string;
  status: CampaignStatus;
  createdBy: string;
  /** Bumped by every write: writes are conditional on it. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const socialPlatforms = [
  'facebook',
  'instagram',
  'x',
  'linkedin',
  'tiktok',
  'youtube',
  'other',
] as const;
export type SocialPlatform = (typeof socialPlatforms)[number];

/** An organization's social account. Its access token lives in the secret `tokenRef` names, never here. */
export interface SocialAccount {
  orgId: string;
  accountId: string;
  platform: SocialPlatform;
  handle: string;
  displayName: string;
  /** The secret's name (Secrets Manager in AWS, a file locally). */
  tokenRef: string;
  /** The token's last 4 characters and a digest prefix: enough to tell tokens apart, not to use one. */
  last4: string;
  fingerprint: string;
  rotatedAt: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * `publishing` is held while the publisher is called: one schedule firing wins it, a second finds
 * it (or `published`) and does nothing.
 */
export const postStatuses = ['draft', 'scheduled', 'publishing', 'published', 'failed', 'cancelled'] as const;
export type PostStatus = (typeof postStatuses)[number];

export interface Post {
  orgId: string;
  eventId: string;
  campaignId: string;
  postId: string;
  accountId: string;
  text: string;
  /** The link as given; `trackedLink` carries the campaign's tracking code. */
  link: string | null;
  trackedLink: string | null;
  status: PostStatus;
  scheduledAt: string | null;
  publishedAt: string | null;
  /** The publisher's id of the published post. */
  externalId: string | null;
  failedAt: string | null;
  failureReason: string | null;
  cancelledAt: string | null;
  createdBy: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Still to be scheduled, moved or cancelled. */
export const isPostOpen = (status: PostStatus): boolean => status === 'draft' || status === 'scheduled';

export const deliverableKinds = ['post', 'story', 'video', 'reel', 'article', 'live', 'other'] as const;
export type DeliverableKind = (typeof deliverableKinds)[number];

export interface Deliverable {
  deliverableId: string;
  kind: DeliverableKind;
  /** YYYY-MM-DD. */
  dueDate: string;
  delivered: boolean;
  url: string | null;
  deliveredAt: string | null;
}

export const influencerStatuses = ['proposed', 'agreed', 'completed', 'cancelled'] as const;
export type InfluencerStatus = (typeof influencerStatuses)[number];

export interface InfluencerCampaign {
  orgId: string;
  eventId: string;
  campaignId: string;
  influencerId: string;
  name: string;
  handle: string;
  platform: SocialPlatform;
  fee: Money;
  deliverables: Deliverable[];
  status: InfluencerStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** An influencer's fee counts in the campaign's cost unless the agreement was cancelled. */
export const feeCounts = (status: InfluencerStatus): boolean => status !== 'cancelled';

export interface CampaignResults {
  campaignId: string;
  trackingCode: string;
  bookings: { total: number; byStatus: Record<string, number>; places: number };
  /** Paid orders of those bookings: received less refunded, per currency. */
  revenue: Money[];
  /** The budget and the influencers' fees, per currency. */
  cost: Money[];
  /** Cost divided by confirmed bookings, per currency (null with none). */
  costPerBooking: Money[] | null;
  computedAt: string;
}
