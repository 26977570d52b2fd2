import { freeText, orgParams, sessionIdSchema } from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';
import { attendeeIdSchema } from '../../people/index.js';

const label = (example: string) => freeText(z.string().trim().min(1).max(64)).openapi({ example });

export const checkinParams = orgParams;

export const scanBody = z
  .strictObject({
    sessionId: sessionIdSchema,
    method: z.enum(['qr', 'nfc', 'app', 'manual']).openapi({
      description: 'qr, nfc (the code the tag holds), app (a rotating code): `code`; manual: `attendeeId`',
    }),
    code: z.string().min(1).max(1024).optional(),
    attendeeId: attendeeIdSchema.optional(),
    direction: z.enum(['entry', 'exit']).default('entry'),
    gate: label('North gate'),
    deviceId: label('scanner-07').optional(),
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
    if (b.method === 'manual' && !b.attendeeId) {
      ctx.addIssue({ code: 'custom', path: ['attendeeId'], message: 'is required for a manual check-in' });
    }
    if (b.method !== 'manual' && !b.code) {
      ctx.addIssue({ code: 'custom', path: ['code'], message: `is required for a ${b.method} check-in` });
    }
  })
  .openapi('ScanRequest');

export const scanAnswerSchema = z
  .object({
    outcome: z.enum([
      'admitted',
      'exited',
      'already_in',
      'not_in',
      'invalid',
      'revoked',
      'unpaid',
      'wrong_session',
      'too_early',
      'too_late',
    ]),
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
  })
  .openapi('ScanAnswer');
