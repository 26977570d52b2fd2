import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import type { Principal } from '../../../kernel/domain/types.js';
import type { JoinRequest } from '../../invitations/index.js';
import { book } from './bookings.js';
import { joinWaitlist } from './waitlist-join.js';

/**
 * Approving a join request. The places are reserved by the booking machinery itself: a held
 * booking of the attendee (held even for a free event, until the event's `requestHoldMinutes`),
 * made by the book path in one transaction with the request's move to `reserved` and the
 * attendee's notification. The attendee then confirms it (free) or pays it (priced), which marks
 * the request `booked`; its hold's expiry marks it `lapsed` and frees the places for the line.
 *
 * A session without the places (full, or people already wait) puts the request on its waitlist
 * instead (`waitlisted`): the line's offer, when places come free, is the attendee's reservation,
 * answered as any offer is.
 */

type ApproveDeps = Pick<
  Deps,
  | 'attendees'
  | 'bookings'
  | 'promoRedemptions'
  | 'clock'
  | 'events'
  | 'forecasts'
  | 'holdScheduler'
  | 'joinRequests'
  | 'sessions'
  | 'waitlist'
> &
  AccessDeps;

const decided = new Set(['reserved', 'waitlisted', 'booked', 'lapsed']);

export const approveRequest = async (
  deps: ApproveDeps,
  principal: Principal,
  ref: { orgId: string; sessionId: string; requestId: string },
  hostMessage: string | undefined,
): Promise<JoinRequest> => {
  await authorize(deps, ref.orgId, principal, 'booking.manage');
  const read = () => deps.joinRequests.get(ref.orgId, ref.sessionId, ref.requestId);
  const request = await read();
  if (!request) throw notFound('request');
  // Approved already (a retry): answered as it is.
  if (decided.has(request.status)) return request;
  if (request.status !== 'pending') {
    throw new DomainError('INVALID_TRANSITION', `the request is ${request.status}; it cannot be approved`, {
      currentStatus: request.status,
    });
  }
  const holder = { attendeeId: request.attendeeId };
  try {
    await book(deps, principal, ref.orgId, ref.sessionId, {
      ...holder,
      seats: request.partySize,
      reservation: { request, hostMessage: hostMessage ?? null },
    });
  } catch (err) {
    if (!(err instanceof DomainError) || err.code !== 'CAPACITY_EXHAUSTED') throw err;
    return toWaitlist(deps, principal, request, hostMessage ?? null);
  }
  return (await read()) ?? request;
};

/** The session is full: the request waits in its line (a retry finds the entry there already). */
const toWaitlist = async (
  deps: ApproveDeps,
  principal: Principal,
  request: JoinRequest,
  hostMessage: string | null,
): Promise<JoinRequest> => {
  let waitlistEntryId: string | null = null;
  try {
    const entry = await joinWaitlist(deps, principal, request.orgId, request.sessionId, {
      attendeeId: request.attendeeId,
      partySize: request.partySize,
    });
    waitlistEntryId = entry.entryId;
  } catch (err) {
    if (!(err instanceof DomainError) || err.code !== 'ALREADY_WAITLISTED') throw err;
  }
  const waitlisted = (from: JoinRequest): JoinRequest => ({
    ...from,
    status: 'waitlisted',
    waitlistEntryId,
    hostMessage,
    decidedBy: principal.sub,
    updatedAt: deps.clock.now().toISOString(),
  });
  let current = request;
  // Once more when it is still pending: its texts were erased meanwhile (an account's erasure).
  for (let attempt = 0; attempt < 2; attempt++) {
    const next = waitlisted(current);
    if (await deps.joinRequests.decide(current, next)) return next;
    const now = await deps.joinRequests.get(request.orgId, request.sessionId, request.requestId);
    if (!now) throw notFound('request');
    if (now.status !== current.status) return now;
    current = now;
  }
  return current;
};
