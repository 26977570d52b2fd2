import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError } from '../../../kernel/domain/errors.js';
import type { Resolved, ScanInput } from './checkin.js';
import type { ScanReason } from './model.js';
import { otpHash, otpPolicy, sameOtpHash, standingOf, tryIdOf } from './otp-model.js';

/**
 * A scan by one-time code (`method: 'otp'`): the attendee named and the six digits they received.
 *
 * Every try is counted by a conditional update (fewer than `maxTries` so far) before the digits
 * are compared, so any number of simultaneous guesses gets at most `maxTries` comparisons. A right
 * code then resolves the attendee's place as a manual look-up does; if that finds a place, the code
 * is marked used by a conditional update naming this scan's nonce, before the admission's
 * transaction. Of two scans with one code, only one marks it: the other is refused `otp_used`. The
 * scan that marked it may run again (the scan loop deciding again, the door sending its nonce
 * again): the code accepts its own nonce, and the admission's transaction creates the scan record
 * under that nonce once, so one code admits at most one scan.
 */

export type OtpCheckDeps = Pick<Deps, 'checkinOtps' | 'clock' | 'ticketKeys'>;

/** Reads of a code that keeps changing under this try, before the door is asked to scan again. */
const maxRounds = 3;

const refused = (reason: ScanReason): Resolved => ({
  kind: 'refused',
  outcome: 'invalid',
  booking: null,
  ticketId: null,
  reason,
});

export const byOtp = async (
  deps: OtpCheckDeps,
  orgId: string,
  input: ScanInput,
  resolveAttendee: () => Promise<Resolved>,
): Promise<Resolved> => {
  const key = { orgId, sessionId: input.sessionId, attendeeId: input.attendeeId ?? '' };
  const tried = { nonce: input.nonce, hash: otpHash(await deps.ticketKeys.get(), key, input.otp ?? '') };
  for (let round = 1; round <= maxRounds; round++) {
    // The server's clock, never the device's scan time: an uploaded scan cannot backdate a code.
    const now = deps.clock.now();
    const standing = standingOf(await deps.checkinOtps.get(key), tried, now.getTime());
    if (standing.kind === 'refused') return refused(standing.reason);
    const { codeHash } = standing.otp;
    if (standing.kind === 'count') {
      const t = { codeHash, tryId: tryIdOf(tried), now: now.toISOString(), maxTries: otpPolicy.maxTries };
      // Not counted: the code changed meanwhile (used, replaced, out of tries); read it again.
      if (!(await deps.checkinOtps.countTry(key, t))) continue;
    }
    if (!sameOtpHash(codeHash, tried.hash)) return refused('otp_wrong');
    const resolved = await resolveAttendee();
    // Nobody to admit (no confirmed place): the code is left unused for when there is.
    if (resolved.kind === 'refused') return resolved;
    if (await deps.checkinOtps.spend(key, { codeHash, nonce: input.nonce, at: now.toISOString() })) {
      return resolved;
    }
  }
  throw new DomainError('TEMPORARILY_UNAVAILABLE', 'this code is being used at another gate; scan again');
};
