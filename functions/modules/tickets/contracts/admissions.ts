import { attendeeIdSchema, isoDateTime, orgParams } from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';
import { ticketIdSchema } from './tickets.js';

export const attendanceParams = orgParams.extend({ attendeeId: attendeeIdSchema });

const moveCounts = { entries: z.number().int().min(0), exits: z.number().int().min(0) };

export const admissionSummarySchema = z
  .object({
    sessionId: z.string(),
    tickets: z.number().int().min(0).openapi({ description: 'Places of the confirmed bookings' }),
    inside: z.number().int().min(0).openapi({ description: 'Tickets inside now' }),
    entered: z.number().int().min(0).openapi({ description: 'Tickets that ever entered' }),
    exits: z.number().int().min(0).openapi({ description: 'Exits recorded' }),
    byGate: z.array(z.object({ gate: z.string(), ...moveCounts })),
    byHour: z
      .array(z.object({ hour: isoDateTime, ...moveCounts }))
      .openapi({ description: 'By the UTC hour the scans were made in (the hour’s start), earliest first' }),
    noShows: z.number().int().min(0).nullable().openapi({
      description: 'Confirmed tickets never admitted, once the session has started; null before',
    }),
    generatedAt: isoDateTime,
  })
  .openapi('AdmissionSummary');

export const insideItemSchema = z
  .object({
    ticketId: ticketIdSchema,
    bookingId: z.string(),
    attendeeId: z.string().nullable(),
    name: z
      .string()
      .nullable()
      .openapi({ description: "The attendee's name, or the party's for a party booking" }),
    since: isoDateTime.openapi({ description: 'When the ticket last went in' }),
    gate: z.string(),
  })
  .openapi('InsideNow');

export const attendanceItemSchema = z
  .object({
    sessionId: z.string(),
    ticketId: ticketIdSchema,
    bookingId: z.string(),
    firstEntryAt: isoDateTime,
    entries: z.number().int().min(1),
    state: z.enum(['in', 'out']).openapi({ description: 'The last move: in, or out' }),
    lastMoveAt: isoDateTime,
    gate: z.string().openapi({ description: 'Where the last move was made' }),
  })
  .openapi('AttendanceRecord');

/** The export's columns, in order (handlers/admissions.ts writes them). */
export const admissionCsvColumns = [
  'ticketId',
  'bookingId',
  'seat',
  'attendee',
  'state',
  'firstEntryAt',
  'lastMoveAt',
  'gate',
  'entries',
  'bookingStatus',
] as const;

export const admissionCsvSchema = z.string().openapi({
  description: `CSV (RFC 4180, CRLF), a header row then one row per ticket: ${admissionCsvColumns.join(', ')}. \`state\` is in, out or not_arrived. Cells that a spreadsheet would run as a formula start with \`'\`.`,
  example: `${admissionCsvColumns.join(',')}\r\nbkg_5e6f7g8h9j0k1a2b3c4d-1,bkg_5e6f7g8h9j0k1a2b3c4d,A1,Ada Lovelace,in,2026-11-22T18:31:04.000Z,2026-11-22T18:31:04.000Z,North gate,1,confirmed\r\n`,
});
