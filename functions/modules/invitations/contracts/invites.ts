import {
  attendeeIdSchema,
  emailSchema,
  eventIdSchema,
  isoDateTime,
  orgIdSchema,
  orgParams,
} from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';

const eventInviteIdSchema = z
  .string()
  .regex(/^evi_[0-9a-z]{20}$/, 'must be an event invite id (evi_ followed by 20 lowercase letters or digits)')
  .openapi({ example: 'evi_1a2b3c4d5e6f7g8h9j0k' });

/** A ticket category's id (the pricing module's categories), stored on the pass as given. */
const categoryIdSchema = z
  .string()
  .regex(
    /^cat_[0-9a-z]{20}$/,
    'must be a ticket category id (cat_ followed by 20 lowercase letters or digits)',
  )
  .openapi({ example: 'cat_5e9g3j7l1n5q9s3u7w1y' });

/** Instants are stored in UTC, so they compare as strings. */
const utcInstant = isoDateTime.transform((t) => new Date(t).toISOString());

const phoneSchema = z
  .string()
  .max(16)
  .regex(/^\+[1-9]\d{1,14}$/, 'must be an E.164 phone number such as +4915112345678')
  .openapi({ example: '+4915112345678' });

export const eventInvitesParams = orgParams.extend({ eventId: eventIdSchema });
export const eventInviteParams = eventInvitesParams.extend({ inviteId: eventInviteIdSchema });

const options = {
  skipApproval: z
    .boolean()
    .default(false)
    .openapi({ description: 'The holder books an approval event without a join request' }),
  unlocksCategoryIds: z
    .array(categoryIdSchema)
    .max(20)
    .default([])
    .openapi({ description: 'Hidden ticket categories the holder may buy' }),
};

/** Exactly one of attendeeId, email and phone for a direct invite; none of them for a link. */
export const createEventInviteBody = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('direct'),
      attendeeId: attendeeIdSchema.optional(),
      email: emailSchema.optional(),
      phone: phoneSchema.optional(),
      ...options,
    }),
    z.strictObject({
      kind: z.literal('link'),
      expiresAt: utcInstant.optional().openapi({ description: 'The link admits nobody from then on' }),
      maxUses: z.number().int().min(1).max(100_000).optional().openapi({ example: 50 }),
      ...options,
    }),
  ])
  .superRefine((b, ctx) => {
    if (b.kind !== 'direct') return;
    const named = [b.attendeeId, b.email, b.phone].filter((v) => v !== undefined).length;
    if (named !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['attendeeId'],
        message: 'a direct invite names exactly one of attendeeId, email and phone',
      });
    }
  })
  .openapi('CreateEventInvite');

export const eventInviteSchema = z
  .object({
    orgId: orgIdSchema,
    eventId: eventIdSchema,
    inviteId: eventInviteIdSchema,
    kind: z.enum(['direct', 'link']),
    attendeeId: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    expiresAt: isoDateTime.nullable(),
    maxUses: z.number().int().nullable(),
    uses: z.number().int(),
    skipApproval: z.boolean(),
    unlocksCategoryIds: z.array(z.string()),
    status: z.enum(['active', 'revoked']),
    createdBy: z.string(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .openapi('EventInvite');

export const createdEventInviteSchema = eventInviteSchema
  .extend({
    token: z.string().nullable().openapi({
      description: "A link's token: shown once, only its hash is stored (null for a direct invite)",
    }),
  })
  .openapi('CreatedEventInvite');

export const redeemEventInviteBody = z
  .strictObject({
    token: z
      .string()
      .min(30)
      .max(512)
      .openapi({ example: 'evi_1a2b3c4d5e6f7g8h9j0k.Xq3v8b0cXHk2a7ZpQeY5sW1mN4tR6uJ9Xq3v8b0cXHk' }),
  })
  .openapi('RedeemEventInvite');

export const eventPassSchema = z
  .object({
    orgId: orgIdSchema,
    eventId: eventIdSchema,
    attendeeId: attendeeIdSchema,
    userId: z.string().nullable(),
    source: z.enum(['invite', 'request']),
    inviteId: z.string().nullable(),
    skipApproval: z.boolean(),
    unlocksCategoryIds: z.array(z.string()),
    createdAt: isoDateTime,
  })
  .openapi('EventPass');
