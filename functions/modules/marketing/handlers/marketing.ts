import { getContainer } from '../../../app/container.js';
import { created, noContent, ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import {
  createCampaign,
  listCampaigns,
  moveCampaign,
  readableCampaign,
  updateCampaign,
} from '../domain/campaigns.js';
import {
  createInfluencer,
  listInfluencers,
  markDeliverable,
  updateInfluencer,
} from '../domain/influencers.js';
import { cancelPost, createPost, getPost, listPosts, schedulePost } from '../domain/posts.js';
import { getCampaignResults } from '../domain/results.js';
import {
  createSocialAccount,
  deleteSocialAccount,
  getSocialAccount,
  listSocialAccounts,
  rotateSocialToken,
  updateSocialAccount,
} from '../domain/social-accounts.js';
import { accountView, campaignView, influencerView, postView } from './views.js';

const deps = () => getContainer().deps;

export const marketingHandlers = {
  createCampaign: async ({ principal, params, body }) =>
    created(campaignView(await createCampaign(deps(), principal, params.orgId, params.eventId, body))),
  listCampaigns: async ({ principal, params, query }) => {
    const page = await listCampaigns(deps(), principal, params.orgId, params.eventId, query);
    return ok({ items: page.items.map(campaignView), nextCursor: page.nextCursor });
  },
  getCampaign: async ({ principal, params }) =>
    ok(campaignView(await readableCampaign(deps(), principal, params))),
  updateCampaign: async ({ principal, params, body }) =>
    ok(campaignView(await updateCampaign(deps(), principal, params, body))),
  moveCampaign: async ({ principal, params, body }) =>
    ok(campaignView(await moveCampaign(deps(), principal, params, body.status))),
  getCampaignResults: async ({ principal, params }) =>
    ok(await getCampaignResults(deps(), principal, params)),
  createCampaignPost: async ({ principal, params, body }) =>
    created(postView(await createPost(deps(), principal, params, body))),
  listCampaignPosts: async ({ principal, params, query }) => {
    const page = await listPosts(deps(), principal, params, query);
    return ok({ items: page.items.map(postView), nextCursor: page.nextCursor });
  },
  getCampaignPost: async ({ principal, params }) => ok(postView(await getPost(deps(), principal, params))),
  scheduleCampaignPost: async ({ principal, params, body }) =>
    ok(postView(await schedulePost(deps(), principal, params, body.at))),
  cancelCampaignPost: async ({ principal, params }) =>
    ok(postView(await cancelPost(deps(), principal, params))),
  createInfluencerCampaign: async ({ principal, params, body }) =>
    created(influencerView(await createInfluencer(deps(), principal, params, body))),
  listInfluencerCampaigns: async ({ principal, params }) =>
    ok({ items: (await listInfluencers(deps(), principal, params)).map(influencerView) }),
  updateInfluencerCampaign: async ({ principal, params, body }) =>
    ok(influencerView(await updateInfluencer(deps(), principal, params, body))),
  markInfluencerDeliverable: async ({ principal, params, body }) =>
    ok(
      influencerView(
        await markDeliverable(deps(), principal, { ...params, deliverableId: body.deliverableId }, body),
      ),
    ),
  createSocialAccount: async ({ principal, params, body }) =>
    created(accountView(await createSocialAccount(deps(), principal, params.orgId, body))),
  listSocialAccounts: async ({ principal, params, query }) => {
    const page = await listSocialAccounts(deps(), principal, params.orgId, query);
    return ok({ items: page.items.map(accountView), nextCursor: page.nextCursor });
  },
  getSocialAccount: async ({ principal, params }) =>
    ok(accountView(await getSocialAccount(deps(), principal, params.orgId, params.accountId))),
  updateSocialAccount: async ({ principal, params, body }) =>
    ok(accountView(await updateSocialAccount(deps(), principal, params.orgId, params.accountId, body))),
  rotateSocialToken: async ({ principal, params, body }) =>
    ok(
      accountView(
        await rotateSocialToken(deps(), principal, params.orgId, params.accountId, body.accessToken),
      ),
    ),
  deleteSocialAccount: async ({ principal, params }) => {
    await deleteSocialAccount(deps(), principal, params.orgId, params.accountId);
    return noContent();
  },
} satisfies Partial<RouteHandlers<'operations'>>;
