import { describe, expect, it } from 'vitest';
import { type RouteDefinition, routes } from '../../functions/app/routes.js';
import { oneAuditRecordOf } from '../support/audit-records.js';
import { type ApiResponse, useLocalRuntime } from '../support/local-runtime.js';
import { publishedSession } from './http-world.js';

/**
 * Networking over HTTP against the local runtime: signed-in users who booked a session of one
 * event connect (one asks, the other accepts, both list it), a request declined and then blocked,
 * and the refusals a client sees (not the target, the pair asked again, a user not at the event).
 * Each answer satisfies its route's documented schema; each write leaves one audit record.
 */

const rt = useLocalRuntime();

interface Connection {
  connectionId: string;
  requesterId: string;
  targetId: string;
  status: string;
  type: string;
  message: string | null;
  meeting: { at: string; place: string } | null;
  blockedBy: string | null;
}
interface Problem {
  code: string;
  errors?: { field: string }[];
}

const routeOf = (operationId: string) =>
  (routes as readonly RouteDefinition[]).find((r) => r.operationId === operationId)!;

/** The answer has `status` and, when a success, the body its route documents. */
const answer = <T>(res: ApiResponse<T>, operationId: string, status: number): T => {
  expect(res.status, res.text).toBe(status);
  const route = routeOf(operationId);
  if (status === route.success.status) {
    const parsed = route.success.schema?.safeParse(res.json);
    expect(parsed?.success, `${operationId}: ${parsed?.error?.message}`).toBe(true);
  }
  return res.json;
};

const world = async (name: string) => {
  const ownerToken = await rt.mintToken({ sub: `${name}-owner`, email: `${name}-owner@net.example` });
  const w = await publishedSession(rt, ownerToken, {
    orgName: name,
    event: { title: 'Meetup', defaultCapacity: 20 },
    session: { startsAt: '2027-06-01T19:00' },
  });
  const base = `/v1/orgs/${w.orgId}/events/${w.eventId}/connections`;
  /** A signed-in user with their own attendee, who books a place of the session unless told not to. */
  const guest = async (sub: string, booked = true) => {
    const token = await rt.mintToken({ sub, email: `${sub}@net.example`, name: sub });
    const me = await rt.call<{ attendeeId: string }>('POST', `/v1/orgs/${w.orgId}/me`, {
      token,
      body: { firstName: sub, lastName: 'Guest' },
    });
    expect(me.status, me.text).toBe(200);
    if (booked) {
      const booking = await rt.call('POST', `/v1/orgs/${w.orgId}/sessions/${w.sessionId}/bookings`, {
        token,
        body: { attendeeId: me.json.attendeeId },
      });
      expect(booking.status, booking.text).toBe(201);
    }
    return { sub, token, attendeeId: me.json.attendeeId };
  };
  type Guest = Awaited<ReturnType<typeof guest>>;
  const ask = (from: Guest, to: Guest, extra: Record<string, unknown> = {}) =>
    rt.call<Connection & Problem>('POST', base, {
      token: from.token,
      body: { targetId: to.attendeeId, type: 'business', ...extra },
    });
  const act = (who: Guest, c: Connection, how: 'accept' | 'decline' | 'block') =>
    rt.call<Connection & Problem>('POST', `${base}/${c.connectionId}/${how}`, { token: who.token });
  const list = async (who: Guest, status?: string) =>
    answer(
      await rt.call<{ items: Connection[]; nextCursor: string | null }>(
        'GET',
        `${base}${status ? `?status=${status}` : ''}`,
        { token: who.token },
      ),
      'listMyConnections',
      200,
    ).items;
  return { w, ownerToken, guest, ask, act, list };
};

describe('networking between attendees of an event', () => {
  it('one asks, the other accepts, both list the connection', async () => {
    const x = await world('net-accept');
    const ada = await x.guest('net-ada');
    const bea = await x.guest('net-bea');

    const meeting = { at: '2027-06-01T18:30:00Z', place: 'Foyer' };
    const res = await x.ask(ada, bea, { type: 'mentorship', message: 'Hello Bea', meeting });
    const asked = answer(res, 'requestConnection', 201);
    expect(asked).toMatchObject({
      requesterId: ada.attendeeId,
      targetId: bea.attendeeId,
      status: 'pending',
      type: 'mentorship',
      message: 'Hello Bea',
      meeting: { at: '2027-06-01T18:30:00.000Z', place: 'Foyer' },
    });
    expect(await oneAuditRecordOf(rt, res, 'net-ada')).toMatchObject({
      targetType: 'connection',
      change: 'created',
    });
    expect(await x.list(ada)).toEqual([asked]);
    expect(await x.list(bea, 'pending')).toEqual([asked]);

    // Only the attendee asked answers; the pair has one connection whoever asks.
    const byRequester = await x.act(ada, asked, 'accept');
    expect(answer(byRequester, 'acceptConnection', 403).code).toBe('NOT_CONNECTION_TARGET');
    expect(answer(await x.ask(bea, ada), 'requestConnection', 409).code).toBe('CONNECTION_EXISTS');

    const acceptance = await x.act(bea, asked, 'accept');
    const accepted = answer(acceptance, 'acceptConnection', 200);
    expect(accepted).toMatchObject({ connectionId: asked.connectionId, status: 'accepted' });
    expect(await oneAuditRecordOf(rt, acceptance, 'net-bea')).toMatchObject({ targetType: 'connection' });
    expect(answer(await x.act(bea, asked, 'accept'), 'acceptConnection', 200)).toEqual(accepted);
    expect(await x.list(ada, 'accepted')).toEqual([accepted]);
    expect(await x.list(bea)).toEqual([accepted]);
    expect(await x.list(bea, 'pending')).toEqual([]);

    // Staff see every connection of the event; an attendee who is no member does not.
    const all = `/v1/orgs/${x.w.orgId}/events/${x.w.eventId}/connections/all`;
    const staffList = answer(
      await rt.call<{ items: Connection[] }>('GET', all, { token: x.ownerToken }),
      'listEventConnections',
      200,
    );
    expect(staffList.items).toEqual([accepted]);
    expect((await rt.call('GET', all, { token: ada.token })).status).toBe(404);
  });

  it('a declined request blocked by its target cannot be asked again', async () => {
    const x = await world('net-block');
    const cam = await x.guest('net-cam');
    const dan = await x.guest('net-dan');
    const asked = answer(await x.ask(dan, cam), 'requestConnection', 201);

    const declining = await x.act(cam, asked, 'decline');
    expect(answer(declining, 'declineConnection', 200).status).toBe('declined');
    expect(await oneAuditRecordOf(rt, declining, 'net-cam')).toMatchObject({ targetType: 'connection' });
    expect(answer(await x.ask(dan, cam), 'requestConnection', 409).code).toBe('CONNECTION_EXISTS');

    const blocking = await x.act(cam, asked, 'block');
    expect(answer(blocking, 'blockConnection', 200)).toMatchObject({
      status: 'blocked',
      blockedBy: cam.attendeeId,
    });
    expect(await oneAuditRecordOf(rt, blocking, 'net-cam')).toMatchObject({ targetType: 'connection' });
    expect(answer(await x.ask(dan, cam), 'requestConnection', 409).code).toBe('CONNECTION_BLOCKED');
    // For the one blocked the connection is gone; the blocker still lists it.
    expect(answer(await x.act(dan, asked, 'block'), 'blockConnection', 404).code).toBe('NOT_FOUND');
    expect(await x.list(dan)).toEqual([]);
    expect((await x.list(cam)).map((c) => c.status)).toEqual(['blocked']);
  });

  it('refuses users not at the event, a meeting in the past, and strangers to the connection', async () => {
    const x = await world('net-refuse');
    const eli = await x.guest('net-eli');
    const fay = await x.guest('net-fay');
    const gil = await x.guest('net-gil', false);

    const notThere = answer(await x.ask(gil, eli), 'requestConnection', 403);
    expect(notThere.code).toBe('NOT_AT_EVENT');
    expect(answer(await x.ask(eli, gil), 'requestConnection', 403).code).toBe('NOT_AT_EVENT');
    const self = answer(await x.ask(eli, eli), 'requestConnection', 422);
    expect(self.errors?.map((e) => e.field)).toContain('targetId');
    const past = answer(
      await x.ask(eli, fay, { meeting: { at: '2020-01-01T10:00:00Z', place: 'Foyer' } }),
      'requestConnection',
      422,
    );
    expect(past.errors?.map((e) => e.field)).toContain('meeting.at');

    const asked = answer(await x.ask(eli, fay), 'requestConnection', 201);
    expect(answer(await x.act(gil, asked, 'accept'), 'acceptConnection', 404).code).toBe('NOT_FOUND');
    // The organizer has no attendee of their own: nothing of theirs to list.
    const organizer = { sub: 'owner', token: x.ownerToken, attendeeId: '' };
    expect(answer(await x.act(organizer, asked, 'block'), 'blockConnection', 404).code).toBe('NOT_FOUND');
    expect(await x.list(gil)).toEqual([]);
  });
});
