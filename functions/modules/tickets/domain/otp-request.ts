import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import type { Principal } from '../../../kernel/domain/types.js';
import { issuedOtp, newOtpCode, nextIssueAt, type OtpKey, otpHash, otpPolicy } from './otp-model.js';
import { authorizeForSession, type SessionAccessDeps } from './session-access.js';

/**
 * Door staff ask for a one-time code for an attendee with a confirmed booking in the session. The
 * code goes to the attendee through the notification outbox, written in the code's transaction;
 * the answer says where it went and until when it holds, never the code.
 */

export const otpNotificationType = 'checkin.otp';

export type OtpRequestDeps = Pick<
  Deps,
  'attendees' | 'bookings' | 'checkinOtps' | 'clock' | 'events' | 'ticketKeys'
> &
  SessionAccessDeps;

export interface OtpSent {
  sessionId: string;
  attendeeId: string;
  /** The attendee's contacts the code goes to (as their notification preferences allow), masked. */
  sentTo: { email: string | null; phone: string | null; app: boolean };
  expiresAt: string;
  tries: number;
  /** When a new code for this attendee may be asked for. */
  nextRequestAt: string;
}

/** `a•••@example.com`: enough for the attendee to recognise, too little to read out to anyone. */
export const maskEmail = (email: string): string => {
  const at = email.lastIndexOf('@');
  return at < 1 ? '•••' : `${email[0]}•••${email.slice(at)}`;
};

/** `•••• 5678`: the last four digits. */
export const maskPhone = (phone: string): string => `•••• ${phone.slice(-4)}`;

/** The attendee's booking state in the session, refused with why unless one is confirmed. */
const assertConfirmedIn = async (deps: Pick<Deps, 'bookings'>, key: OtpKey): Promise<void> => {
  const page = await deps.bookings.listByHolder(key.orgId, key.attendeeId, { limit: 100 });
  const inSession = page.items.filter((b) => b.sessionId === key.sessionId);
  if (inSession.some((b) => b.status === 'confirmed')) return;
  const held = inSession.some((b) => b.status === 'held');
  const [reason, why] =
    inSession.length === 0
      ? ['not_booked', 'has no booking in this session']
      : held
        ? ['unpaid', 'has a booking in this session that is held, not confirmed (unpaid)']
        : ['revoked', 'has no confirmed booking in this session (it was cancelled or expired)'];
  throw new DomainError('CONFLICT', `attendee ${key.attendeeId} ${why}: no code can admit them`, { reason });
};

const rateLimited = (issuedAt: string, nextMs: number, nowMs: number): DomainError => {
  const nextRequestAt = new Date(nextMs).toISOString();
  return new DomainError(
    'RATE_LIMITED',
    `a code was last sent to this attendee at ${issuedAt}; a new one may be asked for at ${nextRequestAt}`,
    { retryAfterSeconds: Math.ceil((nextMs - nowMs) / 1000), nextRequestAt },
  );
};

/** Attempts of reading and replacing the code before another request that keeps winning is told so. */
const maxRounds = 3;

export const requestCheckinOtp = async (
  deps: OtpRequestDeps,
  principal: Principal,
  orgId: string,
  input: { sessionId: string; attendeeId: string },
): Promise<OtpSent> => {
  const session = await authorizeForSession(deps, principal, orgId, input.sessionId, 'checkin.scan');
  const attendee = await deps.attendees.get(orgId, input.attendeeId);
  if (!attendee) throw notFound('attendee');
  const key = { orgId, sessionId: input.sessionId, attendeeId: input.attendeeId };
  await assertConfirmedIn(deps, key);
  if (!attendee.email && !attendee.phone && !attendee.userId) {
    throw new DomainError(
      'CONFLICT',
      `attendee ${key.attendeeId} has no email, phone or app account to send a code to`,
      { reason: 'no_contact' },
    );
  }
  const event = await deps.events.get(orgId, session.eventId);
  const keys = await deps.ticketKeys.get();
  for (let round = 1; round <= maxRounds; round++) {
    const previous = await deps.checkinOtps.get(key);
    const now = deps.clock.now();
    const nextMs = nextIssueAt(previous, now.getTime());
    if (previous && nextMs > now.getTime()) throw rateLimited(previous.issuedAt, nextMs, now.getTime());
    const code = newOtpCode();
    const next = issuedOtp(key, previous, { codeHash: otpHash(keys, key, code), now, by: principal.sub });
    const notice = {
      key: `${key.attendeeId}#otp#${now.getTime()}`,
      type: otpNotificationType,
      recipientId: key.attendeeId,
      userId: attendee.userId,
      // Delivery renders the message from this payload: the code is in it (docs/tickets.md).
      payload: { code, event: event?.title ?? null, validUntil: next.expiresAt, sessionId: key.sessionId },
    };
    if ((await deps.checkinOtps.issue(previous, next, notice)) === 'moved') continue;
    return {
      sessionId: key.sessionId,
      attendeeId: key.attendeeId,
      sentTo: {
        email: attendee.email ? maskEmail(attendee.email) : null,
        phone: attendee.phone ? maskPhone(attendee.phone) : null,
        app: attendee.userId !== null,
      },
      expiresAt: next.expiresAt,
      tries: otpPolicy.maxTries,
      nextRequestAt: new Date(nextIssueAt(next, now.getTime())).toISOString(),
    };
  }
  throw new DomainError(
    'TEMPORARILY_UNAVAILABLE',
    'codes for this attendee are being requested elsewhere; retry',
  );
};
