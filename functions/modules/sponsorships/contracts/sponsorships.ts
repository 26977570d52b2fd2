import {
  eventParams,
  freeText,
  isoDateTime,
  pageQuerySchema,
  prefixedIdSchema,
  stampFields,
  userIdSchema,
} from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';
import { sponsorTiers } from '../../conference/index.js';
import { dealStatuses, packageStatuses } from '../domain/model.js';

/** An event's sponsorship packages and deals, their onboarding and activations (docs/sponsorships.md). */

export const packageIdSchema = prefixedIdSchema('spp', 'sponsorship package', 'spp_5k9m3p7r1t5v9x3z7b1d');
export const dealIdSchema = prefixedIdSchema('spd', 'sponsorship deal', 'spd_5k9m3p7r1t5v9x3z7b1d');
const stepIdSchema = prefixedIdSchema('sps', 'onboarding step', 'sps_5k9m3p7r1t5v9x3z7b1d');
const activationIdSchema = prefixedIdSchema('spa', 'activation', 'spa_5k9m3p7r1t5v9x3z7b1d');

export const packageParams = eventParams.extend({ packageId: packageIdSchema });
export const dealParams = eventParams.extend({ dealId: dealIdSchema });
export const stepParams = dealParams.extend({ stepId: stepIdSchema });
export const activationParams = dealParams.extend({ activationId: activationIdSchema });

const tierSchema = z
  .enum(sponsorTiers)
  .openapi({ description: 'The tier of the sponsor a signed deal creates' });
const packageStatusSchema = z.enum(packageStatuses).openapi('SponsorshipPackageStatus', {
  description: 'retired: no new deal, no signing',
});
const dealStatusSchema = z.enum(dealStatuses).openapi('SponsorshipDealStatus', {
  description:
    'prospect -> proposal_sent -> contract_signed -> onboarding -> activations_delivered; lost before signing, cancelled after',
});

const shortText = (max: number) => freeText(z.string().trim().min(1).max(max));
const longText = (max: number) => freeText(z.string().trim().max(max), { multiline: true });
const calendarDate = z.iso.date().openapi({ description: 'YYYY-MM-DD', example: '2027-06-30' });

const amountMinor = z
  .number()
  .int()
  .min(0)
  .max(1_000_000_000_000)
  .openapi({ description: 'In minor units of the currency (cents for EUR)', example: 500000 });
const currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code such as EUR')
  .openapi({ example: 'EUR' });
const money = z.strictObject({ amountMinor, currency });

const activationTemplate = z.strictObject({
  name: shortText(120).openapi({ example: 'Logo on website' }),
  scheduledDate: calendarDate.nullable().optional(),
});

const packageFields = {
  name: shortText(200).openapi({ example: 'Gold partner' }),
  tier: tierSchema,
  price: money,
  benefits: z.array(shortText(200)).max(30).optional(),
  quantity: z.number().int().min(1).max(1000).openapi({ description: 'How many deals may be signed on it' }),
  onboardingSteps: z
    .array(shortText(120))
    .max(20)
    .optional()
    .openapi({
      description: 'Names of the steps each signed deal gets, in order',
      example: ['Logo received'],
    }),
  activations: z.array(activationTemplate).max(20).optional(),
};

export const createPackageBody = z.strictObject(packageFields).openapi('CreateSponsorshipPackage');

export const updatePackageBody = z
  .strictObject({
    ...packageFields,
    name: packageFields.name.optional(),
    tier: tierSchema.optional(),
    price: money.optional(),
    quantity: packageFields.quantity.optional(),
    status: packageStatusSchema.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change')
  .openapi('UpdateSponsorshipPackage');

const contactSchema = z.strictObject({
  name: shortText(120).nullable().optional(),
  email: z.email().max(254).nullable().optional(),
  phone: z
    .string()
    .regex(/^\+[1-9][0-9]{6,14}$/, 'must be a phone number in E.164 form, such as +4915112345678')
    .nullable()
    .optional(),
});

const dealFields = {
  companyName: shortText(200).openapi({ example: 'Acme GmbH' }),
  contact: contactSchema.optional(),
  ownerId: userIdSchema
    .optional()
    .openapi({ description: 'The member who runs the deal; the caller by default' }),
  notes: longText(4000).nullable().optional(),
  amountMinor: amountMinor
    .optional()
    .openapi({ description: "In the package's currency; its price by default" }),
};

export const createDealBody = z
  .strictObject({ packageId: packageIdSchema, ...dealFields })
  .openapi('CreateSponsorshipDeal');

export const updateDealBody = z
  .strictObject({ ...dealFields, companyName: dealFields.companyName.optional() })
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change')
  .openapi('UpdateSponsorshipDeal');

export const moveDealBody = z.strictObject({ status: dealStatusSchema }).openapi('MoveSponsorshipDeal');

export const stepBody = z.strictObject({ completed: z.boolean() }).openapi('CompleteOnboardingStep');

export const activationBody = z
  .strictObject({ scheduledDate: calendarDate.nullable().optional(), delivered: z.boolean().optional() })
  .refine((b) => Object.keys(b).length > 0, 'give scheduledDate or delivered')
  .openapi('UpdateSponsorActivation');

export const dealListQuery = pageQuerySchema.extend({
  status: dealStatusSchema.optional(),
  packageId: packageIdSchema.optional(),
});

const moneySchema = z.object({ amountMinor: z.number().int(), currency: z.string() });

export const packageSchema = z
  .object({
    orgId: z.string(),
    eventId: z.string(),
    packageId: packageIdSchema,
    name: z.string(),
    tier: tierSchema,
    price: moneySchema,
    benefits: z.array(z.string()),
    quantity: z.number().int(),
    sold: z.number().int().openapi({ description: 'Deals signed on it and not cancelled' }),
    onboardingSteps: z.array(z.string()),
    activations: z.array(z.object({ name: z.string(), scheduledDate: z.string().nullable() })),
    status: packageStatusSchema,
    ...stampFields,
  })
  .openapi('SponsorshipPackage');

export const dealSchema = z
  .object({
    orgId: z.string(),
    eventId: z.string(),
    dealId: dealIdSchema,
    packageId: packageIdSchema,
    companyName: z.string(),
    contact: z.object({
      name: z.string().nullable(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
    }),
    ownerId: z.string(),
    notes: z.string().nullable(),
    amount: moneySchema,
    status: dealStatusSchema,
    proposalSentAt: isoDateTime.nullable(),
    signedAt: isoDateTime.nullable(),
    closedAt: isoDateTime.nullable(),
    sponsorId: z.string().nullable().openapi({ description: "The event's sponsor the signing created" }),
    stepsTotal: z.number().int(),
    stepsCompleted: z.number().int(),
    activationsTotal: z.number().int(),
    activationsDelivered: z.number().int(),
    ...stampFields,
  })
  .openapi('SponsorshipDeal');

const stepSchema = z
  .object({
    stepId: stepIdSchema,
    position: z.number().int(),
    name: z.string(),
    completed: z.boolean(),
    completedAt: isoDateTime.nullable(),
    completedBy: z.string().nullable(),
  })
  .openapi('SponsorOnboardingStep');

const activationSchema = z
  .object({
    activationId: activationIdSchema,
    position: z.number().int(),
    name: z.string(),
    scheduledDate: z.string().nullable(),
    delivered: z.boolean(),
    deliveredAt: isoDateTime.nullable(),
    deliveredBy: z.string().nullable(),
  })
  .openapi('SponsorActivation');

export const dealDetailSchema = dealSchema
  .extend({ steps: z.array(stepSchema), activations: z.array(activationSchema) })
  .openapi('SponsorshipDealDetail');
