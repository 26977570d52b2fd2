import { DomainError } from '../../../kernel/domain/errors.js';
import { eventNotDeleting } from '../../../kernel/dynamo/live-checks.js';
import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import {
  commitTransaction,
  type TxEntities,
  type TxItem,
  unlessConditionFails,
} from '../../../kernel/dynamo/transactions.js';
import type { MarketingStore } from '../domain/ports.js';
import {
  storedCampaign,
  storedInfluencer,
  storedPost,
  toCampaign,
  toInfluencer,
  toPost,
} from './marketing-items.js';

type At = { orgId: string; eventId: string };

export const dynamoMarketingStore = (service: EventlyService): MarketingStore => {
  const { marketingCampaign, marketingPost, influencerCampaign, trackingCodeClaim } = service.entities;

  /** A new item of the event, in a transaction with the check that the event is not being deleted. */
  const createBeside = async (at: At, items: (tx: TxEntities) => TxItem[]) => {
    await commitTransaction(service, (tx) => [eventNotDeleting(service, tx, at), ...items(tx)]);
  };

  return {
    createCampaign: (c) =>
      createBeside(c, (tx) => [
        // The campaign first: it is the change the audit record names (the claim is its bookkeeping).
        { label: 'campaign', write: tx.marketingCampaign.create(storedCampaign(c)).commit() },
        {
          label: 'code',
          write: tx.trackingCodeClaim
            .create({
              orgId: c.orgId,
              trackingCode: c.trackingCode,
              eventId: c.eventId,
              campaignId: c.campaignId,
              createdAt: c.createdAt,
            })
            .commit(),
          fails: new DomainError(
            'TRACKING_CODE_TAKEN',
            'another campaign of the organization has this tracking code',
            { trackingCode: c.trackingCode },
          ),
        },
      ]),

    async getCampaign({ orgId, eventId, campaignId }) {
      const { data } = await marketingCampaign.get({ orgId, eventId, campaignId }).go({ consistent: true });
      return data ? toCampaign(data) : undefined;
    },

    listCampaigns: (orgId, eventId, page) =>
      queryPage(
        `campaigns:${orgId}:${eventId}`,
        page,
        (opts) => marketingCampaign.query.byEvent({ orgId, eventId }).go(opts),
        toCampaign,
      ),

    saveCampaign: (before, after) =>
      unlessConditionFails(
        marketingCampaign
          .put(storedCampaign(after))
          .where(({ version }, { eq }) => eq(version, before.version))
          .go(),
      ),

    createPost: (p) =>
      createBeside(p, (tx) => [{ label: 'post', write: tx.marketingPost.create(storedPost(p)).commit() }]),

    async getPost({ orgId, eventId, campaignId, postId }) {
      const { data } = await marketingPost
        .get({ orgId, eventId, campaignId, postId })
        .go({ consistent: true });
      return data ? toPost(data) : undefined;
    },

    listPosts: ({ orgId, eventId, campaignId }, page) =>
      queryPage(
        `posts:${orgId}:${eventId}:${campaignId}`,
        page,
        (opts) => marketingPost.query.byEvent({ orgId, eventId, campaignId }).go(opts),
        toPost,
      ),

    async scheduledPosts(orgId, eventId) {
      const { data } = await marketingPost.query
        .byEvent({ orgId, eventId })
        .where(({ status }, { eq }) => eq(status, 'scheduled'))
        .go({ pages: 'all' });
      return data.map(toPost);
    },

    savePost: (before, after) =>
      unlessConditionFails(
        marketingPost
          .put(storedPost(after))
          .where(({ version }, { eq }) => eq(version, before.version))
          .go(),
      ),

    createInfluencer: (i) =>
      createBeside(i, (tx) => [
        { label: 'influencer', write: tx.influencerCampaign.create(storedInfluencer(i)).commit() },
      ]),

    async getInfluencer({ orgId, eventId, campaignId, influencerId }) {
      const { data } = await influencerCampaign
        .get({ orgId, eventId, campaignId, influencerId })
        .go({ consistent: true });
      return data ? toInfluencer(data) : undefined;
    },

    async listInfluencers({ orgId, eventId, campaignId }) {
      const { data } = await influencerCampaign.query
        .byEvent({ orgId, eventId, campaignId })
        .go({ pages: 'all', consistent: true });
      return data.map(toInfluencer);
    },

    saveInfluencer: (before, after) =>
      unlessConditionFails(
        influencerCampaign
          .put(storedInfluencer(after))
          .where(({ version }, { eq }) => eq(version, before.version))
          .go(),
      ),

    // Posts and agreements first, then campaigns with their codes' claims: a step that stops
    // half-way leaves campaigns whose claims the next step still finds.
    async purgeEvent(orgId, eventId, limit) {
      let removed = 0;
      if (removed < limit) {
        const { data } = await marketingPost.query
          .byEvent({ orgId, eventId })
          .go({ limit: limit - removed, attributes: ['orgId', 'eventId', 'campaignId', 'postId'] });
        if (data.length > 0) await marketingPost.delete(data).go();
        removed += data.length;
      }
      if (removed < limit) {
        const { data } = await influencerCampaign.query
          .byEvent({ orgId, eventId })
          .go({ limit: limit - removed, attributes: ['orgId', 'eventId', 'campaignId', 'influencerId'] });
        if (data.length > 0) await influencerCampaign.delete(data).go();
        removed += data.length;
      }
      if (removed < limit) {
        const { data } = await marketingCampaign.query
          .byEvent({ orgId, eventId })
          .go({ limit: limit - removed, attributes: ['orgId', 'eventId', 'campaignId', 'trackingCode'] });
        if (data.length > 0) {
          await trackingCodeClaim.delete(data.map(({ trackingCode }) => ({ orgId, trackingCode }))).go();
          await marketingCampaign.delete(data.map(({ campaignId }) => ({ orgId, eventId, campaignId }))).go();
        }
        removed += data.length;
      }
      return removed;
    },
  };
};
