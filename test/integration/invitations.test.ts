import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import { book, cancelBooking } from '../../functions/modules/bookings/domain/bookings.js';
import { approveRequest } from '../../functions/modules/bookings/domain/reservations.js';
import type { CreateEventInput } from '../../functions/modules/catalog/domain/events.js';
import {
  changeEventStatus,
  createEvent,
  updateEvent,
} from '../../functions/modules/catalog/domain/events.js';
import { createSessions } from '../../functions/modules/catalog/domain/sessions.js';
import { createEventInvite, redeemEventInvite } from '../../functions/modules/invitations/domain/invites.js';
import { endRequest, requestToJoin } from '../../functions/modules/invitations/domain/requests.js';
import {
  deleteOrganization,
  purgeOrganization,
} from '../../functions/modules/organizations/domain/organizations.js';
import { ensureMyAttendee, updateAttendee } from '../../functions/modules/people/domain/attendees.js';
import { codeOf, manualClock, repeatBookings } from './booking-world.js';
import { eventInput, orgWith, recordJobs, venueIn } from './catalog-world.js';
import { freshContainer, user } from './fixtures.js';

/**
 * Invites, passes, join requests and guest rules on DynamoDB Local: a link's uses counted
 * atomically under concurrent redeemers, its expiry, a private event refused to a remembered
 * booking context once it turned private, one open request per attendee and session, and each
 * guest rule refusing bookings and requests by name.
 */

const owner = user('inv-boss');
const start = new Date('2029-11-01T10:00:00Z');

let c: Container & { tableName: string };
let orgId: string;
let venueId: string;
let roomId: string;
let day = 0;

const eventWith = async (overrides: Partial<CreateEventInput>) => {
  const e = await createEvent(
    c.deps,
    owner,
    orgId,
    eventInput(venueId, { defaultCapacity: 20, ...overrides }),
  );
  day += 1;
  const { sessions } = await createSessions(c.deps, owner, orgId, e.eventId, {
    startsAt: `2030-02-${String(day).padStart(2, '0')}T19:00`,
    roomId,
    capacity: 20,
  });
  await changeEventStatus(c.deps, owner, orgId, e.eventId, 'published');
  return { eventId: e.eventId, sessionId: sessions[0]!.sessionId };
};

const guest = async (sub: string) => {
  const principal = user(sub);
  const a = await ensureMyAttendee(c.deps, principal, orgId, { firstName: sub, lastName: 'G' });
  return { principal, attendeeId: a.attendeeId };
};

beforeAll(async () => {
  c = await freshContainer();
  manualClock(c.deps, start);
  orgId = await orgWith(c, owner.sub);
  const venue = await venueIn(c, owner.sub, orgId);
  venueId = venue.venueId;
  roomId = venue.rooms[0]!.roomId;
});

describe('an invite link', () => {
  it('gives exactly maxUses passes to concurrent redeemers; a redeemer asking again counts nothing', async () => {
    const { eventId } = await eventWith({ visibility: 'private' });
    const link = await createEventInvite(c.deps, owner, orgId, eventId, {
      kind: 'link',
      maxUses: 3,
      skipApproval: false,
      unlocksCategoryIds: [],
    });
    const token = link.token as string;
    const guests = await Promise.all(Array.from({ length: 12 }, (_, i) => guest(`inv-rush-${i}`)));
    const outcomes = await Promise.allSettled(
      guests.map((g) => redeemEventInvite(c.deps, g.principal, orgId, eventId, token)),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    expect(won).toHaveLength(3);
    for (const o of outcomes) {
      if (o.status === 'rejected') expect(o.reason).toMatchObject({ code: 'INVITE_USED_UP' });
    }
    expect((await c.deps.eventInvites.get(orgId, eventId, link.inviteId))?.uses).toBe(3);
    const winner = guests[outcomes.findIndex((o) => o.status === 'fulfilled')]!;
    const again = await redeemEventInvite(c.deps, winner.principal, orgId, eventId, token);
    expect(again.attendeeId).toBe(winner.attendeeId);
    expect((await c.deps.eventInvites.get(orgId, eventId, link.inviteId))?.uses).toBe(3);
  });

  it('admits nobody after its expiry', async () => {
    const clock = manualClock(c.deps, start);
    const { eventId } = await eventWith({ visibility: 'private' });
    const link = await createEventInvite(c.deps, owner, orgId, eventId, {
      kind: 'link',
      expiresAt: new Date(start.getTime() + 3_600_000).toISOString(),
      skipApproval: false,
      unlocksCategoryIds: [],
    });
    const late = await guest('inv-late');
    clock.advanceMinutes(61);
    expect(
      await codeOf(redeemEventInvite(c.deps, late.principal, orgId, eventId, link.token as string)),
    ).toMatchObject({
      code: 'INVITE_EXPIRED',
    });
    manualClock(c.deps, start);
  });
});

describe('a private event', () => {
  it('refuses a booking on a remembered context once it turned private, as a fresh read does', async () => {
    const { eventId, sessionId } = await eventWith({ settings: repeatBookings });
    const kim = await guest('inv-kim');
    // Booked once: the container now remembers the session and event for self-service bookings.
    await book(c.deps, kim.principal, orgId, sessionId, { attendeeId: kim.attendeeId });
    await updateEvent(c.deps, owner, orgId, eventId, { visibility: 'private' });
    expect(
      await codeOf(book(c.deps, kim.principal, orgId, sessionId, { attendeeId: kim.attendeeId })),
    ).toMatchObject({
      code: 'NOT_FOUND',
    });
    // Staff still book anyone.
    const staffBooked = await book(c.deps, owner, orgId, sessionId, { attendeeId: kim.attendeeId });
    expect(staffBooked.status).toBe('confirmed');
  });
});

describe('join requests', () => {
  it('allow one open request per attendee and session; a declined one may be asked again', async () => {
    const { sessionId } = await eventWith({ admission: 'approval' });
    const lea = await guest('inv-lea');
    const first = await requestToJoin(c.deps, lea.principal, orgId, sessionId, { partySize: 1 });
    expect(
      await codeOf(requestToJoin(c.deps, lea.principal, orgId, sessionId, { partySize: 1 })),
    ).toMatchObject({
      code: 'REQUEST_EXISTS',
    });
    await endRequest(
      c.deps,
      owner,
      { orgId, sessionId, requestId: first.requestId },
      'declined',
      'Not this time',
    );
    const second = await requestToJoin(c.deps, lea.principal, orgId, sessionId, { partySize: 1 });
    expect(second.status).toBe('pending');
    // Approved into a held reservation whose booking names the request.
    const reserved = await approveRequest(
      c.deps,
      owner,
      { orgId, sessionId, requestId: second.requestId },
      undefined,
    );
    expect(reserved.status).toBe('reserved');
    const booking = await c.deps.bookings.get({ orgId, sessionId, bookingId: reserved.bookingId as string });
    expect(booking).toMatchObject({ status: 'held', requestId: second.requestId, paymentStatus: 'none' });
  });
});

describe('guest rules', () => {
  it('refuse bookings and requests by the rule, naming it', async () => {
    const rules = { guestRules: { plusOnes: false, allowedGenders: ['female'] } };
    const open = await eventWith({ settings: rules });
    const approval = await eventWith({ admission: 'approval', settings: rules });
    const mia = await guest('inv-mia');
    const tryBook = (seats: number) =>
      codeOf(book(c.deps, mia.principal, orgId, open.sessionId, { attendeeId: mia.attendeeId, seats }));
    expect(await tryBook(1)).toMatchObject({ code: 'GUEST_RULE', details: { rule: 'allowedGenders' } });
    expect(
      await codeOf(requestToJoin(c.deps, mia.principal, orgId, approval.sessionId, { partySize: 1 })),
    ).toMatchObject({ code: 'GUEST_RULE', details: { rule: 'allowedGenders' } });

    await updateAttendee(c.deps, owner, orgId, mia.attendeeId, { gender: 'female' });
    expect(await tryBook(2)).toMatchObject({ code: 'GUEST_RULE', details: { rule: 'plusOnes' } });
    expect(
      await codeOf(requestToJoin(c.deps, mia.principal, orgId, approval.sessionId, { partySize: 2 })),
    ).toMatchObject({ code: 'GUEST_RULE', details: { rule: 'plusOnes' } });
    const booked = await book(c.deps, mia.principal, orgId, open.sessionId, {
      attendeeId: mia.attendeeId,
      seats: 1,
    });
    expect(booked.status).toBe('confirmed');
    expect(
      (await requestToJoin(c.deps, mia.principal, orgId, approval.sessionId, { partySize: 1 })).status,
    ).toBe('pending');
    // Another declared gender is refused, staff booking for them too.
    const noa = await guest('inv-noa');
    await updateAttendee(c.deps, owner, orgId, noa.attendeeId, { gender: 'male' });
    expect(
      await codeOf(book(c.deps, owner, orgId, open.sessionId, { attendeeId: noa.attendeeId })),
    ).toMatchObject({
      code: 'GUEST_RULE',
      details: { rule: 'allowedGenders' },
    });
  });
});

describe('an organization deleted', () => {
  it('takes its invites, passes, join requests and open-request marks along', async () => {
    recordJobs(c);
    // An organization of its own: the others' tests leave live bookings in theirs.
    orgId = await orgWith(c, owner.sub);
    const venue = await venueIn(c, owner.sub, orgId);
    venueId = venue.venueId;
    roomId = venue.rooms[0]!.roomId;
    const { eventId, sessionId } = await eventWith({ visibility: 'private', admission: 'approval' });
    const link = await createEventInvite(c.deps, owner, orgId, eventId, {
      kind: 'link',
      skipApproval: false,
      unlocksCategoryIds: [],
    });
    const pia = await guest('inv-pia');
    const ray = await guest('inv-ray');
    await redeemEventInvite(c.deps, pia.principal, orgId, eventId, link.token as string);
    await redeemEventInvite(c.deps, ray.principal, orgId, eventId, link.token as string);
    await requestToJoin(c.deps, pia.principal, orgId, sessionId, { partySize: 1 });
    const rays = await requestToJoin(c.deps, ray.principal, orgId, sessionId, { partySize: 1 });
    const reserved = await approveRequest(
      c.deps,
      owner,
      { orgId, sessionId, requestId: rays.requestId },
      undefined,
    );
    // A live reservation keeps the organization from being deleted, as any live booking does.
    await cancelBooking(c.deps, ray.principal, { orgId, sessionId, bookingId: reserved.bookingId as string });
    expect((await c.deps.joinRequests.get(orgId, sessionId, rays.requestId))?.status).toBe('cancelled');

    await deleteOrganization(c.deps, owner, orgId);
    while ((await purgeOrganization(c.deps, orgId)) === 'more') {}
    const client = createDocumentClient({ region: 'us-east-1', endpoint: process.env.DYNAMODB_ENDPOINT });
    const { Items = [] } = await client.send(new ScanCommand({ TableName: c.tableName }));
    // The local stand-in of EventBridge Scheduler keeps the reservation's reminder schedule until it
    // fires (in AWS a schedule deletes itself after it ran): not an item of the organization.
    // The audit trail outlives what it describes (until the tenant's retention ends).
    const kept = new Set(['localSchedule', 'auditRecord', 'auditChain']);
    const left = Items.filter((i) => !kept.has(String(i.__edb_e__)) && JSON.stringify(i).includes(orgId));
    expect(left).toEqual([]);
    expect(Items.some((i) => i.__edb_e__ === 'auditRecord' && i.orgId === orgId)).toBe(true);
  });
});
