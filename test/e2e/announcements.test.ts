import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, useLocalRuntime } from '../support/local-runtime.js';
import { publishedSession } from './http-world.js';

/**
 * Announcements over HTTP against the local runtime: one scheduled a few seconds ahead for one
 * session reaches that session's attendees on the channels it has and they chose (through its
 * schedule, the jobs queue, the outbox relay and the notifications consumer, into the local
 * delivery log), and nobody of the other session; one cancelled before its time sends nothing;
 * the announcement counts its deliveries per channel; once sent it can be neither edited nor
 * cancelled.
 */

const rt = useLocalRuntime();

interface Delivery {
  channel: string;
  to: string;
  type: string;
  subject: string;
  sessionId: string;
}
interface ChannelCount {
  channel: string;
  queued: number;
  delivered: number;
  skipped: number;
}
interface Announcement {
  announcementId: string;
  status: string;
  scheduledFor: string | null;
  sentAt: string | null;
  recipientCount: number | null;
  deliveryCounts: { recipients: number; channels: ChannelCount[] } | null;
}

const ok = <T>(res: ApiResponse<T>, status = 200): T => {
  expect(res.status, res.text).toBe(status);
  return res.json;
};

/** Reads until `done` holds (or the time is up, and the caller's expectation says what was missing). */
const waitFor = async <T>(
  read: () => Promise<T>,
  done: (v: T) => boolean,
  timeoutMs = 25_000,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
};

let owner: string;
let orgId: string;
let eventId: string;
let base: string;
let sessionOne: string;

beforeAll(async () => {
  owner = await rt.mintToken({ sub: 'an-owner', email: 'owner@an.example', name: 'Owner' });
  ({
    orgId,
    eventId,
    sessionId: sessionOne,
  } = await publishedSession(rt, owner, {
    orgName: 'Announce',
    event: { title: 'Conference', defaultCapacity: 20, price: { kind: 'free' } },
    session: { startsAt: '2031-06-01T09:00' },
  }));
  const venueRoom = await rt.call<{ items: { sessionId: string; roomId: string }[] }>(
    'GET',
    `/v1/orgs/${orgId}/events/${eventId}/sessions`,
    { token: owner },
  );
  const roomId = ok(venueRoom).items[0]?.roomId;
  const { sessions } = ok(
    await rt.call<{ sessions: { sessionId: string }[] }>(
      'POST',
      `/v1/orgs/${orgId}/events/${eventId}/sessions`,
      {
        token: owner,
        body: { roomId, startsAt: '2031-06-02T09:00' },
      },
    ),
    201,
  );
  const sessionTwo = sessions[0]!.sessionId;
  base = `/v1/orgs/${orgId}/events/${eventId}/announcements`;
  // Ada and Ben in session one (Ada also takes push, on the phone she registers), Eve in session two.
  for (const [sub, sessionId, channels] of [
    ['an-ada', sessionOne, ['email', 'push', 'in_app']],
    ['an-ben', sessionOne, null],
    ['an-eve', sessionTwo, ['email', 'push', 'in_app']],
  ] as const) {
    const token = await rt.mintToken({ sub, email: `${sub}@an.example`, name: sub });
    const me = ok(
      await rt.call<{ attendeeId: string }>('POST', `/v1/orgs/${orgId}/me`, {
        token,
        body: { firstName: sub, lastName: 'L' },
      }),
    );
    if (channels)
      ok(
        await rt.call('PUT', `/v1/orgs/${orgId}/me/notification-preferences`, {
          token,
          body: { channels },
        }),
      );
    // Push reaches registered devices only: Ada has one, Eve none.
    if (sub === 'an-ada')
      ok(
        await rt.call('POST', '/v1/me/devices', {
          token,
          body: { platform: 'fcm', token: `fcm-${'0'.repeat(40)}` },
        }),
        201,
      );
    ok(
      await rt.call('POST', `/v1/orgs/${orgId}/sessions/${sessionId}/bookings`, {
        token,
        body: { attendeeId: me.attendeeId },
      }),
      201,
    );
  }
});

const draft = async (title: string) =>
  ok(
    await rt.call<Announcement>('POST', base, {
      token: owner,
      body: {
        title,
        content: 'Registration opens at 8:30.',
        priority: 'urgent',
        audience: 'sessions',
        sessionIds: [sessionOne],
        channels: ['email', 'push'],
      },
    }),
    201,
  );

describe('announcements over HTTP', () => {
  it("a scheduled announcement reaches its session's attendees on their channels; a cancelled one nobody", async () => {
    const soon = (ms: number) => new Date(Date.now() + ms).toISOString();
    const cancelled = await draft('Room change (cancelled)');
    const kept = await draft('Doors open at nine');
    // The cancelled one was due first: by the time the kept one is delivered, its time has passed.
    // It is cancelled right after it is scheduled, seconds before its time, even on a loaded machine.
    const cancelledAt = soon(6_000);
    ok(
      await rt.call('POST', `${base}/${cancelled.announcementId}/schedule`, {
        token: owner,
        body: { at: cancelledAt },
      }),
    );
    const gone = ok(
      await rt.call<Announcement>('POST', `${base}/${cancelled.announcementId}/cancel`, { token: owner }),
    );
    expect(gone.status).toBe('cancelled');
    const scheduled = ok(
      await rt.call<Announcement>('POST', `${base}/${kept.announcementId}/schedule`, {
        token: owner,
        body: { at: new Date(Date.parse(cancelledAt) + 1_000).toISOString() },
      }),
    );
    expect(scheduled.status).toBe('scheduled');

    const ofKept = (items: Delivery[]) => items.filter((d) => d.sessionId === kept.announcementId);
    const log = await waitFor(
      () => rt.call<{ items: Delivery[] }>('GET', '/local/outbox?limit=200'),
      (r) => ofKept(r.json.items).length >= 3,
    );
    const deliveries = ofKept(log.json.items)
      .map((d) => `${d.channel} ${d.to}`)
      .sort();
    // Ada chose push as well (one line for her one device); Ben keeps the defaults (email, in-app);
    // Eve booked the other session.
    expect(deliveries).toEqual(['email an-ada@an.example', 'email an-ben@an.example', 'push an-ada']);
    expect(
      ofKept(log.json.items).every((d) => d.subject === 'Doors open at nine' && d.type === 'announcement'),
    ).toBe(true);
    expect(log.json.items.filter((d) => d.sessionId === cancelled.announcementId)).toEqual([]);
    // Eve's own deliveries are her booking's, none an announcement.
    expect(log.json.items.some((d) => d.type === 'announcement' && d.to.startsWith('an-eve'))).toBe(false);

    // Counted per channel once every notification finished.
    const counted = await waitFor(
      () => rt.call<Announcement>('GET', `${base}/${kept.announcementId}`, { token: owner }),
      (r) => r.json.deliveryCounts?.channels.every((c) => c.queued === 0) === true,
    );
    const sent = ok(counted);
    expect(sent).toMatchObject({ status: 'sent', recipientCount: 2 });
    expect(sent.deliveryCounts).toEqual({
      recipients: 2,
      channels: [
        { channel: 'email', queued: 0, delivered: 2, skipped: 0 },
        { channel: 'push', queued: 0, delivered: 1, skipped: 1 },
      ],
    });
    const stillCancelled = ok(
      await rt.call<Announcement>('GET', `${base}/${cancelled.announcementId}`, { token: owner }),
    );
    expect(stillCancelled).toMatchObject({ status: 'cancelled', sentAt: null, deliveryCounts: null });

    // Once sent: neither edited nor cancelled.
    for (const [method, path, body] of [
      ['PATCH', `${base}/${kept.announcementId}`, { title: 'Too late' }],
      ['POST', `${base}/${kept.announcementId}/cancel`, undefined],
    ] as const) {
      const refused = await rt.call<{ code: string }>(method, path, { token: owner, body });
      expect(refused.status, refused.text).toBe(409);
      expect(refused.json.code).toBe('ANNOUNCEMENT_NOT_EDITABLE');
    }
  }, 90_000);

  it('refuses a time in the past naming the field, and lists the drafts', async () => {
    const a = await draft('Past');
    const past = await rt.call<{ errors: { field: string }[] }>(
      'POST',
      `${base}/${a.announcementId}/schedule`,
      {
        token: owner,
        body: { at: '2020-01-01T00:00:00Z' },
      },
    );
    expect(past.status, past.text).toBe(422);
    expect(past.json.errors.map((e) => e.field)).toContain('at');
    const listed = ok(await rt.call<{ items: Announcement[] }>('GET', `${base}?limit=50`, { token: owner }));
    expect(listed.items.map((i) => i.announcementId)).toContain(a.announcementId);
  });
});
