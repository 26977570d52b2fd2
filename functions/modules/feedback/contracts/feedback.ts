import {
  attendeeIdSchema,
  eventIdSchema,
  freeText,
  isoDateTime,
  orgIdSchema,
  orgParams,
  pageQuerySchema,
  sessionIdSchema,
} from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';
import type { RatingDimension } from '../domain/model.js';

const feedbackIdSchema = z
  .string()
  .regex(/^fbk_[0-9a-z]{20}$/, 'must be a feedback id (fbk_ followed by 20 lowercase letters or digits)')
  .openapi({ example: 'fbk_1a2b3c4d5e6f7g8h9j0k' });

export const feedbackEventParams = orgParams.extend({ eventId: eventIdSchema });

const rating = z
  .number()
  .int()
  .min(1)
  .max(5)
  .openapi({ example: 4, description: 'From 1 (poor) to 5 (excellent)' });

const remark = freeText(z.string().trim().min(1).max(2000), { multiline: true });

export const feedbackBody = z
  .strictObject({
    sessionId: sessionIdSchema
      .optional()
      .openapi({ description: 'The session it is about; without it, the event as a whole' }),
    anonymous: z
      .boolean()
      .optional()
      .openapi({ description: 'Organizers never see who gave it (the attendee is not stored with it)' }),
    ratings: z
      .strictObject({
        overall: rating,
        content: rating.optional(),
        speaker: rating.optional(),
        venue: rating.optional(),
        organization: rating.optional(),
      })
      .openapi('FeedbackRatings'),
    comments: remark.optional().openapi({ example: 'Great pacing' }),
    suggestions: remark.optional(),
    bestAspects: remark.optional(),
    improvementAreas: remark.optional(),
  })
  .openapi('GiveFeedback');

export const feedbackListQuery = pageQuerySchema.extend({
  sessionId: sessionIdSchema.optional().openapi({ description: "Only this session's feedback" }),
});

const givenRating = z.number().int().min(1).max(5).nullable();

export const feedbackSchema = z
  .object({
    orgId: orgIdSchema,
    eventId: eventIdSchema,
    feedbackId: feedbackIdSchema,
    sessionId: sessionIdSchema.nullable(),
    anonymous: z.boolean(),
    attendeeId: attendeeIdSchema.nullable().openapi({ description: 'Null when anonymous' }),
    ratings: z.object({
      overall: z.number().int().min(1).max(5),
      content: givenRating,
      speaker: givenRating,
      venue: givenRating,
      organization: givenRating,
    }),
    comments: z.string().nullable(),
    suggestions: z.string().nullable(),
    bestAspects: z.string().nullable(),
    improvementAreas: z.string().nullable(),
    createdAt: isoDateTime,
  })
  .openapi('Feedback');

const dimensionAverage = z.object({
  count: z.number().int().min(0),
  mean: z.number().min(1).max(5).nullable(),
});

const averages = {
  count: z.number().int().min(0),
  ratings: z.object({
    overall: dimensionAverage,
    content: dimensionAverage,
    speaker: dimensionAverage,
    venue: dimensionAverage,
    organization: dimensionAverage,
  } satisfies Record<RatingDimension, typeof dimensionAverage>),
};

const averagesSchema = z.object(averages).openapi('FeedbackAverages');

export const feedbackSummarySchema = z
  .object({
    eventId: eventIdSchema,
    all: averagesSchema.openapi({ description: 'All feedback of the event, its sessions included' }),
    eventLevel: averagesSchema.openapi({ description: 'The feedback on the event as a whole' }),
    sessions: z.array(z.object({ sessionId: sessionIdSchema, ...averages })),
    speakers: z.array(z.object({ speakerId: z.string(), ...averages })).openapi({
      description: 'Each speaker of the agenda: the feedback on the sessions they speak in, taken together',
    }),
  })
  .openapi('FeedbackSummary');
