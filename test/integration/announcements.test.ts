import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import type { JobMessage } from '../../functions/kernel/domain/deps.js';
import {
  cancelAnnouncement,
  createAnnouncement,
  scheduleAnnouncement,
  sendAnnouncementNow,
} from '../../functions/modules/announcements/domain/announcements.js';
import type { Announcement } from '../../functions/modules/announcements/domain/model.js';
import {
  resolveRecipients,
  runAnnouncementSend,
} from '../../functions/modules/announcements/domain/sending.js';
import { book } from '../../functions/modules/bookings/domain/bookings.js';
import type { Sponsor } from '../../functions/modules/conference/domain/model.js';
import { bookingWorld, owner } from './booking-world.js';
import { recordJobs } from './catalog-world.js';
import { freshContainer } from './fixtures.js';

/**
 * Announcements on DynamoDB Local: who each audience reaches (live bookings of the event's or the
 * given sessions, each holder once; organizers by their user), a send that writes each
 * recipient's notification once however often it runs (also after a run that died half-way),
 * and a schedule that fires after its announcement was cancelled writing nothing.
 */

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (err) {
    return (err as { code: string }).code;
  }
  throw new Error('expected a refusal');
};

describe('announcements on DynamoDB Local', () => {
  let c: Container & { tableName: string };
  let w: Awaited<ReturnType<typeof bookingWorld>>;
  let one: string;
  let two: string;
  let jobs: JobMessage[];
  const schedules: { op: 'schedule' | 'cancel'; id: string }[] = [];

  beforeAll(async () => {
    c = await freshContainer();
    jobs = recordJobs(c);
    c.deps.announcementScheduler = {
      schedule: async (ref) => void schedules.push({ op: 'schedule', id: ref.announcementId }),
      cancel: async (ref) => void schedules.push({ op: 'cancel', id: ref.announcementId }),
    };
    w = await bookingWorld(c);
    one = (await w.session(w.freeEventId, 'general', 10)).sessionId;
    two = (await w.session(w.freeEventId, 'general', 10)).sessionId;
    await book(c.deps, owner, w.orgId, one, { attendeeId: w.ada, seats: 1 });
    await book(c.deps, owner, w.orgId, one, { partyId: w.partyId, seats: 3 });
    await book(c.deps, owner, w.orgId, two, { attendeeId: w.guest, seats: 1 });
    // Ada is in both sessions: an announcement to every attendee reaches her once.
    await book(c.deps, owner, w.orgId, two, { attendeeId: w.ada, seats: 1 });
  });

  const draft = (overrides: Partial<Parameters<typeof createAnnouncement>[4]> = {}) =>
    createAnnouncement(c.deps, owner, w.orgId, w.freeEventId, {
      title: 'Doors open at nine',
      content: 'Bring your ticket.',
      audience: 'sessions',
      sessionIds: [one],
      channels: ['email', 'in_app'],
      ...overrides,
    });
  const refOf = (a: Announcement) => ({
    orgId: a.orgId,
    eventId: a.eventId,
    announcementId: a.announcementId,
  });
  const ids = (rs: { recipientId: string }[]) => rs.map((r) => r.recipientId).sort();

  it('reaches the holders of live bookings of the given sessions, or of every session once each', async () => {
    expect(ids(await resolveRecipients(c.deps, await draft()))).toEqual([w.ada, w.partyId].sort());
    expect(ids(await resolveRecipients(c.deps, await draft({ sessionIds: [two] })))).toEqual(
      [w.ada, w.guest].sort(),
    );
    expect(
      ids(await resolveRecipients(c.deps, await draft({ audience: 'attendees', sessionIds: [] }))),
    ).toEqual([w.ada, w.guest, w.partyId].sort());
  });

  it('reaches organizers by their user (staff are not organizers) and sponsors by their representatives', async () => {
    const organizers = await resolveRecipients(
      c.deps,
      await draft({ audience: 'organizers', sessionIds: [] }),
    );
    expect(organizers).toEqual([{ recipientId: `user#${owner.sub}`, userId: owner.sub }]);
    expect(await resolveRecipients(c.deps, await draft({ audience: 'sponsors', sessionIds: [] }))).toEqual(
      [],
    );
    const sponsor = (sponsorId: string, status: Sponsor['status'], representatives: string[]): Sponsor => ({
      orgId: w.orgId,
      eventId: w.freeEventId,
      sponsorId,
      companyName: sponsorId,
      tier: 'gold',
      contact: { name: null, email: null, phone: null },
      representatives,
      amount: null,
      benefits: [],
      logoUrl: null,
      websiteUrl: null,
      links: [],
      status,
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    });
    await c.deps.sponsors.create(sponsor('spn_aaaaaaaaaaaaaaaaaaaa', 'confirmed', ['rep-b', 'rep-a']));
    await c.deps.sponsors.create(sponsor('spn_bbbbbbbbbbbbbbbbbbbb', 'pending', ['rep-a', 'rep-c']));
    await c.deps.sponsors.create(sponsor('spn_cccccccccccccccccccc', 'cancelled', ['rep-d']));
    // Each representative once; a cancelled sponsor's reach nobody.
    expect(await resolveRecipients(c.deps, await draft({ audience: 'sponsors', sessionIds: [] }))).toEqual(
      ['rep-a', 'rep-b', 'rep-c'].map((u) => ({ recipientId: `user#${u}`, userId: u })),
    );
  });

  it('refuses sessions of another event and a session list without the audience `sessions`', async () => {
    expect(await codeOf(draft({ sessionIds: [] }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(draft({ audience: 'all' }))).toBe('VALIDATION_FAILED');
    const other = (await w.session(w.paidEventId, 'general', 5)).sessionId;
    expect(await codeOf(draft({ sessionIds: [other] }))).toBe('NOT_FOUND');
  });

  it('writes each recipient one notification however often the send runs, also after a run died half-way', async () => {
    const a = await draft();
    const sending = await sendAnnouncementNow(c.deps, owner, refOf(a));
    expect(sending.status).toBe('sending');
    expect(jobs.at(-1)).toEqual({
      type: 'announcement.send',
      orgId: w.orgId,
      eventId: w.freeEventId,
      announcementId: a.announcementId,
    });
    // A consumer that died after its first batch: one notification is written.
    const recipients = await resolveRecipients(c.deps, sending);
    const zone = (await c.deps.sessions.get(w.orgId, one))?.timezone;
    expect(zone).toEqual(expect.any(String));
    expect(await c.deps.announcements.writeNotifications(sending, recipients.slice(0, 1), zone)).toBe(1);
    // The redelivered message writes only the rest, and a second delivery of it writes nothing.
    expect(await runAnnouncementSend(c.deps, refOf(a), undefined)).toEqual({ outcome: 'sent', written: 1 });
    expect(await runAnnouncementSend(c.deps, refOf(a), undefined)).toEqual({
      outcome: 'skipped',
      written: 0,
    });
    expect(await c.deps.announcements.writeNotifications(sending, recipients, zone)).toBe(0);
    // Every notification carries the venue's zone, which its recipient's quiet hours are read in.
    for (const r of recipients.filter((x) => x.userId)) {
      const mine = await c.deps.notifications.listByUser(r.userId ?? '', { limit: 50 });
      const theirs = mine.items.filter((n) => n.type === 'announcement');
      expect(theirs.length).toBeGreaterThan(0);
      for (const n of theirs) expect(n.timeZone).toBe(zone);
    }
    const sent = await c.deps.announcements.get(refOf(a));
    expect(sent).toMatchObject({ status: 'sent', recipientCount: 2 });
    expect(sent?.sentAt).toEqual(expect.any(String));
    const counts = await c.deps.announcements.deliveryCounts(sent!);
    expect(counts.recipients).toBe(2);
    expect(counts.channels.map((ch) => ch.channel)).toEqual(['email', 'in_app']);
    // Nothing delivered yet (no consumer runs here): both emails wait in the queue.
    expect(counts.channels[0]).toEqual({ channel: 'email', queued: 2, delivered: 0, skipped: 0 });
    // Asked again, "send now" answers it as sent and hands nothing over.
    const before = jobs.length;
    expect((await sendAnnouncementNow(c.deps, owner, refOf(a))).status).toBe('sent');
    expect(jobs).toHaveLength(before);
    expect(await codeOf(cancelAnnouncement(c.deps, owner, refOf(a)))).toBe('ANNOUNCEMENT_NOT_EDITABLE');
  });

  it('sends nothing when the schedule of a cancelled announcement fires, nor for a time it was moved from', async () => {
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const a = await draft();
    const scheduled = await scheduleAnnouncement(c.deps, owner, refOf(a), at);
    expect(scheduled).toMatchObject({ status: 'scheduled', scheduledFor: at });
    const later = new Date(Date.now() + 7_200_000).toISOString();
    await scheduleAnnouncement(c.deps, owner, refOf(a), later);
    // The first time's schedule was replaced; if it fired anyway, it would find the time moved.
    expect(await runAnnouncementSend(c.deps, refOf(a), at)).toEqual({ outcome: 'skipped', written: 0 });
    const cancelled = await cancelAnnouncement(c.deps, owner, refOf(a));
    expect(cancelled.status).toBe('cancelled');
    expect(schedules.filter((s) => s.id === a.announcementId).map((s) => s.op)).toEqual([
      'schedule',
      'schedule',
      'cancel',
    ]);
    expect(await runAnnouncementSend(c.deps, refOf(a), later)).toEqual({ outcome: 'skipped', written: 0 });
    const counts = await c.deps.announcements.deliveryCounts({ ...cancelled, sendingAt: later });
    expect(counts.recipients).toBe(0);
    // Cancelling twice answers it as it is.
    expect((await cancelAnnouncement(c.deps, owner, refOf(a))).status).toBe('cancelled');
  });

  it('refuses a schedule in the past', async () => {
    const a = await draft();
    expect(await codeOf(scheduleAnnouncement(c.deps, owner, refOf(a), '2020-01-01T00:00:00Z'))).toBe(
      'VALIDATION_FAILED',
    );
  });

  it("goes with its event's purge, notifications included", async () => {
    const a = await draft();
    await sendAnnouncementNow(c.deps, owner, refOf(a));
    await runAnnouncementSend(c.deps, refOf(a), undefined);
    let removed = 0;
    let page: number;
    do {
      page = await c.deps.announcements.purgeEvent(w.orgId, w.freeEventId, 3);
      removed += page;
    } while (page === 3);
    expect(removed).toBeGreaterThan(2);
    expect(await c.deps.announcements.get(refOf(a))).toBeUndefined();
    const list = await c.deps.announcements.list(w.orgId, w.freeEventId, { limit: 50 });
    expect(list.items).toEqual([]);
  });
});
