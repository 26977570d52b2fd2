import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { CodeKind, TicketRef } from './model.js';
import type { TicketKeyring } from './ports.js';

/**
 * Ticket codes. A static code (printed tickets, NFC tags) carries the ticket and its secret, signed
 * with the tenant's Ed25519 key: `T1.<ticket>.<secret>.<signature>`. The attendee app of an event
 * with rotating codes holds a signed token `R1.<ticket>.<signature>` and the ticket's secret, and
 * shows `R1.<ticket>.<signature>.<step>.<otp>`, where `otp` is derived from the secret and the
 * 30-second step: a screenshot stops working within a minute. Parts are base64url; `<ticket>` is
 * `orgId.sessionId.ticketId`, then `.attendeeId` when the booking is an attendee's (ids hold no
 * dots): the door's one read then fetches the name with the booking.
 */

export const stepSeconds = 30;
/** Steps either side of the scan's own that are still accepted (clock drift, a slow scan). */
export const stepTolerance = 1;
const otpDigits = 8;

const b64 = (b: Buffer | string): string => Buffer.from(b).toString('base64url');
const unb64 = (s: string): Buffer => Buffer.from(s, 'base64url');

/** A ticket as its code names it: its place, and the attendee who holds it (null for a party). */
export type CodedTicket = TicketRef & { attendeeId?: string | null };

const ticketPart = (t: CodedTicket): string =>
  b64([t.orgId, t.sessionId, t.ticketId, ...(t.attendeeId ? [t.attendeeId] : [])].join('.'));

const partOf = (part: string): { ref: TicketRef; attendeeId: string | null } | null => {
  const fields = unb64(part).toString('utf8').split('.');
  if (fields.length < 3 || fields.length > 4 || fields.some((f) => !/^[A-Za-z0-9_-]{1,64}$/.test(f)))
    return null;
  const [orgId, sessionId, ticketId, attendeeId] = fields as [string, string, string, string | undefined];
  return { ref: { orgId, sessionId, ticketId }, attendeeId: attendeeId ?? null };
};

/** What scanners compare offline with a static code's secret: the secret never leaves in a list. */
export const secretHash = (secret: Buffer): string => b64(createHash('sha256').update(secret).digest());

export const staticCode = (keys: TicketKeyring, t: CodedTicket): string => {
  const ref = { orgId: t.orgId, sessionId: t.sessionId, ticketId: t.ticketId };
  const signed = `T1.${ticketPart(t)}.${b64(keys.secretOf(ref))}`;
  return `${signed}.${b64(keys.sign(Buffer.from(signed)))}`;
};

/** The token the attendee app turns into rotating codes (with the ticket's secret). */
export const rotatingToken = (keys: TicketKeyring, t: CodedTicket): string => {
  const signed = `R1.${ticketPart(t)}`;
  return `${signed}.${b64(keys.sign(Buffer.from(signed)))}`;
};

export const stepAt = (at: Date): number => Math.floor(at.getTime() / 1000 / stepSeconds);

/** The one-time code of a step: HMAC-SHA256 of the step with the ticket's secret, 8 digits. */
export const otpOf = (secret: Buffer, step: number): string => {
  const mac = createHmac('sha256', secret).update(String(step)).digest();
  const n = mac.readUInt32BE(mac[mac.length - 1]! & 0x0f) & 0x7fffffff;
  return String(n % 10 ** otpDigits).padStart(otpDigits, '0');
};

/** What the app shows at `at`: the token, the step and its code. */
export const rotatingCode = (token: string, secret: Buffer, at: Date): string => {
  const step = stepAt(at);
  return `${token}.${step}.${otpOf(secret, step)}`;
};

export type CodeCheck =
  | { ok: true; ref: TicketRef; kind: CodeKind; attendeeId: string | null }
  /** Not a ticket of this tenant, altered, or a rotating code of another step. */
  | { ok: false; why: string };

const sameBytes = (a: Buffer, b: Buffer): boolean => a.length === b.length && timingSafeEqual(a, b);

/**
 * Checks a code as scanned at `at`: its signature with the tenant's public key (so an altered or
 * made-up code fails), then its secret (static) or its step and one-time code (rotating).
 */
export const checkCode = (keys: TicketKeyring, code: string, at: Date): CodeCheck => {
  const parts = code.trim().split('.');
  const [version, ticket] = parts;
  if (!ticket) return { ok: false, why: 'not a ticket code' };
  const named = partOf(ticket);
  if (!named) return { ok: false, why: 'not a ticket code' };
  const { ref, attendeeId } = named;
  if (version === 'T1' && parts.length === 4) {
    const [, , secret, signature] = parts as [string, string, string, string];
    const signed = `T1.${ticket}.${secret}`;
    if (!keys.verify(Buffer.from(signed), unb64(signature))) return { ok: false, why: 'bad signature' };
    if (!sameBytes(unb64(secret), keys.secretOf(ref))) return { ok: false, why: 'bad secret' };
    return { ok: true, ref, kind: 'static', attendeeId };
  }
  if (version === 'R1' && parts.length === 5) {
    const [, , signature, stepText, otp] = parts as [string, string, string, string, string];
    if (!keys.verify(Buffer.from(`R1.${ticket}`), unb64(signature)))
      return { ok: false, why: 'bad signature' };
    const step = Number(stepText);
    if (!Number.isSafeInteger(step) || Math.abs(step - stepAt(at)) > stepTolerance) {
      return { ok: false, why: 'code of another time step' };
    }
    if (!sameBytes(Buffer.from(otp), Buffer.from(otpOf(keys.secretOf(ref), step)))) {
      return { ok: false, why: 'bad one-time code' };
    }
    return { ok: true, ref, kind: 'rotating', attendeeId };
  }
  return { ok: false, why: 'not a ticket code' };
};

/**
 * A static code checked with the public key alone, as an offline scanner does: the signature
 * proves the code was issued by the tenant (the secret inside is covered by it). Revocations and
 * earlier admissions come from the scanner's downloaded list.
 */
export const checkStaticOffline = (verify: (data: Buffer, signature: Buffer) => boolean, code: string) => {
  const parts = code.trim().split('.');
  if (parts.length !== 4 || parts[0] !== 'T1') return null;
  const [, ticket, secret, signature] = parts as [string, string, string, string];
  if (!verify(Buffer.from(`T1.${ticket}.${secret}`), unb64(signature))) return null;
  const named = partOf(ticket);
  return named ? { ref: named.ref, secretHash: secretHash(unb64(secret)) } : null;
};
