import { freeText, orgParams, pageQuerySchema } from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';
import { conflictIdPattern, conflictKinds } from '../domain/conflict-ports.js';
import { entriesPerAnswer, maxScansPerUpload } from '../domain/offline-limits.js';
import { checkinListIdSchema } from './checkin-lists.js';
import { scanAnswerSchema, scanBody } from './checkins.js';

/** Offline scanners: the list they download, the scans they upload, and the conflicts staff resolve. */

export const offlineListQuery = z.strictObject({
  listId: checkinListIdSchema
    .optional()
    .openapi({ description: "The scanner's check-in list: its rules instead of the event's" }),
  cursor: z
    .string()
    .min(1)
    .max(4096)
    .optional()
    .openapi({ description: 'From the previous page: a large session comes in several pages' }),
});

const outcomeOf = scanAnswerSchema.shape.outcome;

export const offlineListSchema = z
  .object({
    sessionId: z.string(),
    listId: z.string().nullable(),
    generatedAt: z.string(),
    keyId: z.string().openapi({ description: "Names the tenant's key pair: a new one means download again" }),
    publicKeyPem: z
      .string()
      .openapi({ description: 'Ed25519 public key (SPKI PEM) that verifies static codes' }),
    ticketCodes: z.enum(['static', 'rotating']).openapi({
      description:
        "Rotating codes' one-time part needs the ticket's secret: offline, only their signature is checked",
    }),
    rules: z.object({
      opensAt: z.string(),
      closesAt: z.string(),
      reentry: z.boolean(),
      admits: z.boolean(),
    }),
    tickets: z.array(
      z.object({
        ticketId: z.string(),
        secretHash: z.string().openapi({
          description: "SHA-256 (base64url) of the ticket's secret: a static code's secret must match",
        }),
        seatLabel: z.string().nullable(),
        attendeeName: z.string().nullable(),
      }),
    ),
    revoked: z
      .array(z.string())
      .openapi({ description: 'Tickets of cancelled, refunded or expired bookings: refuse them' }),
    inside: z.array(z.object({ ticketId: z.string(), at: z.string(), gate: z.string() })),
    nextCursor: z
      .string()
      .nullable()
      .openapi({
        description: `More of the list (an answer holds about ${entriesPerAnswer} entries): ask again with it as \`cursor\` and merge the pages`,
      }),
  })
  .openapi('OfflineCheckinList');

/** An offline scan is a scan (the same checks) that must say when it was made. */
export const offlineScanSchema = scanBody
  .safeExtend({
    method: z.enum(['qr', 'nfc', 'app', 'manual']).openapi({
      description:
        'qr, nfc, app: `code`; manual: `attendeeId` (one-time codes need the server: none offline)',
    }),
    scannedAt: z.iso.datetime({ offset: true }).openapi({ description: 'When the device scanned' }),
    deviceOutcome: z.enum(['admitted', 'refused']).default('admitted').openapi({
      description: 'What the device did offline: a refused scan is recorded, but makes no conflict',
    }),
  })
  .openapi('OfflineScan');

export const offlineUploadBody = z
  .strictObject({
    // The scan's own device label, required here: it names the device of every scan that names none.
    deviceId: scanBody.shape.deviceId.unwrap(),
    scans: z
      .array(offlineScanSchema)
      .min(1)
      .max(maxScansPerUpload)
      .openapi({ description: `At most ${maxScansPerUpload} per upload` }),
  })
  .openapi('OfflineScanUpload');

export const conflictIdSchema = z
  .string()
  .regex(conflictIdPattern, 'must be a check-in conflict id')
  .openapi({ example: 'cfl_3f7h1k5m9p3r7t1v5x9z_scan-0001' });

export const conflictParams = orgParams.extend({ conflictId: conflictIdSchema });

export const conflictListQuery = pageQuerySchema.extend({
  status: z.enum(['open', 'resolved']).default('open'),
});

export const resolveConflictBody = z
  .strictObject({
    resolution: z.enum(['accepted', 'rejected']).openapi({
      description: 'accepted: the entry stands; rejected: it should not have happened (the record says so)',
    }),
    note: freeText(z.string().trim().min(1).max(500), { multiline: true }).optional(),
  })
  .openapi('ResolveCheckinConflict');

export const conflictSchema = z
  .object({
    conflictId: conflictIdSchema,
    orgId: z.string(),
    sessionId: z.string(),
    ticketId: z.string().nullable(),
    bookingId: z.string().nullable(),
    kind: z.enum(conflictKinds),
    offline: z.object({
      deviceId: z.string().nullable(),
      gate: z.string(),
      scannedAt: z.string(),
      nonce: z.string(),
      method: z.string(),
    }),
    server: z.object({
      outcome: outcomeOf,
      admission: z
        .object({ at: z.string(), gate: z.string() })
        .nullable()
        .openapi({ description: 'A double admission: the entry that came first' }),
      booking: z
        .object({ status: z.string(), paymentStatus: z.string(), changedAt: z.string() })
        .nullable()
        .openapi({
          description: "The ticket's booking as the server knew it (`changedAt`: its last change)",
        }),
    }),
    status: z.enum(['open', 'resolved']),
    resolution: z.enum(['accepted', 'rejected']).nullable(),
    note: z.string().nullable(),
    resolvedBy: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('CheckinConflict');

export const offlineUploadAnswerSchema = z
  .object({
    deviceId: z.string(),
    results: z.array(
      scanAnswerSchema.extend({ conflictId: conflictIdSchema.nullable() }).openapi('OfflineScanResult'),
    ),
    conflicts: z.array(conflictSchema),
  })
  .openapi('OfflineScanAnswer');
