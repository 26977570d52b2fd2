import {
  calendarDateSchema,
  currencySchema,
  eventParams,
  freeText,
  isoDateTime,
  orgParams,
  prefixedIdSchema,
  stampFields,
  trackingCodeSchema,
  utcInstant,
} from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';
import {
  campaignChannels,
  campaignStatuses,
  deliverableKinds,
  influencerStatuses,
  postStatuses,
  socialPlatforms,
} from '../domain/model.js';

/** An event's campaigns, posts and influencer agreements; the organization's social accounts (docs/marketing.md). */

const campaignIdSchema = prefixedIdSchema('mkc', 'campaign', 'mkc_5k9m3p7r1t5v9x3z7b1d');
const postIdSchema = prefixedIdSchema('mkp', 'post', 'mkp_5k9m3p7r1t5v9x3z7b1d');
const influencerIdSchema = prefixedIdSchema('mki', 'influencer campaign', 'mki_5k9m3p7r1t5v9x3z7b1d');
const deliverableIdSchema = prefixedIdSchema('mkd', 'deliverable', 'mkd_5k9m3p7r1t5v9x3z7b1d');
const accountIdSchema = prefixedIdSchema('soc', 'social account', 'soc_5k9m3p7r1t5v9x3z7b1d');

export const campaignParams = eventParams.extend({ campaignId: campaignIdSchema });
export const postParams = campaignParams.extend({ postId: postIdSchema });
export const influencerParams = campaignParams.extend({ influencerId: influencerIdSchema });
export const accountParams = orgParams.extend({ accountId: accountIdSchema });

const shortText = (max: number) => freeText(z.string().trim().min(1).max(max));
const money = z.strictObject({
  amountMinor: z
    .number()
    .int()
    .min(0)
    .max(1_000_000_000_000)
    .openapi({ description: 'In minor units of `currency`', example: 50000 }),
  currency: currencySchema,
});
const platformSchema = z.enum(socialPlatforms).openapi('SocialPlatform');
const httpsUrl = z
  .url({ protocol: /^https$/ })
  .max(2000)
  .openapi({ example: 'https://example.com/spring-gala' });

const goalSchema = z.strictObject({
  bookings: z.number().int().min(1).max(10_000_000).nullable().optional(),
  revenue: money.nullable().optional(),
});

const campaignFields = {
  name: shortText(200).openapi({ example: 'Spring newsletter' }),
  channel: z.enum(campaignChannels).openapi('CampaignChannel'),
  startsAt: utcInstant,
  endsAt: utcInstant.openapi({ description: 'After startsAt' }),
  budget: money,
  goal: goalSchema.optional(),
};

export const createCampaignBody = z
  .strictObject({
    ...campaignFields,
    trackingCode: trackingCodeSchema.optional().openapi({
      description: 'Unique in the organization (409 TRACKING_CODE_TAKEN); one is made when left out',
    }),
  })
  .openapi('CreateCampaign');

export const updateCampaignBody = z
  .strictObject({
    name: campaignFields.name.optional(),
    channel: campaignFields.channel.optional(),
    startsAt: utcInstant.optional(),
    endsAt: utcInstant.optional(),
    budget: money.optional(),
    goal: goalSchema.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change')
  .openapi('UpdateCampaign');

export const moveCampaignBody = z
  .strictObject({
    status: z.enum(campaignStatuses).openapi('CampaignStatus', {
      description: 'draft -> active -> completed, or cancelled from draft or active',
    }),
  })
  .openapi('MoveCampaign');

export const campaignSchema = z
  .object({
    orgId: z.string(),
    eventId: z.string(),
    campaignId: campaignIdSchema,
    name: z.string(),
    channel: z.enum(campaignChannels),
    startsAt: isoDateTime,
    endsAt: isoDateTime,
    budget: money,
    goal: z.object({ bookings: z.number().int().nullable(), revenue: money.nullable() }),
    trackingCode: z.string(),
    status: z.enum(campaignStatuses),
    createdBy: z.string(),
    ...stampFields,
  })
  .openapi('Campaign');

const moneyList = z.array(money);
export const resultsSchema = z
  .object({
    campaignId: campaignIdSchema,
    trackingCode: z.string(),
    bookings: z.object({
      total: z.number().int(),
      byStatus: z.record(z.string(), z.number().int()),
      places: z.number().int().openapi({ description: 'Places of held and confirmed bookings' }),
    }),
    revenue: moneyList.openapi({ description: 'Received less refunded, per currency' }),
    cost: moneyList.openapi({ description: "Budget and the influencers' fees, per currency" }),
    costPerBooking: moneyList.nullable().openapi({ description: 'Per confirmed booking; null with none' }),
    computedAt: isoDateTime,
  })
  .openapi('CampaignResults');

export const createPostBody = z
  .strictObject({
    accountId: accountIdSchema,
    text: freeText(z.string().trim().min(1).max(3000), { multiline: true }),
    link: httpsUrl.optional().openapi({ description: "Carries the campaign's code as `trackingCode`" }),
    scheduledAt: utcInstant.optional().openapi({ description: 'In the future: scheduled at once' }),
  })
  .openapi('CreatePost');

export const schedulePostBody = z.strictObject({ at: utcInstant }).openapi('SchedulePost');

export const postSchema = z
  .object({
    campaignId: campaignIdSchema,
    postId: postIdSchema,
    accountId: accountIdSchema,
    text: z.string(),
    link: z.string().nullable(),
    trackedLink: z.string().nullable(),
    status: z.enum(postStatuses).openapi('PostStatus'),
    scheduledAt: isoDateTime.nullable(),
    publishedAt: isoDateTime.nullable(),
    externalId: z.string().nullable(),
    failedAt: isoDateTime.nullable(),
    failureReason: z.string().nullable(),
    cancelledAt: isoDateTime.nullable(),
    createdBy: z.string(),
    ...stampFields,
  })
  .openapi('Post');

const deliverableInput = z.strictObject({
  kind: z.enum(deliverableKinds).openapi('DeliverableKind'),
  dueDate: calendarDateSchema,
});

export const createInfluencerBody = z
  .strictObject({
    name: shortText(200).openapi({ example: 'Ada Lovelace' }),
    handle: shortText(100).openapi({ example: '@ada' }),
    platform: platformSchema,
    fee: money,
    deliverables: z.array(deliverableInput).max(50).optional(),
  })
  .openapi('CreateInfluencerCampaign');

export const updateInfluencerBody = z
  .strictObject({
    name: shortText(200).optional(),
    handle: shortText(100).optional(),
    platform: platformSchema.optional(),
    fee: money.optional(),
    status: z.enum(influencerStatuses).optional().openapi({
      description: 'proposed -> agreed -> completed, or cancelled',
    }),
  })
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change')
  .openapi('UpdateInfluencerCampaign');

export const deliverableBody = z
  .strictObject({ deliverableId: deliverableIdSchema, delivered: z.boolean(), url: httpsUrl.optional() })
  .openapi('MarkDeliverable');

export const influencerSchema = z
  .object({
    campaignId: campaignIdSchema,
    influencerId: influencerIdSchema,
    name: z.string(),
    handle: z.string(),
    platform: platformSchema,
    fee: money,
    deliverables: z.array(
      z.object({
        deliverableId: deliverableIdSchema,
        kind: z.enum(deliverableKinds),
        dueDate: z.string(),
        delivered: z.boolean(),
        url: z.string().nullable(),
        deliveredAt: isoDateTime.nullable(),
      }),
    ),
    status: z.enum(influencerStatuses),
    ...stampFields,
  })
  .openapi('InfluencerCampaign');

export const influencerListSchema = z
  .object({ items: z.array(influencerSchema) })
  .openapi('InfluencerCampaignList');

const accessToken = z
  .string()
  .min(8)
  .max(4096)
  .regex(/^[\x21-\x7e]+$/, 'must be printable characters without spaces')
  .openapi({ description: 'Kept in a secret; never answered', example: 'EAAG-example-token' });

export const createSocialAccountBody = z
  .strictObject({
    platform: platformSchema,
    handle: shortText(100).openapi({ example: '@spring_gala' }),
    displayName: shortText(200).openapi({ example: 'Spring Gala' }),
    accessToken,
  })
  .openapi('CreateSocialAccount');

export const updateSocialAccountBody = z
  .strictObject({ handle: shortText(100).optional(), displayName: shortText(200).optional() })
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change')
  .openapi('UpdateSocialAccount');

export const rotateTokenBody = z.strictObject({ accessToken }).openapi('RotateSocialToken');

export const socialAccountSchema = z
  .object({
    accountId: accountIdSchema,
    platform: platformSchema,
    handle: z.string(),
    displayName: z.string(),
    last4: z.string().openapi({ description: "The token's last 4 characters" }),
    fingerprint: z.string().openapi({ description: 'A digest prefix of the token' }),
    rotatedAt: isoDateTime,
    ...stampFields,
  })
  .openapi('SocialAccount');
