import { freeText } from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';

/** Seat maps and tables of seated and table sessions (see modules/catalog/domain/sessions-seating.ts). */

export const seatingModeSchema = z
  .enum(['general', 'seated', 'tables'])
  .openapi({ description: 'General admission, numbered seats, or tables', example: 'seated' });

const seatLabel = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,15}$/, 'must be 1-16 letters, digits or dashes')
  .openapi({ example: 'A1' });

const seatRow = z
  .strictObject({
    name: z
      .string()
      .regex(/^[A-Za-z0-9]{1,8}$/, 'must be 1-8 letters or digits')
      .openapi({ example: 'A' }),
    seats: z.number().int().min(1).max(500).openapi({ example: 10 }),
  })
  .openapi('SeatRow');

export const seatMapInputSchema = z
  .union([
    z.strictObject({ rows: z.array(seatRow).min(1).max(200) }),
    z.strictObject({ labels: z.array(seatLabel).min(1).max(5_000) }),
  ])
  .openapi('SeatMapInput', {
    description:
      'Rows (`{ name: "A", seats: 10 }` gives A1..A10, rows in the order given; a row name ending in a digit gets a dash: R1-1..R1-10) or an explicit ordered list of labels. The order defines which seat is "lowest available".',
    example: { rows: [{ name: 'A', seats: 10 }] },
  });

export const tableSchema = z
  .strictObject({
    name: freeText(z.string().trim().min(1).max(40)).openapi({ example: 'Table 1' }),
    capacity: z.number().int().min(1).max(100).openapi({ example: 8 }),
  })
  .openapi('SessionTable');

export const tablesInputSchema = z
  .array(tableSchema)
  .min(1)
  .max(500)
  .openapi({
    description: 'The tables of a table session; their capacities add up to the session capacity',
    example: [
      { name: 'Table 1', capacity: 8 },
      { name: 'Table 2', capacity: 8 },
    ],
  });

export const seatMapSchema = z
  .object({ seats: z.array(z.string()).openapi({ example: ['A1', 'A2', 'A3'] }) })
  .openapi('SeatMap', { description: 'The seat labels in "lowest available" order' });

export const availabilitySchema = z
  .object({
    capacity: z.number().int().openapi({ example: 120 }),
    available: z.number().int().openapi({ example: 100 }),
    held: z.number().int().openapi({ example: 5 }),
    confirmed: z.number().int().openapi({ example: 15 }),
  })
  .openapi('Availability', {
    description: 'The live capacity counter: capacity = available + held + confirmed',
  });
