import { attendeeIdSchema, sessionIdSchema } from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';

/** The digits the attendee received, as staff type them in at the door. */
export const otpCodeSchema = z
  .string()
  .regex(/^[0-9]{6}$/, 'must be the 6 digits sent to the attendee')
  .openapi({ example: '042317' });

export const otpRequestBody = z
  .strictObject({ sessionId: sessionIdSchema, attendeeId: attendeeIdSchema })
  .openapi('CheckinOtpRequest');

export const otpSentSchema = z
  .object({
    sessionId: z.string(),
    attendeeId: z.string(),
    sentTo: z
      .object({
        email: z.string().nullable(),
        phone: z.string().nullable(),
        app: z.boolean().openapi({ description: "In the attendee's notifications in the app" }),
      })
      .openapi({
        description:
          "The attendee's contacts on record, masked; the code goes out on those their notification preferences name",
      }),
    expiresAt: z.string(),
    tries: z.number().int().openapi({ description: 'Tries the code allows, right or wrong' }),
    nextRequestAt: z.string().openapi({ description: 'When a new code for this attendee may be asked for' }),
  })
  .openapi('CheckinOtpSent');
