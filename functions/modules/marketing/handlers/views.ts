import type { Campaign, InfluencerCampaign, Post, SocialAccount } from '../domain/model.js';

/** What readers see: no write versions, no keys repeated under a campaign, never a token's secret name. */
export const campaignView = ({ version: _v, ...c }: Campaign) => c;
export const postView = ({ version: _v, orgId: _o, eventId: _e, ...p }: Post) => p;
export const influencerView = ({ version: _v, orgId: _o, eventId: _e, ...i }: InfluencerCampaign) => i;
export const accountView = ({ version: _v, orgId: _o, tokenRef: _t, ...a }: SocialAccount) => a;
