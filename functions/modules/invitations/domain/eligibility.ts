import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import type { Admission, Visibility } from '../../catalog/index.js';
import type { PassGrant } from './model.js';

/** Who asks to book, join the line or request a place, as far as eligibility goes. */
export interface Asker {
  /** Staff of the organization (they book for anyone): always eligible. */
  staff: boolean;
  /** An active member of the organization: sees its private events. */
  member: boolean;
  /** The holder's pass for the event, if any. */
  pass: PassGrant | undefined;
}

/**
 * A private event exists only for members of its organization and holders of a pass: anyone
 * else is answered as for a missing `what` (404, never 403), so its existence is not revealed.
 */
export const assertVisible = (event: { visibility: Visibility }, asker: Asker, what: string): void => {
  if (event.visibility === 'private' && !asker.staff && !asker.member && !asker.pass) throw notFound(what);
};

/**
 * Booking (or joining the waitlist of) an event: staff always may; a private event needs a pass;
 * an event that admits by approval needs a pass that skips approval, since an approved request's
 * places are already reserved for it (its held booking is confirmed or paid, not booked again).
 */
export const assertMayBook = (
  event: { visibility: Visibility; admission: Admission },
  asker: Asker,
  what: string,
): void => {
  if (asker.staff) return;
  assertVisible(event, asker, what);
  if (event.admission === 'approval' && !asker.pass?.skipApproval) {
    throw new DomainError(
      'APPROVAL_REQUIRED',
      'this event admits by approval: send a join request (POST .../sessions/{sessionId}/requests)',
      { admission: 'approval' },
    );
  }
};

/** Whether a booking on this event needs the holder's pass read (remembered contexts carry none). */
export const needsPass = (event: { visibility: Visibility; admission: Admission }): boolean =>
  event.visibility === 'private' || event.admission === 'approval';
