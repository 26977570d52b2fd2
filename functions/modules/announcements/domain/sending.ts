import type { Deps } from '../../../kernel/domain/deps.js';
import type { Page, PageRequest } from '../../../kernel/domain/types.js';
import type { Announcement, AnnouncementRecipient } from './model.js';
import type { AnnouncementRef } from './ports.js';

/**
 * Sending an announcement, on the jobs queue (from "send now", or from its schedule firing):
 * resolve who it reaches, write one notification per recipient through the outbox (in batches,
 * each recipient's notification keyed by the announcement and the recipient, so a redelivered
 * message or a consumer that died half-way writes none twice), then mark it `sent`. A schedule
 * that fires for an announcement no longer scheduled for that time (cancelled, moved, sent now)
 * sends nothing.
 */

export type AnnouncementSendDeps = Pick<
  Deps,
  'announcements' | 'sessions' | 'bookings' | 'speakers' | 'sponsors' | 'members' | 'clock'
>;

/** Notifications written per transaction: far inside DynamoDB's 100 items, with one check beside. */
export const notificationBatch = 25;
const pageSize = 100;

/** Organization roles that count as the event's organizers. */
const organizerRoles: readonly string[] = ['owner', 'admin', 'organizer'];

const allPages = async <T>(read: (page: PageRequest) => Promise<Page<T>>): Promise<T[]> => {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read({ limit: pageSize, cursor });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
};

const holderOf = (b: { attendeeId: string | null; partyId: string | null }): string | null =>
  b.partyId ?? b.attendeeId;

/** The holders of live (held or confirmed) bookings of each session, page by page (a Query each). */
const attendeesOf = async (deps: AnnouncementSendDeps, orgId: string, sessionIds: readonly string[]) => {
  const out: AnnouncementRecipient[] = [];
  for (const sessionId of sessionIds) {
    const bookings = await allPages((p) => deps.bookings.listBySession(orgId, sessionId, p));
    for (const b of bookings) {
      const holder = holderOf(b);
      if (holder && (b.status === 'held' || b.status === 'confirmed'))
        out.push({ recipientId: holder, userId: b.userId });
    }
  }
  return out;
};

/**
 * Who an announcement reaches. Attendees (`all`, `attendees`, `sessions`): the holders of live
 * bookings of the event's sessions (or the given ones); a party's notification reaches its
 * leader. Speakers: those linked to an attendee record (by it) or to a user (in-app and push, and
 * email when they are a member). Organizers: active members whose role is owner, admin or
 * organizer. Sponsors: the users who represent a sponsor of the event that is not cancelled (by
 * their user, as organizers). Each recipient once, in a stable order.
 */
export const resolveRecipients = async (
  deps: AnnouncementSendDeps,
  a: Announcement,
): Promise<AnnouncementRecipient[]> => {
  const found: AnnouncementRecipient[] = [];
  switch (a.audience) {
    case 'all':
    case 'attendees': {
      const sessions = await allPages((p) => deps.sessions.listByEvent(a.orgId, a.eventId, p));
      found.push(
        ...(await attendeesOf(
          deps,
          a.orgId,
          sessions.map((s) => s.sessionId),
        )),
      );
      break;
    }
    case 'sessions':
      found.push(...(await attendeesOf(deps, a.orgId, a.sessionIds)));
      break;
    case 'speakers': {
      const speakers = await allPages((p) => deps.speakers.list(a.orgId, a.eventId, p));
      for (const s of speakers) {
        if (s.attendeeId) found.push({ recipientId: s.attendeeId, userId: s.userId });
        else if (s.userId) found.push({ recipientId: `user#${s.userId}`, userId: s.userId });
      }
      break;
    }
    case 'organizers': {
      const members = await allPages((p) => deps.members.list(a.orgId, p));
      for (const m of members)
        if (m.status === 'active' && organizerRoles.includes(m.role))
          found.push({ recipientId: `user#${m.userId}`, userId: m.userId });
      break;
    }
    case 'sponsors': {
      for (const s of await deps.sponsors.listAll(a.orgId, a.eventId))
        if (s.status !== 'cancelled')
          for (const userId of s.representatives) found.push({ recipientId: `user#${userId}`, userId });
      break;
    }
  }
  const unique = new Map<string, AnnouncementRecipient>();
  for (const r of found) if (!unique.has(r.recipientId)) unique.set(r.recipientId, r);
  return [...unique.values()].sort((x, y) => (x.recipientId < y.recipientId ? -1 : 1));
};

/**
 * The zone the recipients' quiet hours are read in: the event's venue's, which its sessions carry
 * (an event without sessions has no attendees; its organizers' and speakers' then fall back to UTC).
 */
const eventTimeZone = async (deps: AnnouncementSendDeps, a: Announcement): Promise<string | undefined> => {
  const { items } = await deps.sessions.listByEvent(a.orgId, a.eventId, { limit: 1 });
  return items[0]?.timezone;
};

export type SendOutcome = 'sent' | 'skipped';

/**
 * Runs the send of one announcement. `scheduledFor`: the message came from its schedule, which
 * counts only while the announcement is still scheduled for that time.
 */
export const runAnnouncementSend = async (
  deps: AnnouncementSendDeps,
  ref: AnnouncementRef,
  scheduledFor: string | undefined,
): Promise<{ outcome: SendOutcome; written: number }> => {
  let a = await deps.announcements.get(ref);
  if (!a) return { outcome: 'skipped', written: 0 };
  if (a.status === 'scheduled' && scheduledFor && a.scheduledFor === scheduledFor) {
    const now = deps.clock.now().toISOString();
    const sending: Announcement = { ...a, status: 'sending', sendingAt: now, updatedAt: now };
    if (!(await deps.announcements.save(a, sending))) {
      // Another consumer (or "send now") moved it first: act on what it is now.
      a = await deps.announcements.get(ref);
      if (!a) return { outcome: 'skipped', written: 0 };
    } else a = sending;
  }
  if (a.status !== 'sending') return { outcome: 'skipped', written: 0 };
  const [recipients, timeZone] = await Promise.all([resolveRecipients(deps, a), eventTimeZone(deps, a)]);
  let written = 0;
  for (let i = 0; i < recipients.length; i += notificationBatch)
    written += await deps.announcements.writeNotifications(
      a,
      recipients.slice(i, i + notificationBatch),
      timeZone,
    );
  const now = deps.clock.now().toISOString();
  const sent: Announcement = {
    ...a,
    status: 'sent',
    sentAt: now,
    recipientCount: recipients.length,
    updatedAt: now,
  };
  // Lost only to another run of the same send, which marked it sent.
  await deps.announcements.save(a, sent);
  return { outcome: 'sent', written };
};
