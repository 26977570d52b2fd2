import {
  attendeeIdSchema,
  emailSchema,
  freeText,
  orgIdSchema,
  orgParams,
  pageQuerySchema,
  stampFields,
  userIdSchema,
} from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';

export const phoneSchema = z
  .string()
  .max(16)
  .regex(/^\+[1-9]\d{1,14}$/, 'must be an E.164 phone number such as +4915112345678')
  .openapi({ example: '+4915112345678' });

const genderSchema = z
  .string()
  .regex(/^[a-z][a-z_-]{0,31}$/, 'must be a lowercase word such as female, male or non_binary')
  .openapi({
    example: 'female',
    description: 'Self-declared; events with an allowedGenders guest rule read it',
  });

const firstName = freeText(z.string().trim().min(1).max(100)).openapi({ example: 'Ada' });
const lastName = freeText(z.string().trim().min(1).max(100)).openapi({ example: 'Lovelace' });

export const attendeeParams = orgParams.extend({ attendeeId: attendeeIdSchema });

export const createAttendeeBody = z
  .strictObject({
    firstName,
    lastName,
    email: emailSchema.optional(),
    phone: phoneSchema.optional(),
    userId: userIdSchema
      .optional()
      .openapi({ description: 'Links the attendee to a signed-in user (their JWT subject)' }),
    gender: genderSchema.optional(),
  })
  .openapi('CreateAttendee');

export const updateAttendeeBody = z
  .strictObject({
    firstName: firstName.optional(),
    lastName: lastName.optional(),
    email: emailSchema.nullable().optional().openapi({ description: 'null removes the email' }),
    phone: phoneSchema.nullable().optional().openapi({ description: 'null removes the phone number' }),
    gender: genderSchema.nullable().optional().openapi({ description: 'null removes the gender' }),
  })
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change')
  .openapi('UpdateAttendee');

export const myAttendeeBody = z
  .strictObject({ firstName, lastName, phone: phoneSchema.optional(), gender: genderSchema.optional() })
  .openapi('MyAttendee', {
    description:
      "The email is taken from the caller's token, and only when its `email_verified` claim is true",
  });

export const attendeeListQuery = pageQuerySchema
  .extend({
    email: emailSchema.optional().openapi({ description: 'The attendee with this email (any case), if any' }),
    phone: phoneSchema.optional().openapi({ description: 'The attendee with this phone number, if any' }),
  })
  .refine((q) => q.email === undefined || q.phone === undefined, {
    message: 'look up by email or by phone, not both',
    path: ['phone'],
  });

export const attendeeSchema = z
  .object({
    orgId: orgIdSchema,
    attendeeId: attendeeIdSchema,
    firstName: z.string().openapi({ example: 'Ada' }),
    lastName: z.string().openapi({ example: 'Lovelace' }),
    email: z.string().nullable().openapi({ example: 'ada@example.com' }),
    phone: z.string().nullable().openapi({ example: '+4915112345678' }),
    userId: z.string().nullable().openapi({ example: 'user-ada' }),
    gender: z.string().nullable().openapi({ example: 'female' }),
    partyId: z.string().nullable().openapi({ example: 'pty_7g8h9j0k1a2b3c4d5e6f' }),
    tags: z
      .array(z.string())
      .openapi({ description: 'Added by automations (docs/automations.md)', example: ['vip'] }),
    ...stampFields,
  })
  .openapi('Attendee');
