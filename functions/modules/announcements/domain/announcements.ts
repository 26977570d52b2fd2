import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound, validationFailed } from '../../../kernel/domain/errors.js';
import { authorizeForEvent, type EventAccessDeps } from '../../../kernel/domain/event-access.js';
import { newId } from '../../../kernel/domain/ids.js';
import { givenFields } from '../../../kernel/domain/patch.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import {
  type Announcement,
  type AnnouncementAudience,
  type AnnouncementChannel,
  type AnnouncementPriority,
  type DeliveryCounts,
  isOpen,
} from './model.js';
import type { AnnouncementRef } from './ports.js';

/**
 * An event's announcements: organizers (and team members who may `send_announcements`) draft
 * them, edit them while draft or scheduled, send them now or schedule them, and cancel them until
 * they start sending. Every status change is conditional on the status read, so a retried request
 * changes nothing twice.
 */

export interface AnnouncementInput {
  title: string;
  content: string;
  priority?: AnnouncementPriority | undefined;
  audience: AnnouncementAudience;
  sessionIds?: string[] | undefined;
  channels: AnnouncementChannel[];
}

export type AnnouncementChange = Partial<AnnouncementInput>;

type AnnouncementReadDeps = Pick<Deps, 'announcements' | 'events'> & EventAccessDeps;
type AnnouncementWriteDeps = Pick<Deps, 'announcements' | 'events' | 'sessions' | 'clock'> & EventAccessDeps;
type AnnouncementMoveDeps = Pick<
  Deps,
  'announcements' | 'announcementScheduler' | 'events' | 'jobs' | 'clock'
> &
  EventAccessDeps;

const gate = async (
  deps: AnnouncementReadDeps,
  principal: Principal,
  ref: Pick<AnnouncementRef, 'orgId' | 'eventId'>,
) => {
  await authorizeForEvent(deps, ref.orgId, ref.eventId, principal, 'announcement.manage');
  const event = await deps.events.get(ref.orgId, ref.eventId);
  if (!event) throw notFound('event');
  return event;
};

const gateForChange = async (
  deps: AnnouncementReadDeps,
  principal: Principal,
  ref: Pick<AnnouncementRef, 'orgId' | 'eventId'>,
) => {
  const event = await gate(deps, principal, ref);
  if (event.deleting) throw new DomainError('EVENT_DELETING', 'the event is being deleted');
  return event;
};

/** The audience `sessions` names sessions of this event; every other audience names none. */
const checkSessions = async (
  deps: Pick<Deps, 'sessions'>,
  orgId: string,
  eventId: string,
  audience: AnnouncementAudience,
  sessionIds: readonly string[],
): Promise<string[]> => {
  if (audience !== 'sessions') {
    if (sessionIds.length > 0)
      throw validationFailed([{ field: 'sessionIds', message: 'given only with the audience `sessions`' }]);
    return [];
  }
  if (sessionIds.length === 0)
    throw validationFailed([{ field: 'sessionIds', message: 'the audience `sessions` needs at least one' }]);
  const unique = [...new Set(sessionIds)];
  for (const sessionId of unique) {
    const session = await deps.sessions.get(orgId, sessionId);
    if (!session || session.eventId !== eventId) throw notFound('session');
  }
  return unique;
};

export const createAnnouncement = async (
  deps: AnnouncementWriteDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  input: AnnouncementInput,
): Promise<Announcement> => {
  await gateForChange(deps, principal, { orgId, eventId });
  const sessionIds = await checkSessions(deps, orgId, eventId, input.audience, input.sessionIds ?? []);
  const now = deps.clock.now().toISOString();
  const announcement: Announcement = {
    orgId,
    eventId,
    announcementId: newId('ann'),
    title: input.title,
    content: input.content,
    priority: input.priority ?? 'normal',
    audience: input.audience,
    sessionIds,
    channels: [...new Set(input.channels)],
    status: 'draft',
    scheduledFor: null,
    sendingAt: null,
    sentAt: null,
    recipientCount: null,
    cancelledAt: null,
    createdBy: principal.sub,
    createdAt: now,
    updatedAt: now,
  };
  await deps.announcements.create(announcement);
  return announcement;
};

const existing = async (deps: Pick<Deps, 'announcements'>, ref: AnnouncementRef): Promise<Announcement> => {
  const announcement = await deps.announcements.get(ref);
  if (!announcement) throw notFound('announcement');
  return announcement;
};

export const listAnnouncements = async (
  deps: AnnouncementReadDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  page: PageRequest,
): Promise<Page<Announcement>> => {
  await gate(deps, principal, { orgId, eventId });
  return deps.announcements.list(orgId, eventId, page);
};

/** The announcement, with its per-channel counts once it started sending. */
export const getAnnouncement = async (
  deps: AnnouncementReadDeps,
  principal: Principal,
  ref: AnnouncementRef,
): Promise<{ announcement: Announcement; counts: DeliveryCounts | null }> => {
  await gate(deps, principal, ref);
  const announcement = await existing(deps, ref);
  const counts = announcement.sendingAt ? await deps.announcements.deliveryCounts(announcement) : null;
  return { announcement, counts };
};

const notEditable = (a: Announcement): DomainError =>
  new DomainError('ANNOUNCEMENT_NOT_EDITABLE', `the announcement is ${a.status}`, {
    currentStatus: a.status,
  });

/** Writes that lose to a concurrent write of the same announcement read it again, a few times. */
const attempts = 5;

/**
 * Reads the announcement, asks `next` for its new form (undefined: nothing to write, answer it as
 * it is) and writes it conditionally on what was read; a write that lost reads again.
 */
const writeGuarded = async (
  deps: Pick<Deps, 'announcements'>,
  ref: AnnouncementRef,
  next: (before: Announcement) => Announcement | undefined | Promise<Announcement | undefined>,
): Promise<{ before: Announcement; after: Announcement; changed: boolean }> => {
  for (let i = 0; i < attempts; i++) {
    const before = await existing(deps, ref);
    const after = await next(before);
    if (!after) return { before, after: before, changed: false };
    if (await deps.announcements.save(before, after)) return { before, after, changed: true };
  }
  throw new DomainError('TEMPORARILY_UNAVAILABLE', 'the announcement kept changing; retry shortly');
};

export const updateAnnouncement = async (
  deps: AnnouncementWriteDeps,
  principal: Principal,
  ref: AnnouncementRef,
  change: AnnouncementChange,
): Promise<Announcement> => {
  await gateForChange(deps, principal, ref);
  const { after } = await writeGuarded(deps, ref, async (before) => {
    if (!isOpen(before.status)) throw notEditable(before);
    const merged = { ...before, ...givenFields(change) };
    const sessionIds =
      change.audience !== undefined || change.sessionIds !== undefined
        ? await checkSessions(
            deps,
            ref.orgId,
            ref.eventId,
            merged.audience,
            change.sessionIds ?? (merged.audience === 'sessions' ? before.sessionIds : []),
          )
        : before.sessionIds;
    return {
      ...merged,
      sessionIds,
      channels: [...new Set(merged.channels)],
      updatedAt: deps.clock.now().toISOString(),
    };
  });
  return after;
};

/** What the jobs queue runs to send it (now, or when its schedule fires with `scheduledFor`). */
export const sendMessage = (a: Announcement, scheduledFor?: string) => ({
  type: 'announcement.send' as const,
  orgId: a.orgId,
  eventId: a.eventId,
  announcementId: a.announcementId,
  ...(scheduledFor ? { scheduledFor } : {}),
});

/**
 * Sends it now: draft or scheduled -> sending (its schedule deleted), and the send handed to the
 * jobs queue. Asked again while sending, it hands the send over again (the send writes each
 * notification once); once sent, it answers the announcement.
 */
export const sendAnnouncementNow = async (
  deps: AnnouncementMoveDeps,
  principal: Principal,
  ref: AnnouncementRef,
): Promise<Announcement> => {
  await gateForChange(deps, principal, ref);
  const { before, after } = await writeGuarded(deps, ref, (a) => {
    if (a.status === 'sending' || a.status === 'sent') return undefined;
    if (!isOpen(a.status)) throw notEditable(a);
    const now = deps.clock.now().toISOString();
    return { ...a, status: 'sending', sendingAt: now, updatedAt: now };
  });
  if (after.status === 'sent') return after;
  if (before.status === 'scheduled') await deps.announcementScheduler.cancel(ref);
  await deps.jobs.send(sendMessage(after));
  return after;
};

/** Schedules (or moves) it to `at`, which must be in the future: draft or scheduled -> scheduled. */
export const scheduleAnnouncement = async (
  deps: AnnouncementMoveDeps,
  principal: Principal,
  ref: AnnouncementRef,
  at: string,
): Promise<Announcement> => {
  await gateForChange(deps, principal, ref);
  const when = new Date(at);
  if (when.getTime() <= deps.clock.now().getTime())
    throw validationFailed([{ field: 'at', message: 'must be in the future' }]);
  const scheduledFor = when.toISOString();
  const { after } = await writeGuarded(deps, ref, (a) => {
    if (a.status === 'scheduled' && a.scheduledFor === scheduledFor) return undefined;
    if (!isOpen(a.status)) throw notEditable(a);
    return { ...a, status: 'scheduled', scheduledFor, updatedAt: deps.clock.now().toISOString() };
  });
  // Made after the write: a schedule firing for a time the announcement no longer has sends nothing.
  await deps.announcementScheduler.schedule(ref, scheduledFor);
  return after;
};

/** Draft or scheduled -> cancelled, its schedule deleted; 409 once sending or sent. */
export const cancelAnnouncement = async (
  deps: AnnouncementMoveDeps,
  principal: Principal,
  ref: AnnouncementRef,
): Promise<Announcement> => {
  await gate(deps, principal, ref);
  const { after } = await writeGuarded(deps, ref, (a) => {
    if (a.status === 'cancelled') return undefined;
    if (!isOpen(a.status)) throw notEditable(a);
    const now = deps.clock.now().toISOString();
    return { ...a, status: 'cancelled', cancelledAt: now, updatedAt: now };
  });
  // A schedule that fires anyway finds it cancelled and sends nothing.
  await deps.announcementScheduler.cancel(ref);
  return after;
};
