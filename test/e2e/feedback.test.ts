import { beforeAll, describe, expect, it } from 'vitest';
import { auditRecordsWhere } from '../support/audit-records.js';
import { useLocalRuntime } from '../support/local-runtime.js';
import { berlinIn, publishedSession } from './http-world.js';

/**
 * Feedback over HTTP on the local runtime: attendees book a session of a free event themselves,
 * the door checks one in, the admitted one gives feedback (once, a retry with its Idempotency-Key
 * changing nothing), the one never admitted is refused until they are, anonymously then, and the
 * organizer reads the list and the averages.
 */

const rt = useLocalRuntime();

interface Feedback {
  feedbackId: string;
  sessionId: string | null;
  anonymous: boolean;
  attendeeId: string | null;
  ratings: Record<string, number | null>;
}
interface DimensionAverage {
  count: number;
  mean: number | null;
}
interface Averages {
  count: number;
  ratings: Record<string, DimensionAverage>;
}
interface Summary {
  eventId: string;
  all: Averages;
  eventLevel: Averages;
  sessions: (Averages & { sessionId: string })[];
}

let owner: string;
let orgId: string;
let eventId: string;
let sessionId: string;
const people: Record<'ada' | 'ben', { token: string; attendeeId: string; bookingId: string }> = {} as never;

const feedbackPath = () => `/v1/orgs/${orgId}/events/${eventId}/feedback`;

const admit = async (who: 'ada' | 'ben') => {
  const tickets = await rt.call<{ items: { code: string }[] }>(
    'GET',
    `/v1/orgs/${orgId}/sessions/${sessionId}/bookings/${people[who].bookingId}/tickets`,
    { token: owner },
  );
  expect(tickets.status, tickets.text).toBe(200);
  const scan = await rt.call<{ outcome: string }>('POST', `/v1/orgs/${orgId}/checkins`, {
    token: owner,
    body: {
      sessionId,
      method: 'qr',
      direction: 'entry',
      code: tickets.json.items[0]?.code,
      gate: 'Main',
      nonce: `fb-${who}-0001`,
    },
  });
  expect(scan.status, scan.text).toBe(200);
  expect(scan.json.outcome).toBe('admitted');
};

beforeAll(async () => {
  owner = await rt.mintToken({ sub: 'fb-owner', email: 'owner@fb.example', name: 'Owner' });
  ({ orgId, eventId, sessionId } = await publishedSession(rt, owner, {
    orgName: 'Feedback',
    event: { title: 'Talks', defaultCapacity: 20 },
    session: { startsAt: berlinIn(30) },
  }));
  for (const who of ['ada', 'ben'] as const) {
    const token = await rt.mintToken({ sub: `fb-${who}`, email: `${who}@fb.example`, name: who });
    const me = await rt.call<{ attendeeId: string }>('POST', `/v1/orgs/${orgId}/me`, {
      token,
      body: { firstName: who, lastName: 'Attendee' },
    });
    expect(me.status, me.text).toBe(200);
    const booking = await rt.call<{ bookingId: string; status: string }>(
      'POST',
      `/v1/orgs/${orgId}/sessions/${sessionId}/bookings`,
      { token, body: { attendeeId: me.json.attendeeId, seats: 1 } },
    );
    expect(booking.status, booking.text).toBe(201);
    expect(booking.json.status).toBe('confirmed');
    people[who] = { token, attendeeId: me.json.attendeeId, bookingId: booking.json.bookingId };
  }
  await admit('ada');
});

describe('feedback over HTTP', () => {
  it('an admitted attendee gives it once; a retry with the same Idempotency-Key changes nothing', async () => {
    const body = { sessionId, ratings: { overall: 5, content: 4, speaker: 5 }, comments: 'Sharp talks' };
    const headers = { 'idempotency-key': 'fb-ada-first-0001' };
    const given = await rt.call<Feedback>('POST', feedbackPath(), { token: people.ada.token, body, headers });
    expect(given.status, given.text).toBe(201);
    expect(given.json).toMatchObject({ sessionId, anonymous: false, attendeeId: people.ada.attendeeId });

    const retried = await rt.call<Feedback>('POST', feedbackPath(), {
      token: people.ada.token,
      body,
      headers,
    });
    expect(retried.status, retried.text).toBe(201);
    expect(retried.json.feedbackId).toBe(given.json.feedbackId);

    const again = await rt.call<{ code: string }>('POST', feedbackPath(), {
      token: people.ada.token,
      body: { ...body, ratings: { overall: 1 } },
    });
    expect(again.status, again.text).toBe(409);
    expect(again.json.code).toBe('FEEDBACK_EXISTS');

    const listed = await rt.call<{ items: Feedback[] }>('GET', `${feedbackPath()}?sessionId=${sessionId}`, {
      token: owner,
    });
    expect(listed.status, listed.text).toBe(200);
    expect(listed.json.items.map((f) => f.feedbackId)).toEqual([given.json.feedbackId]);
  });

  it('refuses a booked attendee the door never admitted, on the session and on the event', async () => {
    for (const body of [{ sessionId, ratings: { overall: 2 } }, { ratings: { overall: 2 } }]) {
      const refused = await rt.call<{ code: string }>('POST', feedbackPath(), {
        token: people.ben.token,
        body,
      });
      expect(refused.status, refused.text).toBe(403);
      expect(refused.json.code).toBe('FEEDBACK_NOT_ELIGIBLE');
    }
  });

  it('refuses ratings outside 1-5 naming the field', async () => {
    const res = await rt.call<{ errors: { field: string }[] }>('POST', feedbackPath(), {
      token: people.ada.token,
      body: { ratings: { overall: 6, venue: 2.5 } },
    });
    expect(res.status, res.text).toBe(422);
    expect(res.json.errors.map((e) => e.field).sort()).toEqual([
      'body.ratings.overall',
      'body.ratings.venue',
    ]);
  });

  it('once admitted, gives it anonymously: the organizer sees the ratings, never who', async () => {
    await admit('ben');
    const given = await rt.call<Feedback>('POST', feedbackPath(), {
      token: people.ben.token,
      body: { sessionId, anonymous: true, ratings: { overall: 3, content: 2, venue: 4 } },
    });
    expect(given.status, given.text).toBe(201);
    expect(given.json).toMatchObject({ anonymous: true, attendeeId: null });

    const listed = await rt.call<{ items: Feedback[] }>('GET', feedbackPath(), { token: owner });
    expect(listed.status, listed.text).toBe(200);
    expect(listed.json.items).toHaveLength(2);
    expect(listed.text).not.toContain(people.ben.attendeeId);
    expect(listed.json.items.find((f) => f.anonymous)?.attendeeId).toBeNull();
    // Nor does the audit trail name Ben: the anonymous feedback's record names nobody.
    const records = await auditRecordsWhere(rt, 'targetId = :id', { ':id': given.json.feedbackId });
    expect(records.map((r) => [r.actorType, r.actorId])).toEqual([['anonymous', 'anonymous']]);
    expect(JSON.stringify(records)).not.toContain('fb-ben');
  });

  it('the organizer reads the averages of the event, of its session and of its speaker', async () => {
    // The session's speaker, from the agenda.
    const eventPath = feedbackPath().replace(/\/feedback$/, '');
    const speaker = await rt.call<{ speakerId: string }>('POST', `${eventPath}/speakers`, {
      token: owner,
      body: { name: 'Ada Lovelace' },
    });
    expect(speaker.status, speaker.text).toBe(201);
    const entry = await rt.call('PUT', `${eventPath}/agenda/${sessionId}`, {
      token: owner,
      body: { title: 'Engines', type: 'talk', speakerIds: [speaker.json.speakerId] },
    });
    expect(entry.status, entry.text).toBe(200);
    const res = await rt.call<Summary & { speakers: unknown[] }>('GET', `${feedbackPath()}/summary`, {
      token: owner,
    });
    expect(res.status, res.text).toBe(200);
    const expected: Averages = {
      count: 2,
      ratings: {
        overall: { count: 2, mean: 4 },
        content: { count: 2, mean: 3 },
        speaker: { count: 1, mean: 5 },
        venue: { count: 1, mean: 4 },
        organization: { count: 0, mean: null },
      },
    };
    expect(res.json.all).toEqual(expected);
    expect(res.json.sessions).toEqual([{ sessionId, ...expected }]);
    expect(res.json.speakers).toEqual([{ speakerId: speaker.json.speakerId, ...expected }]);
    expect(res.json.eventLevel.count).toBe(0);

    const staffless = await rt.call('GET', `${feedbackPath()}/summary`, { token: people.ada.token });
    expect(staffless.status, staffless.text).toBe(404);
  });
});
