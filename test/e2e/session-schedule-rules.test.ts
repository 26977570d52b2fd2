import { describe, expect, it } from 'vitest';
import { type ApiResponse, useLocalRuntime } from '../support/local-runtime.js';

/**
 * What a session's schedule means beyond its room, over HTTP: its registration deadline closes it
 * to new bookings and waitlist entries (staff may still book), whether set on the session or
 * through the agenda; and a session moved in time is refused when one of its speakers would then
 * speak in two sessions at once.
 */

const rt = useLocalRuntime();

const ok = <T>(res: ApiResponse<T>, status = 200): T => {
  expect(res.status, res.text).toBe(status);
  return res.json;
};

interface Problem {
  code: string;
  details?: Record<string, unknown>;
  errors?: { field: string }[];
}
interface SessionDetail {
  sessionId: string;
  startsAt: string;
  endsAt: string;
  registrationDeadline: string | null;
  updatedAt: string;
  availability: { confirmed: number; available: number };
}

const world = async (name: string, publish: boolean) => {
  const token = await rt.mintToken({ sub: `${name}-owner`, email: `owner@${name}.example` });
  const { orgId } = ok(await rt.call<{ orgId: string }>('POST', '/v1/orgs', { token, body: { name } }), 201);
  const venue = ok(
    await rt.call<{ venueId: string; rooms: { roomId: string }[] }>('POST', `/v1/orgs/${orgId}/venues`, {
      token,
      body: {
        name: 'Centre',
        address: 'Street 1',
        city: 'Berlin',
        timezone: 'Europe/Berlin',
        rooms: [{ name: 'Main' }, { name: 'Annex' }],
      },
    }),
    201,
  );
  const [main, annex] = venue.rooms.map((r) => r.roomId) as [string, string];
  const { eventId } = ok(
    await rt.call<{ eventId: string }>('POST', `/v1/orgs/${orgId}/events`, {
      token,
      body: {
        venueId: venue.venueId,
        title: name,
        defaultCapacity: 1,
        defaultDurationMinutes: 60,
        // Several bookings of one guest: a refusal below is the deadline's, not the limit's.
        settings: { bookingsPerAttendee: 5 },
      },
    }),
    201,
  );
  if (publish)
    ok(
      await rt.call('POST', `/v1/orgs/${orgId}/events/${eventId}/status`, {
        token,
        body: { status: 'published' },
      }),
    );
  const session = async (body: Record<string, unknown>) =>
    ok(
      await rt.call<{ sessions: SessionDetail[] }>('POST', `/v1/orgs/${orgId}/events/${eventId}/sessions`, {
        token,
        body,
      }),
      201,
    ).sessions[0]!;
  const read = async (sessionId: string) =>
    ok(await rt.call<SessionDetail>('GET', `/v1/orgs/${orgId}/sessions/${sessionId}`, { token }));
  const patch = (sessionId: string, body: Record<string, unknown>) =>
    rt.call<SessionDetail & Problem>('PATCH', `/v1/orgs/${orgId}/sessions/${sessionId}`, { token, body });
  return {
    token,
    orgId,
    eventId,
    main,
    annex,
    session,
    read,
    patch,
    base: `/v1/orgs/${orgId}/events/${eventId}`,
  };
};

const isoIn = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

describe('registration deadline', () => {
  it('takes bookings before it, refuses new bookings and waitlist entries after it (not staff), and is the agenda’s too', async () => {
    const w = await world('Deadline', true);
    const startsAt = isoIn(3 * 24 * 60);
    const s = await w.session({
      startsAt,
      roomId: w.main,
      capacity: 3,
      registrationDeadline: isoIn(24 * 60),
    });
    expect(s.registrationDeadline).not.toBeNull();
    // At or after the start is no deadline.
    const late = await w.patch(s.sessionId, { registrationDeadline: startsAt });
    expect(late.status, late.text).toBe(422);
    expect(late.text).toContain('registrationDeadline');

    const guest = await rt.mintToken({ sub: 'deadline-guest', email: 'guest@deadline.example' });
    const me = ok(
      await rt.call<{ attendeeId: string }>('POST', `/v1/orgs/${w.orgId}/me`, {
        token: guest,
        body: { firstName: 'Grace', lastName: 'Guest' },
      }),
    );
    const book = (token: string) =>
      rt.call<Problem>('POST', `/v1/orgs/${w.orgId}/sessions/${s.sessionId}/bookings`, {
        token,
        body: { attendeeId: me.attendeeId },
      });
    ok(await book(guest), 201);

    // Registration closes now (a deadline already past is allowed: it closes at once).
    const closed = ok(await w.patch(s.sessionId, { registrationDeadline: isoIn(-1) }));
    const before = await w.read(s.sessionId);
    const refused = await book(guest);
    expect(refused.status, refused.text).toBe(409);
    expect(refused.json).toMatchObject({
      code: 'NOT_BOOKABLE',
      details: { registrationDeadline: closed.registrationDeadline },
    });
    const joined = await rt.call<Problem>('POST', `/v1/orgs/${w.orgId}/sessions/${s.sessionId}/waitlist`, {
      token: guest,
      body: { attendeeId: me.attendeeId },
    });
    expect(joined.status, joined.text).toBe(409);
    expect(joined.json).toMatchObject({
      code: 'NOT_BOOKABLE',
      details: { registrationDeadline: closed.registrationDeadline },
    });
    // Nothing written: the counter and the guest's bookings are as they were.
    expect((await w.read(s.sessionId)).availability).toEqual(before.availability);
    const mine = ok(await rt.call<{ items: unknown[] }>('GET', '/v1/me/bookings', { token: guest }));
    expect(mine.items).toHaveLength(1);
    expect(before.availability.confirmed).toBe(1);
    // Staff still book at the door.
    ok(await book(w.token), 201);

    // The agenda writes the deadline through to the session and reads it from there.
    const newDeadline = isoIn(2 * 24 * 60);
    const entry = ok(
      await rt.call<{ registrationDeadline: string | null }>('PUT', `${w.base}/agenda/${s.sessionId}`, {
        token: w.token,
        body: {
          title: 'Keynote',
          type: 'keynote',
          registrationRequired: true,
          registrationDeadline: newDeadline,
        },
      }),
    );
    expect(entry.registrationDeadline).toBe(newDeadline);
    expect((await w.read(s.sessionId)).registrationDeadline).toBe(newDeadline);
    // Open again: the guest books on the new deadline.
    ok(await book(guest), 201);
    // Left out, the session's deadline stays; at the start it is refused and nothing changes.
    ok(
      await rt.call('PUT', `${w.base}/agenda/${s.sessionId}`, {
        token: w.token,
        body: { title: 'Keynote', type: 'keynote' },
      }),
    );
    expect((await w.read(s.sessionId)).registrationDeadline).toBe(newDeadline);
    const atStart = await rt.call('PUT', `${w.base}/agenda/${s.sessionId}`, {
      token: w.token,
      body: { title: 'Other', type: 'talk', registrationRequired: true, registrationDeadline: startsAt },
    });
    expect(atStart.status, atStart.text).toBe(422);
    const agenda = ok(
      await rt.call<{ items: { title: string; registrationDeadline: string | null }[] }>(
        'GET',
        `${w.base}/agenda`,
        {
          token: w.token,
        },
      ),
    );
    expect(agenda.items).toEqual([
      expect.objectContaining({ title: 'Keynote', registrationDeadline: newDeadline }),
    ]);
  }, 60_000);
});

describe('a session moved in time', () => {
  it('is refused when one of its speakers would speak in two sessions at once, and moves when nobody clashes', async () => {
    const w = await world('Moves', false);
    const call = <T>(method: string, path: string, body?: unknown) =>
      rt.call<T>(method, `${w.base}${path}`, { token: w.token, ...(body === undefined ? {} : { body }) });
    const ada = ok(await call<{ speakerId: string }>('POST', '/speakers', { name: 'Ada Lovelace' }), 201);
    const bob = ok(await call<{ speakerId: string }>('POST', '/speakers', { name: 'Bob Babbage' }), 201);
    // s1 10:00-11:00 in Main with Ada; s2 14:00-15:00 in Annex with Ada and Bob.
    const s1 = await w.session({ startsAt: '2027-06-01T10:00', roomId: w.main });
    const s2 = await w.session({ startsAt: '2027-06-01T14:00', roomId: w.annex });
    ok(
      await call('PUT', `/agenda/${s1.sessionId}`, {
        title: 'Opening',
        type: 'keynote',
        speakerIds: [ada.speakerId],
      }),
    );
    ok(
      await call('PUT', `/agenda/${s2.sessionId}`, {
        title: 'Engines',
        type: 'panel',
        speakerIds: [ada.speakerId, bob.speakerId],
      }),
    );

    const before = await w.read(s2.sessionId);
    const clash = await w.patch(s2.sessionId, { startsAt: '2027-06-01T10:30' });
    expect(clash.status, clash.text).toBe(409);
    expect(clash.json).toMatchObject({
      code: 'SPEAKER_DOUBLE_BOOKED',
      details: { speakerId: ada.speakerId, sessionId: s1.sessionId },
    });
    const after = await w.read(s2.sessionId);
    expect([after.startsAt, after.endsAt, after.updatedAt]).toEqual([
      before.startsAt,
      before.endsAt,
      before.updatedAt,
    ]);

    // Right after s1 clashes with nobody; a move of the room alone is no move in time.
    const moved = ok(await w.patch(s2.sessionId, { startsAt: '2027-06-01T11:00' }));
    expect(moved.startsAt).toBe('2027-06-01T09:00:00.000Z');
    ok(await w.patch(s2.sessionId, { roomId: w.main }));
    // A session without speakers moves anywhere its room allows.
    const s3 = await w.session({ startsAt: '2027-06-02T10:00', roomId: w.annex });
    ok(await w.patch(s3.sessionId, { startsAt: '2027-06-01T10:00' }));
  }, 60_000);
});
