import { roles } from '../domain/roles.js';
import * as z from './zod.js';

// Each schema is marked pure: a bundle builds only the ones its function uses (zod calls chained
// on a schema look like side effects to esbuild, which would otherwise keep and build them all).

const idPattern = (prefix: string) => new RegExp(`^${prefix}_[0-9a-z]{20}$`);

/** The id schema of a `newId(prefix)` id: `what` names it in the refusal ("a speaker id"). */
export const prefixedIdSchema = (prefix: string, what: string, example: string) =>
  z
    .string()
    .regex(idPattern(prefix), `must be a ${what} id (${prefix}_ followed by 20 lowercase letters or digits)`)
    .openapi({ example });

export const orgIdSchema = /* @__PURE__ */ z
  .string()
  .regex(idPattern('org'), 'must be an organization id (org_ followed by 20 lowercase letters or digits)')
  .openapi({ example: 'org_0h3k5m7n9p1q3r5s7t9v' });
/** Shared by every module that names a session (bookings, waitlist, notifications, the holds queue). */
export const sessionIdSchema = /* @__PURE__ */ z
  .string()
  .regex(/^ses_[0-9a-z]{20}$/, 'must be a session id (ses_ followed by 20 lowercase letters or digits)')
  .openapi({ example: 'ses_3f7h1k5m9p3r7t1v5x9z' });
export const inviteIdSchema = /* @__PURE__ */ z
  .string()
  .regex(idPattern('inv'), 'must be an invite id (inv_ followed by 20 lowercase letters or digits)')
  .openapi({ example: 'inv_1a2b3c4d5e6f7g8h9j0k' });
export const venueIdSchema = /* @__PURE__ */ z
  .string()
  .regex(idPattern('ven'), 'must be a venue id (ven_ followed by 20 lowercase letters or digits)')
  .openapi({ example: 'ven_4k8m2p6r0t4v8x2z6b0d' });
export const eventIdSchema = /* @__PURE__ */ z
  .string()
  .regex(idPattern('evt'), 'must be an event id (evt_ followed by 20 lowercase letters or digits)')
  .openapi({ example: 'evt_7c1e5g9j3l7n1q5s9u3w' });
/** Shared by the modules that name a ticket category (pricing, bookings, invitations). */
export const categoryIdSchema = /* @__PURE__ */ z
  .string()
  .regex(idPattern('cat'), 'must be a ticket category id (cat_ followed by 20 lowercase letters or digits)')
  .openapi({ example: 'cat_5e9g3j7l1n5q9s3u7w1y' });
export const roomIdSchema = /* @__PURE__ */ z
  .string()
  .regex(idPattern('room'), 'must be a room id (room_ followed by 20 lowercase letters or digits)')
  .openapi({ example: 'room_2b6d0f4h8k2m6p0r4t8v' });
/** Shared by every module that names an attendee or a party (people, bookings, tickets). */
export const attendeeIdSchema = /* @__PURE__ */ z
  .string()
  .regex(/^att_[0-9a-z]{20}$/, 'must be an attendee id (att_ followed by 20 lowercase letters or digits)')
  .openapi({ example: 'att_4d5e6f7g8h9j0k1a2b3c' });
export const partyIdSchema = /* @__PURE__ */ z
  .string()
  .regex(/^pty_[0-9a-z]{20}$/, 'must be a party id (pty_ followed by 20 lowercase letters or digits)')
  .openapi({ example: 'pty_7g8h9j0k1a2b3c4d5e6f' });
/** A task template (tasks module): the catalog's event creation names one too. */
export const taskTemplateIdSchema = /* @__PURE__ */ z
  .string()
  .regex(/^ttp_[0-9a-z]{20}$/, 'must be a task template id (ttp_ followed by 20 lowercase letters or digits)')
  .openapi({ example: 'ttp_2b3c4d5e6f7g8h9j0k1a' });
export const userIdSchema = /* @__PURE__ */ z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\w|@.:-]+$/, 'must be a user id (JWT sub)')
  .openapi({ example: 'user-owner' });

/**
 * Characters a free-text field refuses: C0 and C1 controls, DEL, and the bidi embeddings,
 * overrides and isolates (U+202A-U+202E, U+2066-U+2069). Invisible, they can hide or reorder what
 * a reader of the text sees ("txt.exe" shown as "exe.txt") and break logs and exports.
 * Multi-line text keeps tab, line feed and carriage return.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters refused
const oneLine = /^[^\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters refused
const manyLines = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]*$/;

/**
 * A free-text field (names, titles, addresses, descriptions, reasons): `schema` with control and
 * bidi characters refused; `multiline` lets line breaks and tabs through.
 */
export const freeText = (schema: z.ZodString, { multiline = false }: { multiline?: boolean } = {}) =>
  multiline
    ? schema.regex(manyLines, 'must not contain control characters or bidirectional formatting characters')
    : schema.regex(
        oneLine,
        'must be one line without control characters or bidirectional formatting characters',
      );

export const emailSchema = /* @__PURE__ */ z.email().max(254).openapi({ example: 'ada@example.com' });
export const isoDateTime = /* @__PURE__ */ z.iso
  .datetime({ offset: true })
  .openapi({ example: '2026-11-22T08:30:00.000Z' });

/** An instant given with any offset, stored in UTC (so stored instants compare as strings). */
export const utcInstant = /* @__PURE__ */ isoDateTime.transform((t) => new Date(t).toISOString());

/** Money: an amount in minor units of an ISO 4217 currency (expenses, vendor contracts, budgets). */
export const amountMinorSchema = /* @__PURE__ */ z
  .number()
  .int()
  .min(1)
  .max(1_000_000_000_000)
  .openapi({ description: 'In minor units of `currency` (cents for EUR)', example: 125000 });
export const currencySchema = /* @__PURE__ */ z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code such as EUR')
  .openapi({ example: 'EUR' });
/** A calendar day, YYYY-MM-DD. */
export const calendarDateSchema = /* @__PURE__ */ z.iso
  .date()
  .openapi({ description: 'YYYY-MM-DD', example: '2027-06-30' });

/** When a record was created and last changed; the last fields of every record schema that has them. */
export const stampFields = { createdAt: isoDateTime, updatedAt: isoDateTime };

export const timeZoneSchema = /* @__PURE__ */ z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone such as Europe/Berlin')
  .openapi({ example: 'Europe/Berlin' });

export const roleSchema = /* @__PURE__ */ z.enum(roles).openapi('Role');

export const pageQuerySchema = /* @__PURE__ */ z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25).openapi({ example: 25 }),
  cursor: z
    .string()
    .min(1)
    .max(2048)
    .optional()
    .openapi({ description: 'Opaque cursor from the previous page' }),
});

export const pageOf = <T extends z.ZodType>(item: T, name: string) =>
  z
    .object({
      items: z.array(item),
      nextCursor: z.string().nullable().openapi({ description: 'Pass as `cursor` to get the next page' }),
    })
    .openapi(name);

export const problemSchema = /* @__PURE__ */ z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().openapi({ description: 'Stable machine-readable error code', example: 'NOT_FOUND' }),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .openapi({ description: 'Each failing field (validation errors only)' }),
    details: z
      .record(z.string(), z.unknown())
      .optional()
      .openapi({ description: 'Facts of the error, e.g. `currentStatus` of a refused transition' }),
  })
  .openapi('Problem');

export const orgParams = /* @__PURE__ */ z.strictObject({ orgId: orgIdSchema });
/** The path of one event's routes (catalog, conference). */
export const eventParams = /* @__PURE__ */ orgParams.extend({ eventId: eventIdSchema });
/** The path of one session's routes (catalog, bookings, tickets). */
export const sessionParams = /* @__PURE__ */ orgParams.extend({ sessionId: sessionIdSchema });

/** A marketing campaign's tracking code, as a booking carries it (stored in upper case). */
export const trackingCodeSchema = /* @__PURE__ */ z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{2,31}$/, 'must be 3 to 32 letters, digits, - or _')
  .openapi({ example: 'SPRING-NEWS' });
