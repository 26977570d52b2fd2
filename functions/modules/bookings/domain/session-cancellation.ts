import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps, JobMessage } from '../../../kernel/domain/deps.js';
import { DomainError } from '../../../kernel/domain/errors.js';
import type { Principal } from '../../../kernel/domain/types.js';
import type { Session, SessionCancellation } from '../../catalog/index.js';
import { type SessionDetail, sessionDetail } from '../../catalog/index.js';
import { asCancelled } from './bookings-changes.js';
import { type Booking, isLive } from './model.js';
import { closeSessionWaitlist } from './waitlist-offers.js';

/**
 * Cancelling a session (or an event, which cancels each of its sessions) is quick: the session
 * becomes `cancelled`, which every booking transaction checks, so no new booking can land. Its
 * live bookings are then cancelled by the jobs queue in bounded steps, each booking in its own
 * transaction (booking, seats, counter, history, audit and a `session.cancelled` notification).
 * Every step only touches what is still live, so a step that runs twice or dies half-way leaves
 * nothing inconsistent: the next run carries on from what is left. Then its waitlist is closed.
 */

/** Bookings looked at per step: each live one costs a transaction, so a step stays short. */
const bookingsPerStep = 25;
/** Waiting entries removed per step. */
const entriesPerStep = 25;
/** Sessions of a cancelled event cancelled per step. */
const sessionsPerStep = 50;
/**
 * Passes over a session's bookings before giving up. A pass sees every booking that existed when
 * it started; another pass only runs when the counter still shows live places (a booking the
 * list did not show yet). Past this, the cancellation stays unfinished and visible, and cancelling
 * the session again restarts it.
 */
const maxPasses = 3;

export const sessionCancelledReason = 'session cancelled';
export const eventCancelledReason = 'event cancelled';

export type SessionCancelJob = Extract<JobMessage, { type: 'session.cancel' }>;
export type EventCancelJob = Extract<JobMessage, { type: 'event.cancel' }>;

/**
 * Marks the session cancelled (a cancelled one is answered as it is, keeping its first reason) and
 * hands its bookings to the jobs queue. The job is sent again while the cancellation is unfinished,
 * so a retry restarts one whose message was lost.
 */
export const closeSession = async (
  deps: Pick<Deps, 'clock' | 'jobs' | 'sessions'>,
  orgId: string,
  sessionId: string,
  by: string,
  reason: string,
): Promise<Session> => {
  const at = deps.clock.now().toISOString();
  const session = await deps.sessions.cancel(orgId, sessionId, { at, by, reason, completedAt: null });
  if (!session.cancellation?.completedAt) await deps.jobs.send({ type: 'session.cancel', orgId, sessionId });
  return session;
};

/** Staff: cancel a session. Answers the session with its counter (live places still to cancel). */
export const cancelSession = async (
  deps: Pick<Deps, 'clock' | 'jobs' | 'sessions'> & AccessDeps,
  principal: Principal,
  orgId: string,
  sessionId: string,
  reason: string,
): Promise<SessionDetail> => {
  await authorize(deps, orgId, principal, 'session.manage');
  const session = await closeSession(deps, orgId, sessionId, principal.sub, reason);
  return sessionDetail(session, await deps.sessions.getCounter(orgId, sessionId));
};

/**
 * Cancels one booking of a cancelled session, whatever its hold deadline or cancel cutoff; the
 * attendee is told `session.cancelled`. A paid booking's order is marked as owing its refund in
 * the same transaction, so no money is kept for places nobody can use. A booking that changed
 * since it was listed is read again; one no longer live is left alone.
 */
const cancelForSession = async (
  deps: Pick<Deps, 'bookingPayments' | 'bookings' | 'clock' | 'holdScheduler'>,
  listed: Booking,
  c: SessionCancellation,
): Promise<void> => {
  const ref = { orgId: listed.orgId, sessionId: listed.sessionId, bookingId: listed.bookingId };
  let booking: Booking | undefined = listed;
  while (booking && isLive(booking.status)) {
    const next = asCancelled(booking, deps.clock.now().toISOString());
    const change = {
      current: booking,
      next,
      by: c.by,
      reason: sessionCancelledReason,
      notification: { type: 'session.cancelled', details: { cancelReason: c.reason } },
    };
    const result =
      booking.paymentStatus === 'paid'
        ? await deps.bookingPayments.cancelOwingRefund(change)
        : await deps.bookings.transition(change);
    if (result === 'done') {
      if (booking.status === 'held') await deps.holdScheduler.cancelExpiry(ref);
      return;
    }
    booking = await deps.bookings.get(ref);
  }
};

/**
 * One step of a session's cancellation: cancels the live bookings of one page of its bookings.
 * Answers the job that continues it, or undefined when there is nothing more to do.
 */
export const runSessionCancellationStep = async (
  deps: Pick<Deps, 'bookingPayments' | 'bookings' | 'clock' | 'holdScheduler' | 'sessions' | 'waitlist'>,
  job: SessionCancelJob,
): Promise<SessionCancelJob | undefined> => {
  const { orgId, sessionId } = job;
  const session = await deps.sessions.get(orgId, sessionId);
  const cancellation = session?.cancellation;
  if (!cancellation || cancellation.completedAt) return undefined;
  if (job.waitlist) return closeWaitlistStep(deps, job);
  const page = await deps.bookings.listBySession(orgId, sessionId, {
    limit: bookingsPerStep,
    cursor: job.cursor,
  });
  for (const b of page.items.filter((i) => isLive(i.status))) await cancelForSession(deps, b, cancellation);
  const pass = job.pass ?? 1;
  if (page.nextCursor) return { type: job.type, orgId, sessionId, cursor: page.nextCursor, pass };
  // The pass is over; the counter (read strongly consistent) says whether anything is still live.
  const counter = await deps.sessions.getCounter(orgId, sessionId);
  if (counter && counter.held + counter.confirmed > 0) {
    return pass < maxPasses ? { type: job.type, orgId, sessionId, pass: pass + 1 } : undefined;
  }
  return closeWaitlistStep(deps, { type: job.type, orgId, sessionId, waitlist: true });
};

/**
 * The last steps: once none of its bookings is live, the session's waiting entries leave its line
 * (each told), a page per step; then the cancellation is complete.
 */
const closeWaitlistStep = async (
  deps: Pick<Deps, 'clock' | 'sessions' | 'waitlist'>,
  job: SessionCancelJob,
): Promise<SessionCancelJob | undefined> => {
  if ((await closeSessionWaitlist(deps, job.orgId, job.sessionId, entriesPerStep)) === 'more') return job;
  await deps.sessions.completeCancellation(job.orgId, job.sessionId, deps.clock.now().toISOString());
  return undefined;
};

const isGone = (err: unknown): boolean =>
  err instanceof DomainError && (err.code === 'NOT_FOUND' || err.code === 'SESSION_DELETING');

/**
 * One step of an event's cancellation: cancels one page of its sessions (each then cancels its
 * bookings in jobs of its own). Sessions deleted or being deleted meanwhile are passed over.
 */
export const runEventCancellationStep = async (
  deps: Pick<Deps, 'clock' | 'jobs' | 'sessions'>,
  job: EventCancelJob,
): Promise<EventCancelJob | undefined> => {
  const { ids, cursor } = await deps.sessions.listIdsByEvent(
    job.orgId,
    job.eventId,
    sessionsPerStep,
    job.cursor,
  );
  for (const id of ids) {
    try {
      await closeSession(deps, job.orgId, id, job.by, eventCancelledReason);
    } catch (err) {
      if (!isGone(err)) throw err;
    }
  }
  return cursor ? { ...job, cursor } : undefined;
};
