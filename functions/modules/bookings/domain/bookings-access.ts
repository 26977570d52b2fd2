import { type AccessDeps, assertOrgOpen } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { type DomainError, notFound } from '../../../kernel/domain/errors.js';
import { type Action, isAllowed } from '../../../kernel/domain/permissions.js';
import type { Principal } from '../../../kernel/domain/types.js';
import type { Booking, BookingRef } from './model.js';

/**
 * Who acts on bookings: staff (an active member whose role allows the action) act for anyone of
 * the organization; everyone else, member or not, acts only on their own bookings, through the
 * attendee linked to their user. Things that are not the caller's answer NOT_FOUND, so their ids
 * cannot be probed.
 */
export type Booker = { kind: 'staff' } | { kind: 'self'; sub: string; member: boolean };

export const bookingNotFound = () => notFound('booking');

/**
 * NOT_FOUND of `what` for this booker. A caller who is not an active member gets the answer of a
 * missing organization, so it cannot tell a real organization from one that does not exist.
 */
export const notFoundFor = (booker: Booker, what: string): DomainError =>
  booker.kind === 'self' && !booker.member ? notFound('organization') : notFound(what);

export const staffOr = (
  member: { role: Parameters<typeof isAllowed>[0]; status: string } | undefined,
  principal: Principal,
  action: Action,
): Booker =>
  member?.status === 'active' && isAllowed(member.role, action)
    ? { kind: 'staff' }
    : { kind: 'self', sub: principal.sub, member: member?.status === 'active' };

/** The booker of an org-scoped booking request (two reads: the organization and the caller's membership). */
export const bookerIn = async (
  deps: AccessDeps,
  orgId: string,
  principal: Principal,
  action: Action,
): Promise<Booker> => {
  const [org, member] = await Promise.all([deps.orgs.get(orgId), deps.members.get(orgId, principal.sub)]);
  assertOrgOpen(org?.status);
  return staffOr(member, principal, action);
};

export const mayAccess = (booker: Booker, booking: Pick<Booking, 'userId'>): boolean =>
  booker.kind === 'staff' || booking.userId === booker.sub;

/** The booking as `principal` may see it (staff: any; others: their own), with who asks. */
export const readOwnBooking = async (
  deps: Pick<Deps, 'bookings'> & AccessDeps,
  principal: Principal,
  ref: BookingRef,
  action: Action,
) => {
  const booker = await bookerIn(deps, ref.orgId, principal, action);
  const booking = await deps.bookings.get(ref);
  if (!booking || !mayAccess(booker, booking)) throw notFoundFor(booker, 'booking');
  return { booker, booking };
};
