import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import type { Principal } from '../../functions/kernel/domain/types.js';
import { book, cancelBooking } from '../../functions/modules/bookings/domain/bookings.js';
import { deleteEvent } from '../../functions/modules/catalog/domain/events.js';
import { runDeletionStep } from '../../functions/modules/deletions/domain/cascade.js';
import {
  answerConnection,
  blockConnection,
  type ConnectionRequest,
  listEventConnections,
  listMyConnections,
  requestConnection,
} from '../../functions/modules/networking/domain/connections.js';
import type { Connection } from '../../functions/modules/networking/domain/model.js';
import { ensureMyAttendee } from '../../functions/modules/people/domain/attendees.js';
import { ada, ben, bookingWorld, codeOf, door, owner, refOf } from './booking-world.js';
import { freshContainer, user } from './fixtures.js';

/**
 * Networking between attendees of one event on DynamoDB Local: a request accepted, declined or
 * blocked, one connection per pair whichever side asks (concurrent requests included), the rules
 * of asking again, who is of the event, and each side's list.
 */

let c: Container & { tableName: string };
let orgId: string;
let eventId: string;
let otherEventId: string;
let sessionId: string;
const people: Record<string, { principal: Principal; attendeeId: string }> = {};

/** A user with their own attendee; `booked` books them one place of the event's session. */
const person = async (sub: string, booked = true) => {
  const principal = sub === 'ada' ? ada : sub === 'ben' ? ben : user(sub);
  const a = await ensureMyAttendee(c.deps, principal, orgId, { firstName: sub, lastName: 'Net' });
  if (booked) await book(c.deps, owner, orgId, sessionId, { attendeeId: a.attendeeId });
  people[sub] = { principal, attendeeId: a.attendeeId };
  return people[sub];
};

const ask = (from: string, to: string, extra: Partial<ConnectionRequest> = {}) =>
  requestConnection(c.deps, people[from]!.principal, orgId, eventId, {
    targetId: people[to]!.attendeeId,
    type: 'business',
    ...extra,
  });

const refOfConnection = (x: Connection) => ({ orgId, eventId, connectionId: x.connectionId });
const accept = (who: string, x: Connection) =>
  answerConnection(c.deps, people[who]!.principal, refOfConnection(x), 'accepted');
const decline = (who: string, x: Connection) =>
  answerConnection(c.deps, people[who]!.principal, refOfConnection(x), 'declined');
const block = (who: string, x: Connection) =>
  blockConnection(c.deps, people[who]!.principal, refOfConnection(x));
const listOf = async (who: string, status?: Connection['status']) =>
  (await listMyConnections(c.deps, people[who]!.principal, orgId, eventId, status, { limit: 100 })).items;

beforeAll(async () => {
  c = await freshContainer();
  const w = await bookingWorld(c);
  orgId = w.orgId;
  eventId = w.freeEventId;
  otherEventId = w.paidEventId;
  sessionId = (await w.session(eventId, 'general', 30)).sessionId;
  for (const sub of ['ada', 'ben', 'cid', 'dee', 'fox', 'gus', 'hal']) await person(sub);
  await person('eve', false);
}, 60_000);

describe('a connection request', () => {
  it('is accepted by its target only, once; both sides list it', async () => {
    const meeting = { at: '2030-01-01T12:30:00.000Z', place: 'Coffee bar' };
    const asked = await ask('ada', 'ben', { message: 'Hi Ben', meeting, type: 'mentorship' });
    expect(asked).toMatchObject({
      requesterId: people.ada!.attendeeId,
      targetId: people.ben!.attendeeId,
      status: 'pending',
      type: 'mentorship',
      message: 'Hi Ben',
      meeting,
      requestedBy: ada.sub,
    });
    expect(await listOf('ada')).toEqual([asked]);
    expect(await listOf('ben')).toEqual([asked]);

    expect(await codeOf(accept('ada', asked))).toMatchObject({ code: 'NOT_CONNECTION_TARGET' });
    expect(await codeOf(accept('cid', asked))).toMatchObject({ code: 'NOT_FOUND' });
    const accepted = await accept('ben', asked);
    expect(accepted).toMatchObject({ status: 'accepted', connectionId: asked.connectionId });
    // The same answer again changes nothing; another answer is refused.
    expect(await accept('ben', asked)).toEqual(accepted);
    expect(await codeOf(decline('ben', asked))).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(await listOf('ada', 'accepted')).toEqual([accepted]);
    expect(await listOf('ben', 'accepted')).toEqual([accepted]);
    expect(await listOf('ben', 'pending')).toEqual([]);
  });

  it('is one per pair, whichever side asks', async () => {
    const first = await ask('cid', 'dee');
    expect(await codeOf(ask('cid', 'dee'))).toMatchObject({
      code: 'CONNECTION_EXISTS',
      details: { connectionId: first.connectionId, currentStatus: 'pending' },
    });
    expect(await codeOf(ask('dee', 'cid'))).toMatchObject({ code: 'CONNECTION_EXISTS' });
    expect(await listOf('dee')).toEqual([first]);
  });

  it('asked by both sides at once is created exactly once', async () => {
    const tries = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? ask('fox', 'gus') : ask('gus', 'fox'))),
    );
    const won = tries.filter((t) => t.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const t of tries) {
      if (t.status === 'rejected') expect(t.reason).toMatchObject({ code: 'CONNECTION_EXISTS' });
    }
    const [winner] = won as PromiseFulfilledResult<Connection>[];
    expect(await listOf('fox')).toEqual([winner!.value]);
    expect(await listOf('gus')).toEqual([winner!.value]);
  });

  it('declined, may be asked again by the one who declined, not by the one declined', async () => {
    const asked = await ask('ada', 'cid', { type: 'collaboration' });
    const declined = await decline('cid', asked);
    expect(declined.status).toBe('declined');
    expect(await decline('cid', asked)).toEqual(declined);
    expect(await codeOf(ask('ada', 'cid'))).toMatchObject({
      code: 'CONNECTION_EXISTS',
      details: { currentStatus: 'declined' },
    });
    const again = await ask('cid', 'ada', { type: 'friendship' });
    expect(again).toMatchObject({
      connectionId: asked.connectionId,
      requesterId: people.cid!.attendeeId,
      targetId: people.ada!.attendeeId,
      status: 'pending',
      type: 'friendship',
    });
    expect((await listOf('ada')).find((x) => x.connectionId === asked.connectionId)).toEqual(again);
    expect((await listOf('cid')).find((x) => x.connectionId === asked.connectionId)).toEqual(again);
    expect(await accept('ada', again)).toMatchObject({ status: 'accepted' });
  });

  it('blocked, can never be asked again by either side; only the blocker sees it and blocks it again', async () => {
    const asked = await ask('ben', 'cid');
    const blocked = await block('cid', asked);
    expect(blocked).toMatchObject({ status: 'blocked', blockedBy: people.cid!.attendeeId });
    expect(await block('cid', asked)).toEqual(blocked);
    // The one blocked is refused without learning who blocked whom.
    const refusal = await codeOf(ask('ben', 'cid'));
    expect(refusal).toMatchObject({ code: 'CONNECTION_BLOCKED' });
    expect(JSON.stringify(refusal)).not.toContain(asked.connectionId);
    expect(await codeOf(ask('cid', 'ben'))).toMatchObject({ code: 'CONNECTION_BLOCKED' });
    expect(await codeOf(accept('cid', asked))).toMatchObject({ code: 'CONNECTION_BLOCKED' });
    // For the one blocked it is gone: not listed, not found.
    expect(await codeOf(block('ben', asked))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await listOf('ben', 'blocked')).toEqual([]);
    expect((await listOf('ben')).map((x) => x.connectionId)).not.toContain(asked.connectionId);
    expect(await listOf('cid', 'blocked')).toEqual([blocked]);
  });

  it('accepted, may still be blocked by either side', async () => {
    const asked = await ask('dee', 'hal');
    await accept('hal', asked);
    expect(await block('dee', asked)).toMatchObject({
      status: 'blocked',
      blockedBy: people.dee!.attendeeId,
    });
  });
});

describe('who may ask', () => {
  it('only attendees holding a live booking of the event, never themselves', async () => {
    expect(await codeOf(ask('eve', 'ada'))).toMatchObject({
      code: 'NOT_AT_EVENT',
      details: { attendeeId: people.eve!.attendeeId },
    });
    expect(await codeOf(ask('ada', 'eve'))).toMatchObject({
      code: 'NOT_AT_EVENT',
      details: { attendeeId: people.eve!.attendeeId },
    });
    expect(await codeOf(ask('ada', 'ada'))).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { errors: [{ field: 'targetId' }] },
    });
    // A cancelled booking no longer counts, and a booking of one event counts at no other.
    const other = await book(c.deps, owner, orgId, sessionId, { attendeeId: people.eve!.attendeeId });
    await cancelBooking(c.deps, owner, refOf(other));
    expect(await codeOf(ask('eve', 'ada'))).toMatchObject({ code: 'NOT_AT_EVENT' });
    const elsewhere = await requestConnection(c.deps, ada, orgId, otherEventId, {
      targetId: people.ben!.attendeeId,
      type: 'business',
    }).catch((err: unknown) => err);
    expect(elsewhere).toMatchObject({ code: 'NOT_AT_EVENT' });
  });

  it('refuses a meeting in the past, a missing event and a missing attendee', async () => {
    expect(
      await codeOf(ask('gus', 'hal', { meeting: { at: '2020-01-01T10:00:00.000Z', place: 'Hall' } })),
    ).toMatchObject({ code: 'VALIDATION_FAILED', details: { errors: [{ field: 'meeting.at' }] } });
    expect(
      await codeOf(
        requestConnection(c.deps, ada, orgId, 'evt_00000000000000000000', {
          targetId: people.ben!.attendeeId,
          type: 'business',
        }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await codeOf(
        requestConnection(c.deps, ada, orgId, eventId, {
          targetId: 'att_00000000000000000000',
          type: 'business',
        }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers a member without an attendee that it is missing, and anyone else as for no organization', async () => {
    const list = (p: Principal) => listMyConnections(c.deps, p, orgId, eventId, undefined, { limit: 10 });
    const asMember = await list(door).catch((err: unknown) => err);
    expect(asMember).toMatchObject({ code: 'NOT_FOUND', message: 'attendee was not found' });
    const asStranger = await list(user('net-stranger')).catch((err: unknown) => err);
    expect(asStranger).toMatchObject({ code: 'NOT_FOUND', message: 'organization was not found' });
  });
});

describe('listing', () => {
  it('pages through one side of the connections, optionally by status', async () => {
    const all = await listOf('ada');
    expect(all.length).toBeGreaterThanOrEqual(2);
    const seen: Connection[] = [];
    let cursor: string | undefined;
    do {
      const page = await listMyConnections(c.deps, ada, orgId, eventId, undefined, { limit: 1, cursor });
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all);
    for (const x of all) expect([x.requesterId, x.targetId]).toContain(people.ada!.attendeeId);
    expect(await listOf('ada', 'pending')).toEqual(all.filter((x) => x.status === 'pending'));
  });
});

describe("staff's list", () => {
  it('holds every connection of the event once, for members who may read attendees only', async () => {
    const all = await listEventConnections(c.deps, door, orgId, eventId, undefined, { limit: 100 });
    const bySide = new Map<string, Connection>();
    for (const who of Object.keys(people)) for (const x of await listOf(who)) bySide.set(x.connectionId, x);
    expect(all.items).toHaveLength(bySide.size);
    for (const x of all.items) expect(bySide.get(x.connectionId)).toEqual(x);
    const blocked = await listEventConnections(c.deps, owner, orgId, eventId, 'blocked', { limit: 100 });
    expect(blocked.items.map((x) => x.connectionId).sort()).toEqual(
      all.items
        .filter((x) => x.status === 'blocked')
        .map((x) => x.connectionId)
        .sort(),
    );
    expect(
      await codeOf(listEventConnections(c.deps, ada, orgId, eventId, undefined, { limit: 10 })),
    ).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('deleting the event', () => {
  it('takes its connections and both sides of each along', async () => {
    const mine = await listOf('ada');
    expect(mine.length).toBeGreaterThan(0);
    const live = await c.deps.bookings.listBySession(orgId, sessionId, { limit: 100 });
    for (const b of live.items.filter((x) => x.status === 'held' || x.status === 'confirmed')) {
      await cancelBooking(c.deps, owner, refOf(b));
    }
    await deleteEvent(c.deps, owner, orgId, eventId);
    while ((await runDeletionStep(c.deps, orgId, eventId)) === 'more');
    expect(await c.deps.events.get(orgId, eventId)).toBeUndefined();
    for (const x of mine)
      expect(await c.deps.connections.get(orgId, eventId, x.connectionId)).toBeUndefined();
    for (const who of Object.values(people)) {
      const page = await c.deps.connections.listOf(orgId, eventId, who.attendeeId, undefined, { limit: 10 });
      expect(page.items).toEqual([]);
    }
  });
});
