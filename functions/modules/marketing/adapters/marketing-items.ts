import type { EntityItem } from 'electrodb';
import { fromStored, toStored } from '../../../kernel/dynamo/stored.js';
import type { Campaign, Deliverable, DeliverableKind, InfluencerCampaign, Post } from '../domain/model.js';
import type { marketingCampaignEntity } from './entities/campaign.js';
import type { influencerCampaignEntity } from './entities/influencer.js';
import type { marketingPostEntity } from './entities/post.js';

/** Between the marketing module's objects and their items. */

type CampaignItem = EntityItem<typeof marketingCampaignEntity>;
type PostItem = EntityItem<typeof marketingPostEntity>;
type InfluencerItem = EntityItem<typeof influencerCampaignEntity>;

export const storedCampaign = ({ goal, ...c }: Campaign) => ({
  ...c,
  ...(goal.bookings !== null ? { goalBookings: goal.bookings } : {}),
  ...(goal.revenue ? { goalRevenue: goal.revenue } : {}),
});

export const toCampaign = ({ goalBookings, goalRevenue, ...item }: CampaignItem): Campaign => ({
  ...item,
  goal: { bookings: goalBookings ?? null, revenue: goalRevenue ?? null },
});

export const storedPost = (p: Post) => toStored(p);

export const toPost = fromStored<Post, PostItem>({
  nullable: {
    link: true,
    trackedLink: true,
    scheduledAt: true,
    publishedAt: true,
    externalId: true,
    failedAt: true,
    failureReason: true,
    cancelledAt: true,
  },
  itemOnly: {},
});

export const storedInfluencer = ({ deliverables, ...i }: InfluencerCampaign) => ({
  ...i,
  deliverables: deliverables.map((d) => toStored(d)),
});

const toDeliverable = (d: InfluencerItem['deliverables'][number]): Deliverable => ({
  deliverableId: d.deliverableId,
  kind: d.kind as DeliverableKind,
  dueDate: d.dueDate,
  delivered: d.delivered,
  url: d.url ?? null,
  deliveredAt: d.deliveredAt ?? null,
});

export const toInfluencer = ({ deliverables, ...item }: InfluencerItem): InfluencerCampaign => ({
  ...item,
  deliverables: deliverables.map(toDeliverable),
});
