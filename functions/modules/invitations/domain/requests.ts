import { type AccessDeps, assertOrgOpen, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound, validationFailed } from '../../../kernel/domain/errors.js';
import { newId } from '../../../kernel/domain/ids.js';
import { isAllowed } from '../../../kernel/domain/permissions.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import { maxSeatsPerBookingLimit, registrationClosed } from '../../catalog/index.js';
import { attendeeFromProfile } from '../../people/index.js';
import { assertVisible } from './eligibility.js';
import { assertGuestRules } from './guest-rules.js';
import type { JoinRequest, JoinRequestStatus, RequestCounts } from './model.js';

/**
 * Join requests of events that admit by approval: an attendee asks for places of a session; a
 * host declines (here) or approves (the bookings module: approval reserves the places with a held
 * booking in the request's own transaction).
 */

export interface RequestInput {
  /** Staff file for any attendee; others for the attendee linked to them (the default). */
  attendeeId?: string | undefined;
  partySize: number;
  message?: string | undefined;
}

type RequestDeps = Pick<
  Deps,
  'attendees' | 'clock' | 'eventPasses' | 'events' | 'joinRequests' | 'profiles' | 'sessions'
> &
  AccessDeps;

const notRequestable = (message: string, details: Record<string, unknown> = {}) =>
  new DomainError('NOT_BOOKABLE', message, details);

export const requestToJoin = async (
  deps: RequestDeps,
  principal: Principal,
  orgId: string,
  sessionId: string,
  input: RequestInput,
): Promise<JoinRequest> => {
  const [org, member] = await Promise.all([deps.orgs.get(orgId), deps.members.get(orgId, principal.sub)]);
  assertOrgOpen(org?.status);
  const active = member?.status === 'active';
  const staff = active && isAllowed(member.role, 'booking.manage');
  // Naming nobody, the caller asks for themself: their record, made from their profile on a first request.
  const attendee =
    staff && input.attendeeId
      ? await deps.attendees.get(orgId, input.attendeeId)
      : input.attendeeId === undefined
        ? await attendeeFromProfile(deps, principal, orgId)
        : await deps.attendees.findBy(orgId, 'userId', principal.sub);
  if (!attendee || (input.attendeeId !== undefined && attendee.attendeeId !== input.attendeeId)) {
    throw active ? notFound('attendee') : notFound('organization');
  }
  const session = await deps.sessions.get(orgId, sessionId);
  if (!session || session.deleting) throw notFound('session');
  const [event, pass] = await Promise.all([
    deps.events.get(orgId, session.eventId),
    deps.eventPasses.get(orgId, session.eventId, attendee.attendeeId),
  ]);
  if (!event) throw notFound('session');
  assertVisible(event, { staff, member: active, pass }, 'session');
  if (event.admission !== 'approval') {
    throw notRequestable('the event takes bookings without approval: book the session instead');
  }
  const now = deps.clock.now();
  if (event.status !== 'published' || event.deleting || session.status !== 'scheduled') {
    throw notRequestable('the session takes no requests now', { currentStatus: session.status });
  }
  if (Date.parse(session.startsAt) <= now.getTime()) {
    throw notRequestable('the session has already started', { startsAt: session.startsAt });
  }
  // As a booking: after the deadline only staff add anyone (they may book directly too).
  if (!staff && registrationClosed(session, now)) {
    throw notRequestable(`registration for the session closed at ${session.registrationDeadline}`, {
      registrationDeadline: session.registrationDeadline,
    });
  }
  const limit = Math.min(event.settings.maxSeatsPerBooking, maxSeatsPerBookingLimit, session.capacity);
  if (input.partySize > limit) {
    throw validationFailed([{ field: 'partySize', message: `at most ${limit} places for this session` }]);
  }
  assertGuestRules(event.settings.guestRules, {
    places: input.partySize,
    party: false,
    gender: attendee.gender ?? null,
  });
  const at = now.toISOString();
  const request: JoinRequest = {
    orgId,
    sessionId,
    eventId: event.eventId,
    requestId: newId('jrq'),
    attendeeId: attendee.attendeeId,
    userId: attendee.userId,
    partySize: input.partySize,
    message: input.message ?? null,
    status: 'pending',
    hostMessage: null,
    bookingId: null,
    waitlistEntryId: null,
    holdExpiresAt: null,
    requestedBy: principal.sub,
    decidedBy: null,
    createdAt: at,
    updatedAt: at,
  };
  if (!(await deps.joinRequests.create(request))) {
    throw new DomainError('REQUEST_EXISTS', 'the attendee already has an open request for this session', {
      attendeeId: attendee.attendeeId,
    });
  }
  return request;
};

/** The request as the caller may see it: staff any, others their own; else NOT_FOUND. */
export const readRequest = async (
  deps: Pick<Deps, 'joinRequests'> & AccessDeps,
  principal: Principal,
  ref: { orgId: string; sessionId: string; requestId: string },
): Promise<{ request: JoinRequest; staff: boolean }> => {
  const [org, member] = await Promise.all([
    deps.orgs.get(ref.orgId),
    deps.members.get(ref.orgId, principal.sub),
  ]);
  assertOrgOpen(org?.status);
  const active = member?.status === 'active';
  const staff = active && isAllowed(member.role, 'booking.manage');
  const request = await deps.joinRequests.get(ref.orgId, ref.sessionId, ref.requestId);
  if (!request || (!staff && request.userId !== principal.sub)) {
    throw active ? notFound('request') : notFound('organization');
  }
  return { request, staff };
};

export const getRequest = async (
  deps: Pick<Deps, 'joinRequests'> & AccessDeps,
  principal: Principal,
  ref: { orgId: string; sessionId: string; requestId: string },
): Promise<JoinRequest> => (await readRequest(deps, principal, ref)).request;

export const listRequests = async (
  deps: Pick<Deps, 'joinRequests'> & AccessDeps,
  principal: Principal,
  orgId: string,
  sessionId: string,
  status: JoinRequestStatus | undefined,
  page: PageRequest,
): Promise<Page<JoinRequest>> => {
  await authorize(deps, orgId, principal, 'booking.read');
  return deps.joinRequests.list(orgId, sessionId, status, page);
};

export const countRequests = async (
  deps: Pick<Deps, 'joinRequests'> & AccessDeps,
  principal: Principal,
  orgId: string,
  sessionId: string,
): Promise<RequestCounts> => {
  await authorize(deps, orgId, principal, 'booking.read');
  return deps.joinRequests.counts(orgId, sessionId);
};

const wrongState = (r: JoinRequest, wanted: string) =>
  new DomainError('INVALID_TRANSITION', `the request is ${r.status}; it cannot be ${wanted}`, {
    currentStatus: r.status,
  });

/**
 * Ends a pending request: `declined` by a host (with an optional message), `cancelled` by its
 * attendee. Doing it again answers the request as it is.
 */
export const endRequest = async (
  deps: Pick<Deps, 'clock' | 'joinRequests'> & AccessDeps,
  principal: Principal,
  ref: { orgId: string; sessionId: string; requestId: string },
  to: 'declined' | 'cancelled',
  hostMessage?: string | undefined,
): Promise<JoinRequest> => {
  const read = await readRequest(deps, principal, ref);
  let { request } = read;
  if (to === 'declined' && !read.staff) {
    await authorize(deps, ref.orgId, principal, 'booking.manage');
  }
  for (;;) {
    if (request.status === to) return request;
    if (request.status !== 'pending') throw wrongState(request, to);
    const next: JoinRequest = {
      ...request,
      status: to,
      hostMessage: to === 'declined' ? (hostMessage ?? null) : request.hostMessage,
      decidedBy: to === 'declined' ? principal.sub : request.decidedBy,
      updatedAt: deps.clock.now().toISOString(),
    };
    if (await deps.joinRequests.decide(request, next)) return next;
    const again = await deps.joinRequests.get(ref.orgId, ref.sessionId, ref.requestId);
    if (!again) throw notFound('request');
    request = again;
  }
};
