import {
  attendeeIdSchema,
  eventParams,
  freeText,
  isoDateTime,
  prefixedIdSchema,
  sessionIdSchema,
  stampFields,
  userIdSchema,
  utcInstant,
} from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';
import { sponsorTiers } from '../domain/model.js';

/** Speakers, sponsors and the agenda of an event (docs/conference.md). */

export const speakerIdSchema = prefixedIdSchema('spk', 'speaker', 'spk_5k9m3p7r1t5v9x3z7b1d');
export const sponsorIdSchema = prefixedIdSchema('spn', 'sponsor', 'spn_5k9m3p7r1t5v9x3z7b1d');

export const speakerParams = eventParams.extend({ speakerId: speakerIdSchema });
export const sponsorParams = eventParams.extend({ sponsorId: sponsorIdSchema });
export const agendaParams = eventParams.extend({ sessionId: sessionIdSchema });

const httpsUrl = z
  .string()
  .trim()
  .max(2048)
  .pipe(z.url({ protocol: /^https$/, error: 'must be an https:// URL' }))
  .openapi({ example: 'https://example.com/ada' });

const linkSchema = z
  .strictObject({ label: freeText(z.string().trim().min(1).max(60)), url: httpsUrl })
  .openapi('Link');
const links = z.array(linkSchema).max(10);
const money = z
  .strictObject({
    amountMinor: z
      .number()
      .int()
      .min(0)
      .max(1_000_000_000_000)
      .openapi({ description: 'In minor units', example: 150000 }),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code such as EUR')
      .openapi({ example: 'EUR' }),
  })
  .openapi('Money');
const shortText = (max: number) => freeText(z.string().trim().min(1).max(max));
const longText = (max: number) => freeText(z.string().trim().max(max), { multiline: true });
const tags = z.array(freeText(z.string().trim().min(1).max(40))).max(20);

const statusSchema = z.enum(['pending', 'confirmed', 'cancelled']).openapi('ConferenceStatus', {
  description: 'pending -> confirmed -> cancelled (or pending -> cancelled); cancelled is final',
});

const speakerFields = {
  name: shortText(120).openapi({ example: 'Ada Lovelace' }),
  userId: userIdSchema
    .nullable()
    .optional()
    .openapi({ description: 'The signed-in user who is this speaker: they see their sessions' }),
  attendeeId: attendeeIdSchema.nullable().optional(),
  bio: longText(4000).nullable().optional(),
  expertise: z.array(shortText(60)).max(20).optional(),
  links: links.optional(),
  headshotUrl: httpsUrl.nullable().optional(),
  presentationTitle: shortText(200).nullable().optional(),
  presentationDescription: longText(4000).nullable().optional(),
  presentationMinutes: z.number().int().min(5).max(600).nullable().optional(),
  fee: money.nullable().optional().openapi({ description: 'Organizers only' }),
  travelNotes: longText(2000).nullable().optional().openapi({ description: 'Organizers only' }),
};

export const createSpeakerBody = z.strictObject(speakerFields).openapi('CreateSpeaker');
export const updateSpeakerBody = z
  .strictObject({ ...speakerFields, name: speakerFields.name.optional(), status: statusSchema.optional() })
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change')
  .openapi('UpdateSpeaker');

export const speakerSchema = z
  .object({
    orgId: z.string(),
    eventId: z.string(),
    speakerId: speakerIdSchema,
    userId: z.string().nullable(),
    attendeeId: z.string().nullable(),
    name: z.string(),
    bio: z.string().nullable(),
    expertise: z.array(z.string()),
    links: z.array(linkSchema),
    headshotUrl: z.string().nullable(),
    presentationTitle: z.string().nullable(),
    presentationDescription: z.string().nullable(),
    presentationMinutes: z.number().nullable(),
    status: statusSchema,
    fee: money.nullable().optional().openapi({ description: 'Only in answers to organizers' }),
    travelNotes: z.string().nullable().optional().openapi({ description: 'Only in answers to organizers' }),
    ...stampFields,
  })
  .openapi('Speaker');

/** What the public agenda shows of a speaker. */
export const publicSpeakerSchema = z
  .object({
    speakerId: speakerIdSchema,
    name: z.string(),
    bio: z.string().nullable(),
    expertise: z.array(z.string()),
    links: z.array(linkSchema),
    headshotUrl: z.string().nullable(),
    presentationTitle: z.string().nullable(),
  })
  .openapi('PublicSpeaker');

const tierSchema = z.enum(sponsorTiers).openapi('SponsorTier');
const contactSchema = z.strictObject({
  name: shortText(120).nullable().optional(),
  email: z.email().max(254).nullable().optional(),
  phone: z
    .string()
    .regex(/^\+[1-9][0-9]{6,14}$/, 'must be a phone number in E.164 form, such as +4915112345678')
    .nullable()
    .optional(),
});

const sponsorFields = {
  companyName: shortText(200).openapi({ example: 'Analytical Engines Ltd' }),
  tier: tierSchema,
  contact: contactSchema.optional().openapi({ description: 'Organizers only' }),
  representatives: z
    .array(userIdSchema)
    .max(20)
    .optional()
    .openapi({
      description:
        "Organizers only: the users (JWT subjects) who represent the sponsor; they download the event's " +
        'sponsors-only materials and receive its announcements to sponsors',
    }),
  amount: money.nullable().optional().openapi({ description: 'Organizers only' }),
  benefits: z.array(shortText(200)).max(30).optional(),
  logoUrl: httpsUrl.nullable().optional(),
  websiteUrl: httpsUrl.nullable().optional(),
  links: links.optional(),
};

export const createSponsorBody = z.strictObject(sponsorFields).openapi('CreateSponsor');
export const updateSponsorBody = z
  .strictObject({
    ...sponsorFields,
    companyName: sponsorFields.companyName.optional(),
    tier: tierSchema.optional(),
    status: statusSchema.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change')
  .openapi('UpdateSponsor');

export const sponsorSchema = z
  .object({
    orgId: z.string(),
    eventId: z.string(),
    sponsorId: sponsorIdSchema,
    companyName: z.string(),
    tier: tierSchema,
    contact: z
      .object({ name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() })
      .optional()
      .openapi({ description: 'Only in answers to organizers' }),
    representatives: z.array(z.string()).optional().openapi({ description: 'Only in answers to organizers' }),
    amount: money.nullable().optional().openapi({ description: 'Only in answers to organizers' }),
    benefits: z.array(z.string()),
    logoUrl: z.string().nullable(),
    websiteUrl: z.string().nullable(),
    links: z.array(linkSchema),
    status: statusSchema,
    ...stampFields,
  })
  .openapi('Sponsor');

export const publicSponsorSchema = sponsorSchema
  .pick({
    sponsorId: true,
    companyName: true,
    tier: true,
    benefits: true,
    logoUrl: true,
    websiteUrl: true,
    links: true,
  })
  .openapi('PublicSponsor');

export const publicSponsorsSchema = z
  .object({ items: z.array(publicSponsorSchema) })
  .openapi('PublicSponsorList', { description: 'Confirmed sponsors, platinum first, then by name' });

const sessionTypeSchema = z
  .enum(['keynote', 'talk', 'workshop', 'panel', 'networking', 'break'])
  .openapi('AgendaSessionType');
const levelSchema = z.enum(['beginner', 'intermediate', 'advanced']).openapi('AgendaLevel');

export const setAgendaBody = z
  .strictObject({
    title: shortText(200).openapi({ example: 'The Analytical Engine' }),
    description: longText(4000).nullable().optional(),
    type: sessionTypeSchema,
    level: levelSchema.nullable().optional(),
    speakerIds: z.array(speakerIdSchema).max(20).optional(),
    tags: tags.optional(),
    registrationRequired: z.boolean().optional(),
    registrationDeadline: utcInstant.nullable().optional(),
    recordingUrl: httpsUrl.nullable().optional(),
    chatEnabled: z.boolean().optional(),
  })
  .openapi('SetAgendaEntry');

export const agendaStatusBody = z
  .strictObject({ status: z.enum(['live', 'completed']) })
  .openapi('ChangeAgendaStatus', {
    description: 'scheduled -> live -> completed (or scheduled -> completed)',
  });

export const agendaQuery = z.strictObject({
  day: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date in the venue time zone, YYYY-MM-DD')
    .optional(),
  roomId: z.string().max(64).optional(),
  type: sessionTypeSchema.optional(),
  speakerId: speakerIdSchema.optional(),
  tag: z.string().max(40).optional(),
});

const agendaItemFields = {
  sessionId: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  type: sessionTypeSchema,
  level: levelSchema.nullable(),
  tags: z.array(z.string()),
  registrationRequired: z.boolean(),
  registrationDeadline: isoDateTime.nullable(),
  recordingUrl: z.string().nullable(),
  chatEnabled: z.boolean(),
  status: z.enum(['scheduled', 'live', 'completed', 'cancelled']),
  day: z.string().openapi({ description: "The session's date in the venue time zone" }),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  timezone: z.string(),
  venueId: z.string(),
  roomId: z.string(),
};

export const agendaItemSchema = z
  .object({ ...agendaItemFields, speakers: z.array(publicSpeakerSchema), updatedAt: isoDateTime })
  .openapi('AgendaItem');

export const agendaSchema = z.object({ items: z.array(agendaItemSchema) }).openapi('Agenda', {
  description: 'By start time',
});

export const myAgendaSchema = z
  .object({
    booked: z.array(agendaItemSchema).openapi({ description: 'Sessions the caller holds a live booking of' }),
    speaking: z.array(agendaItemSchema).openapi({ description: 'Sessions the caller speaks in' }),
  })
  .openapi('MyAgenda');
