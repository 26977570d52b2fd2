import { type AccessDeps, assertOrgOpen, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import { hashSecret, newId } from '../../../kernel/domain/ids.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import { assertMayGiveFeedback, type EligibilityDeps } from './eligibility.js';
import {
  addTotals,
  averagesOf,
  eventScope,
  type Feedback,
  type FeedbackSummary,
  type FeedbackTotals,
  type Ratings,
} from './model.js';

/**
 * Feedback on an event or a session: given once per attendee and scope by the attendee linked to
 * the caller, read by organizers (a list, and averages kept as sums and counts).
 */

export interface FeedbackInput {
  sessionId?: string | undefined;
  anonymous?: boolean | undefined;
  ratings: { overall: number } & Partial<Record<Exclude<keyof Ratings, 'overall'>, number>>;
  comments?: string | undefined;
  suggestions?: string | undefined;
  bestAspects?: string | undefined;
  improvementAreas?: string | undefined;
}

type GiveDeps = Pick<Deps, 'attendees' | 'clock' | 'events' | 'feedback'> & EligibilityDeps & AccessDeps;

/**
 * The one-way key of an attendee's mark on a scope: it finds a second feedback of theirs without
 * storing who they are (the attendee id and scope are hashed with the organization and event).
 */
export const giverKeyOf = (orgId: string, eventId: string, scope: string, attendeeId: string): string =>
  hashSecret(`feedback#${orgId}#${eventId}#${scope}#${attendeeId}`);

export const giveFeedback = async (
  deps: GiveDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  input: FeedbackInput,
): Promise<Feedback> => {
  const [org, member] = await Promise.all([deps.orgs.get(orgId), deps.members.get(orgId, principal.sub)]);
  assertOrgOpen(org?.status);
  // Members and everyone else act as the attendee linked to them: nobody gives it for another.
  const attendee = await deps.attendees.findBy(orgId, 'userId', principal.sub);
  if (!attendee) throw member?.status === 'active' ? notFound('attendee') : notFound('organization');
  const event = await deps.events.get(orgId, eventId);
  if (!event || event.deleting) throw notFound('event');
  const sessionId = input.sessionId ?? null;
  if (sessionId !== null) {
    const session = await deps.sessions.get(orgId, sessionId);
    if (!session || session.eventId !== eventId || session.deleting) throw notFound('session');
  }
  await assertMayGiveFeedback(deps, { orgId, eventId, sessionId }, attendee);
  const anonymous = input.anonymous ?? false;
  const feedback: Feedback = {
    orgId,
    eventId,
    feedbackId: newId('fbk'),
    sessionId,
    anonymous,
    attendeeId: anonymous ? null : attendee.attendeeId,
    ratings: {
      overall: input.ratings.overall,
      content: input.ratings.content ?? null,
      speaker: input.ratings.speaker ?? null,
      venue: input.ratings.venue ?? null,
      organization: input.ratings.organization ?? null,
    },
    comments: input.comments ?? null,
    suggestions: input.suggestions ?? null,
    bestAspects: input.bestAspects ?? null,
    improvementAreas: input.improvementAreas ?? null,
    createdAt: deps.clock.now().toISOString(),
  };
  const giverKey = giverKeyOf(orgId, eventId, sessionId ?? eventScope, attendee.attendeeId);
  if (!(await deps.feedback.create(feedback, giverKey))) {
    throw new DomainError(
      'FEEDBACK_EXISTS',
      sessionId ? 'you already gave feedback on this session' : 'you already gave feedback on this event',
      sessionId ? { sessionId } : { eventId },
    );
  }
  return feedback;
};

type ReadDeps = Pick<Deps, 'events' | 'feedback'> & AccessDeps;
type SummaryDeps = ReadDeps & Pick<Deps, 'agenda'>;

const assertEvent = async (deps: Pick<Deps, 'events'>, orgId: string, eventId: string) => {
  const event = await deps.events.get(orgId, eventId);
  if (!event) throw notFound('event');
};

/** A page of the event's feedback (or one session's): anonymous items name nobody. */
export const listFeedback = async (
  deps: ReadDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  sessionId: string | undefined,
  page: PageRequest,
): Promise<Page<Feedback>> => {
  await authorize(deps, orgId, principal, 'feedback.read');
  await assertEvent(deps, orgId, eventId);
  return deps.feedback.list(orgId, eventId, sessionId, page);
};

/** The event's averages: all its feedback, that on the event as a whole, and each session's. */
export const feedbackSummary = async (
  deps: SummaryDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
): Promise<FeedbackSummary> => {
  await authorize(deps, orgId, principal, 'feedback.read');
  await assertEvent(deps, orgId, eventId);
  const [totals, agenda] = await Promise.all([
    deps.feedback.totalsOfEvent(orgId, eventId),
    deps.agenda.listByEvent(orgId, eventId),
  ]);
  const own = totals.filter((t) => t.sessionId === null);
  const sessions = totals.filter((t): t is FeedbackTotals & { sessionId: string } => t.sessionId !== null);
  const bySession = new Map(sessions.map((t) => [t.sessionId, t]));
  // A speaker's sessions' sums and counts add up (their averages would not).
  const speakerIds = [...new Set(agenda.flatMap((e) => e.speakerIds))];
  const speakers = speakerIds.map((speakerId) => {
    const theirs = agenda
      .filter((e) => e.speakerIds.includes(speakerId))
      .flatMap((e) => bySession.get(e.sessionId) ?? []);
    return { speakerId, ...averagesOf(addTotals(null, theirs)) };
  });
  return {
    eventId,
    all: averagesOf(addTotals(null, totals)),
    eventLevel: averagesOf(addTotals(null, own)),
    sessions: sessions.map((t) => ({ sessionId: t.sessionId, ...averagesOf(t) })),
    speakers,
  };
};

/**
 * The averages of a set of sessions taken together (a speaker's, from the sessions they speak
 * in), from each session's totals: sums and counts add up, averages would not.
 */
export const averagesOfSessions = async (
  deps: Pick<Deps, 'feedback'>,
  orgId: string,
  sessionIds: readonly string[],
) => averagesOf(addTotals(null, await deps.feedback.averagesOfSessions(orgId, sessionIds)));
