import { eventIdSchema, orgIdSchema, sessionIdSchema } from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';

export const ticketIdSchema = z
  .string()
  .regex(/^bkg_[0-9a-z]{20}-[1-9][0-9]?$/, "must be a ticket id (a booking id, '-', the place)")
  .openapi({ example: 'bkg_5e6f7g8h9j0k1a2b3c4d-1' });

export const issuedTicketSchema = z
  .object({
    orgId: orgIdSchema,
    sessionId: sessionIdSchema,
    eventId: eventIdSchema,
    bookingId: z.string(),
    ticketId: ticketIdSchema,
    place: z.number().int().min(1),
    seatLabel: z.string().nullable(),
    attendeeId: z.string().nullable(),
    partyId: z.string().nullable(),
    codeKind: z.enum(['static', 'rotating']),
    code: z.string().nullable().openapi({
      description: 'Static codes: the QR or NFC payload, signed with the tenant key (verifiable offline)',
    }),
    rotating: z
      .object({
        token: z.string(),
        secret: z
          .string()
          .openapi({ description: "The ticket's secret (base64url): keep it in the app only" }),
        stepSeconds: z.number().int(),
      })
      .nullable()
      .openapi({
        description:
          'Rotating codes: show `${token}.${step}.${otp}`, step = floor(unix seconds / stepSeconds), otp = the first 8 decimal digits of HMAC-SHA256(secret, step) (dynamic truncation)',
      }),
    text: z.string().openapi({ description: 'One line for wallets and printouts' }),
  })
  .openapi('Ticket');

export const ticketListSchema = z.object({ items: z.array(issuedTicketSchema) }).openapi('TicketList');

export const ticketPageSchema = z
  .object({ items: z.array(issuedTicketSchema), nextCursor: z.string().nullable() })
  .openapi('TicketPage');
