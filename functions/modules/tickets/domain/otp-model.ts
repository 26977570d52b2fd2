import { randomInt, timingSafeEqual } from 'node:crypto';
import type { ScanReason } from './model.js';
import type { TicketKeyring } from './ports.js';

/**
 * One-time check-in codes, for attendees without their ticket at hand: door staff ask for a code,
 * the attendee receives six digits, staff type them in. One code per attendee and session at a
 * time; only a keyed hash of it is stored (a leaked table does not give the codes away: six digits
 * hashed without a key are found by trying all of them).
 */

export interface OtpKey {
  orgId: string;
  sessionId: string;
  attendeeId: string;
}

export interface CheckinOtp extends OtpKey {
  /** HMAC of the code (base64url), keyed from the tenant's ticket key, bound to the attendee and session. */
  codeHash: string;
  issuedAt: string;
  expiresAt: string;
  /** Tries counted against this code; each is counted before it is compared. */
  tries: number;
  /** The last try counted: `${nonce}#${hash of what was typed}`, so a scan sent again counts once. */
  lastTry: string | null;
  /** The scan (its nonce) that used the code, and when: a used code admits nobody else. */
  usedBy: string | null;
  usedAt: string | null;
  /** When codes were sent to this attendee for this session within the last hour, oldest first. */
  recentIssues: string[];
  /** The member who asked for the code. */
  requestedBy: string;
}

export const otpPolicy = {
  digits: 6,
  validForMs: 5 * 60_000,
  maxTries: 5,
  /** A new code for the same attendee no sooner than this after the last one... */
  resendAfterMs: 30_000,
  /** ...and no more than this many within any hour. */
  perHour: 5,
} as const;

const hourMs = 3_600_000;

export const newOtpCode = (): string =>
  String(randomInt(10 ** otpPolicy.digits)).padStart(otpPolicy.digits, '0');

/** The stored form of a code; the same code for another attendee or session hashes differently. */
export const otpHash = (keys: TicketKeyring, key: OtpKey, code: string): string =>
  keys.mac('checkin-otp', `${key.orgId}.${key.sessionId}.${key.attendeeId}.${code}`).toString('base64url');

export const sameOtpHash = (a: string, b: string): boolean => {
  const x = Buffer.from(a, 'base64url');
  const y = Buffer.from(b, 'base64url');
  return x.length === y.length && timingSafeEqual(x, y);
};

const recentIssuesOf = (otp: CheckinOtp | undefined, nowMs: number): string[] =>
  (otp?.recentIssues ?? []).filter((t) => nowMs - Date.parse(t) < hourMs);

/**
 * When the next code for this attendee and session may be sent (ms): `resendAfterMs` after the
 * last one, and not while `perHour` codes were sent within the hour before.
 */
export const nextIssueAt = (otp: CheckinOtp | undefined, nowMs: number): number => {
  if (!otp) return nowMs;
  const recent = recentIssuesOf(otp, nowMs);
  const afterLast = Date.parse(otp.issuedAt) + otpPolicy.resendAfterMs;
  const oldestCounted = recent[recent.length - otpPolicy.perHour];
  const afterCap = oldestCounted ? Date.parse(oldestCounted) + hourMs : 0;
  return Math.max(afterLast, afterCap);
};

/** A fresh code's record: it replaces the previous code (its tries and use are gone with it). */
export const issuedOtp = (
  key: OtpKey,
  previous: CheckinOtp | undefined,
  issue: { codeHash: string; now: Date; by: string },
): CheckinOtp => {
  const issuedAt = issue.now.toISOString();
  return {
    ...key,
    codeHash: issue.codeHash,
    issuedAt,
    expiresAt: new Date(issue.now.getTime() + otpPolicy.validForMs).toISOString(),
    tries: 0,
    lastTry: null,
    usedBy: null,
    usedAt: null,
    recentIssues: [...recentIssuesOf(previous, issue.now.getTime()), issuedAt],
    requestedBy: issue.by,
  };
};

/** One try at the door: the scan's nonce and the hash of the digits typed. */
export interface OtpTry {
  nonce: string;
  hash: string;
}

export const tryIdOf = (t: OtpTry): string => `${t.nonce}#${t.hash}`;

/**
 * Where a stored code stands for a try: refused (and why), to be counted first, or to be compared
 * (the try was counted already: the same scan sent again, or it used the code itself).
 */
export type OtpStanding =
  | { kind: 'refused'; reason: ScanReason }
  | { kind: 'count' | 'compare'; otp: CheckinOtp };

export const standingOf = (otp: CheckinOtp | undefined, t: OtpTry, nowMs: number): OtpStanding => {
  if (!otp) return { kind: 'refused', reason: 'otp_none' };
  if (otp.usedBy !== null) {
    const mine = otp.usedBy === t.nonce && sameOtpHash(otp.codeHash, t.hash);
    return mine ? { kind: 'compare', otp } : { kind: 'refused', reason: 'otp_used' };
  }
  if (Date.parse(otp.expiresAt) <= nowMs) return { kind: 'refused', reason: 'otp_expired' };
  if (otp.lastTry === tryIdOf(t)) return { kind: 'compare', otp };
  if (otp.tries >= otpPolicy.maxTries) return { kind: 'refused', reason: 'otp_exhausted' };
  return { kind: 'count', otp };
};
