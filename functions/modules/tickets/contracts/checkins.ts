import { attendeeIdSchema, freeText, orgParams, sessionIdSchema } from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';
import { scanOutcomes } from '../domain/model.js';
import { checkinListIdSchema } from './checkin-lists.js';
import { otpCodeSchema } from './otp.js';

const label = (example: string) => freeText(z.string().trim().min(1).max(64)).openapi({ example });

export const checkinParams = orgParams;

export const scanBody = z
  .strictObject({
    sessionId: sessionIdSchema,
    method: z.enum(['qr', 'nfc', 'app', 'manual', 'otp']).openapi({
      description:
        'qr, nfc (the code the tag holds), app (a rotating code): `code`; manual: `attendeeId`; otp: `attendeeId` and `otp` (POST .../checkins/otp sends it)',
    }),
    code: z.string().min(1).max(1024).optional(),
    attendeeId: attendeeIdSchema.optional(),
    otp: otpCodeSchema.optional(),
    direction: z.enum(['entry', 'exit']).default('entry'),
    gate: label('North gate'),
    deviceId: label('scanner-07').optional(),
    listId: checkinListIdSchema
      .optional()
      .openapi({ description: "A check-in list: its rules apply instead of the event's settings" }),
    scannedAt: z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({ description: 'When the device scanned; now when absent' }),
    nonce: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8 to 64 letters, digits, _ or -')
      .openapi({ description: 'Chosen by the device per scan: sending it again answers the first answer' }),
  })
  .superRefine((b, ctx) => {
    const byAttendee = b.method === 'manual' || b.method === 'otp';
    if (byAttendee && !b.attendeeId) {
      ctx.addIssue({
        code: 'custom',
        path: ['attendeeId'],
        message: `is required for a ${b.method} check-in`,
      });
    }
    if (b.method === 'otp' && !b.otp) {
      ctx.addIssue({ code: 'custom', path: ['otp'], message: 'is required for an otp check-in' });
    }
    if (!byAttendee && !b.code) {
      ctx.addIssue({ code: 'custom', path: ['code'], message: `is required for a ${b.method} check-in` });
    }
  })
  .openapi('ScanRequest');

export const scanAnswerSchema = z
  .object({
    outcome: z.enum(scanOutcomes),
    nonce: z.string(),
    ticketId: z.string().nullable(),
    bookingId: z.string().nullable(),
    attendee: z.object({ attendeeId: z.string(), name: z.string() }).nullable(),
    previous: z
      .object({ at: z.string(), gate: z.string() })
      .nullable()
      .openapi({ description: 'already_in: when and at which gate the ticket went in' }),
    gate: z.string(),
    scannedAt: z.string(),
    replayed: z.boolean().openapi({ description: 'A nonce sent again: this is its first answer' }),
    reason: z.enum(['otp_none', 'otp_wrong', 'otp_expired', 'otp_exhausted', 'otp_used']).nullable().openapi({
      description:
        'Why an otp scan was refused (`invalid`): no code asked for, wrong digits, expired, out of tries, already used',
    }),
  })
  .openapi('ScanAnswer');
