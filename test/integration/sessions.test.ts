import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import type { JobMessage } from '../../functions/kernel/domain/deps.js';
import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import { createService } from '../../functions/kernel/dynamo/service.js';
import { createEvent } from '../../functions/modules/catalog/domain/events.js';
import { maxSeriesLength, type Session } from '../../functions/modules/catalog/domain/session.js';
import {
  type CreateSessionsInput,
  createSessions,
  updateSession,
} from '../../functions/modules/catalog/domain/sessions.js';
import { deleteSession } from '../../functions/modules/catalog/domain/sessions-delete.js';
import { getSession, listSessions } from '../../functions/modules/catalog/domain/sessions-reads.js';
import { createVenue, updateVenue } from '../../functions/modules/catalog/domain/venues.js';
import { createOrganization } from '../../functions/modules/organizations/domain/organizations.js';
import { eventInput } from './catalog-world.js';
import { freshContainer, user } from './fixtures.js';

const owner = user('planner');
const hour = 3_600_000;
const client = () => createDocumentClient({ region: 'us-east-1', endpoint: process.env.DYNAMODB_ENDPOINT });

describe('sessions against DynamoDB Local', () => {
  let c: Container & { tableName: string };
  const jobs: JobMessage[] = [];
  let orgId: string;
  let eventId: string;
  let venueId: string;
  /** Rooms by name; `small` holds 20 people, the others have no limit. */
  const rooms: Record<'main' | 'side' | 'race' | 'small' | 'spare', string> = {
    main: '',
    side: '',
    race: '',
    small: '',
    spare: '',
  };

  const newOrgWithEvent = async () => {
    const org = await createOrganization(c.deps, owner, { name: 'Sessions Org' });
    const venue = await createVenue(c.deps, owner, org.orgId, {
      name: 'Riverside Hall',
      address: 'Uferstraße 12',
      city: 'Berlin',
      timezone: 'Europe/Berlin',
      managerId: owner.sub,
      rooms: [
        { name: 'Main' },
        { name: 'Side' },
        { name: 'Race' },
        { name: 'Small', capacity: 20 },
        { name: 'Spare' },
      ],
    });
    const event = await createEvent(
      c.deps,
      owner,
      org.orgId,
      eventInput(venue.venueId, {
        title: 'Spring Concerts',
        description: 'Evening concerts',
        defaultDurationMinutes: 120,
        defaultCapacity: 50,
      }),
    );
    return { orgId: org.orgId, venue, eventId: event.eventId };
  };

  beforeAll(async () => {
    c = await freshContainer();
    c.deps.jobs = { send: async (job) => void jobs.push(job) };
    const world = await newOrgWithEvent();
    orgId = world.orgId;
    eventId = world.eventId;
    venueId = world.venue.venueId;
    const [main, side, race, small, spare] = world.venue.rooms.map((r) => r.roomId);
    Object.assign(rooms, { main, side, race, small, spare });
  });

  const create = (input: Omit<CreateSessionsInput, 'roomId'> & { roomId?: string }) =>
    createSessions(c.deps, owner, orgId, eventId, { roomId: rooms.main, ...input });
  const createOne = async (input: Omit<CreateSessionsInput, 'roomId'> & { roomId?: string }) =>
    (await create(input)).sessions[0]!;

  const slotsOf = (roomId: string) =>
    c.deps.sessions.roomSchedule(
      { orgId, venueId, roomId },
      '2000-01-01T00:00:00.000Z',
      '2100-01-01T00:00:00.000Z',
    );

  const counterHolds = async (sessionId: string) => {
    const counter = await c.deps.sessions.getCounter(orgId, sessionId);
    expect(counter).toBeDefined();
    expect(counter!.capacity).toBe(counter!.available + counter!.held + counter!.confirmed);
    return counter!;
  };

  it('creates a session with its counter and room slot, with the event’s defaults', async () => {
    const s = await createOne({ startsAt: '2026-03-29T19:00' });
    expect(s).toMatchObject({
      startsAt: '2026-03-29T17:00:00.000Z',
      endsAt: '2026-03-29T19:00:00.000Z',
      localStartsAt: '2026-03-29T19:00:00+02:00',
      localEndsAt: '2026-03-29T21:00:00+02:00',
      timezone: 'Europe/Berlin',
      capacity: 50,
      seatingMode: 'general',
      status: 'scheduled',
      seriesId: null,
    });
    expect(await counterHolds(s.sessionId)).toEqual({
      capacity: 50,
      available: 50,
      held: 0,
      confirmed: 0,
      waiting: 0,
      version: 0,
    });
    const detail = await getSession(c.deps, owner, orgId, s.sessionId);
    expect(detail).toMatchObject({
      seatMap: null,
      tables: null,
      availability: { capacity: 50, available: 50 },
    });
    const schedule = await slotsOf(rooms.main);
    expect(schedule.version).toBeGreaterThan(0);
    expect(schedule.slots).toContainEqual({
      sessionId: s.sessionId,
      eventId,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
    });
  });

  it('refuses overlaps in the same room naming the session, unless allowed; other rooms and back-to-back are fine', async () => {
    const first = await createOne({ startsAt: '2026-04-10T18:00', endsAt: '2026-04-10T20:00' });
    const overlap = create({ startsAt: '2026-04-10T19:30', endsAt: '2026-04-10T21:00' });
    await expect(overlap).rejects.toMatchObject({ code: 'SESSION_OVERLAP' });
    await expect(overlap).rejects.toThrow(first.sessionId);
    await createOne({ startsAt: '2026-04-10T20:00', endsAt: '2026-04-10T21:00' });
    await createOne({ startsAt: '2026-04-10T19:00', roomId: rooms.side });
    const allowed = await createOne({
      startsAt: '2026-04-10T19:00',
      endsAt: '2026-04-10T22:00',
      allowOverlap: true,
    });
    // A session scheduled over another still takes its slot, so later checks see it too.
    await expect(create({ startsAt: '2026-04-10T21:30', endsAt: '2026-04-10T21:45' })).rejects.toThrow(
      allowed.sessionId,
    );
  });

  it('lets exactly one of several concurrent overlapping creates win', async () => {
    for (const startsAt of ['2026-05-01T19:00', '2026-05-02T19:00']) {
      const results = await Promise.allSettled(
        Array.from({ length: 6 }, (_, i) =>
          create({ startsAt, endsAt: `${startsAt.slice(0, 11)}20:${i}0`, roomId: rooms.race }),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results.filter((x) => x.status === 'rejected')) {
        expect((r as PromiseRejectedResult).reason.code).toBe('SESSION_OVERLAP');
      }
    }
    const { slots } = await slotsOf(rooms.race);
    expect(slots).toHaveLength(2);
  });

  it('creates a whole series or nothing, and lists an event’s sessions by start, page by page', async () => {
    const blocker = await createOne({ startsAt: '2026-06-16T19:00', roomId: rooms.spare });
    const listed = async () => {
      const all: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listSessions(c.deps, owner, orgId, eventId, { limit: 3, cursor });
        all.push(...page.items.map((s) => s.startsAt));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return all;
    };
    const before = await listed();
    const weekly = { frequency: 'weekly', count: 3 } as const;
    await expect(
      create({ startsAt: '2026-06-02T19:00', roomId: rooms.spare, recurrence: weekly }),
    ).rejects.toMatchObject({ code: 'SESSION_OVERLAP' });
    expect(await listed()).toEqual(before);

    const series = await create({ startsAt: '2026-06-23T19:00', roomId: rooms.spare, recurrence: weekly });
    expect(series.seriesId).toMatch(/^ser_/);
    expect(series.sessions.map((s) => s.localStartsAt)).toEqual([
      '2026-06-23T19:00:00+02:00',
      '2026-06-30T19:00:00+02:00',
      '2026-07-07T19:00:00+02:00',
    ]);
    for (const s of series.sessions) await counterHolds(s.sessionId);
    const after = await listed();
    expect(after).toHaveLength(before.length + 3);
    expect(after).toEqual([...after].sort());
    expect(after).toContain(blocker.startsAt);
  });

  it('lays out seat maps in order and keeps the seat count equal to the capacity', async () => {
    const seated = await createOne({
      startsAt: '2026-07-01T19:00',
      seatingMode: 'seated',
      seatMap: {
        rows: [
          { name: 'A', seats: 3 },
          { name: 'B', seats: 2 },
        ],
      },
    });
    expect(seated.capacity).toBe(5);
    const detail = await getSession(c.deps, owner, orgId, seated.sessionId);
    expect(detail.seatMap).toEqual({ seats: ['A1', 'A2', 'A3', 'B1', 'B2'] });
    expect(detail.availability).toMatchObject({ capacity: 5, available: 5 });

    const labelled = await createOne({
      startsAt: '2026-07-02T19:00',
      seatingMode: 'seated',
      seatMap: { labels: ['Box-2', 'Box-1', 'Stall-9'] },
      capacity: 3,
    });
    expect((await getSession(c.deps, owner, orgId, labelled.sessionId)).seatMap?.seats).toEqual([
      'Box-2',
      'Box-1',
      'Stall-9',
    ]);

    const rows = Array.from({ length: 40 }, (_, i) => ({ name: `R${i + 1}`, seats: 50 }));
    const hall = await createOne({ startsAt: '2026-07-02T10:00', seatingMode: 'seated', seatMap: { rows } });
    const hallSeats = (await getSession(c.deps, owner, orgId, hall.sessionId)).seatMap!.seats;
    expect(hallSeats).toHaveLength(2_000);
    expect([hallSeats[0], hallSeats[49], hallSeats[50], hallSeats[1_999]]).toEqual([
      'R1-1',
      'R1-50',
      'R2-1',
      'R40-50',
    ]);
    expect(await counterHolds(hall.sessionId)).toMatchObject({ capacity: 2_000, available: 2_000 });

    const refused = async (input: Partial<CreateSessionsInput>, field: string) => {
      const err = await create({ startsAt: '2026-07-03T19:00', ...input }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'VALIDATION_FAILED', details: { errors: [{ field }] } });
    };
    await refused(
      { seatingMode: 'seated', seatMap: { rows: [{ name: 'A', seats: 3 }] }, capacity: 4 },
      'seatMap',
    );
    await refused({ seatingMode: 'seated', seatMap: { labels: ['A1', 'A2', 'A1'] } }, 'seatMap');
    await refused({ seatingMode: 'seated' }, 'seatMap');
    await refused({ seatMap: { labels: ['A1'] } }, 'seatMap');
    await refused({ capacity: 21, roomId: rooms.small }, 'capacity');
    await refused({ roomId: 'room_00000000000000000000' }, 'roomId');
    await refused({ startsAt: '2026-03-29T02:30' }, 'startsAt');
    await refused({ endsAt: '2026-07-03T18:00' }, 'endsAt');
  });

  it('gives table sessions tables whose places add up to the capacity', async () => {
    const tables = [
      { name: 'T1', capacity: 4 },
      { name: 'T2', capacity: 6 },
    ];
    const s = await createOne({ startsAt: '2026-07-04T19:00', seatingMode: 'tables', tables });
    expect(s.capacity).toBe(10);
    expect((await getSession(c.deps, owner, orgId, s.sessionId)).tables).toEqual(tables);
    await expect(
      create({ startsAt: '2026-07-05T19:00', seatingMode: 'tables', tables, capacity: 12 }),
    ).rejects.toMatchObject({ details: { errors: [{ field: 'tables' }] } });
    await expect(
      create({ startsAt: '2026-07-05T19:00', seatingMode: 'tables', tables: [tables[0]!, tables[0]!] }),
    ).rejects.toMatchObject({ details: { errors: [{ field: 'tables' }] } });
  });

  it('changes capacity only with a matching seat map, through the counter, never below what is taken', async () => {
    const s = await createOne({
      startsAt: '2026-07-10T19:00',
      seatingMode: 'seated',
      seatMap: { rows: [{ name: 'A', seats: 10 }] },
    });
    await expect(updateSession(c.deps, owner, orgId, s.sessionId, { capacity: 12 })).rejects.toMatchObject({
      details: { errors: [{ field: 'seatMap' }] },
    });
    const grown = await updateSession(c.deps, owner, orgId, s.sessionId, {
      capacity: 12,
      seatMap: { rows: [{ name: 'A', seats: 12 }] },
    });
    expect(grown.seatMap?.seats).toHaveLength(12);
    expect(await counterHolds(s.sessionId)).toEqual({
      capacity: 12,
      available: 12,
      held: 0,
      confirmed: 0,
      waiting: 0,
      version: 1,
    });

    // What the booking engine will do: move places from available to held and confirmed.
    const { sessionCounter } = createService(client(), c.tableName).entities;
    await sessionCounter
      .patch({ orgId, sessionId: s.sessionId })
      .add({ available: -7, held: 3, confirmed: 4, version: 1 })
      .go();
    const shrink = (seats: number) =>
      updateSession(c.deps, owner, orgId, s.sessionId, {
        capacity: seats,
        seatMap: { rows: [{ name: 'A', seats }] },
      });
    await expect(shrink(6)).rejects.toMatchObject({ code: 'CAPACITY_IN_USE' });
    expect(await counterHolds(s.sessionId)).toMatchObject({ capacity: 12, available: 5 });
    expect((await getSession(c.deps, owner, orgId, s.sessionId)).capacity).toBe(12);
    await shrink(7);
    expect(await counterHolds(s.sessionId)).toEqual({
      capacity: 7,
      available: 0,
      held: 3,
      confirmed: 4,
      waiting: 0,
      version: 3,
    });

    const general = await createOne({ startsAt: '2026-07-11T19:00' });
    await updateSession(c.deps, owner, orgId, general.sessionId, { capacity: 80 });
    expect(await counterHolds(general.sessionId)).toMatchObject({ capacity: 80, available: 80 });
    await expect(
      updateSession(c.deps, owner, orgId, general.sessionId, { tables: [{ name: 'T', capacity: 80 }] }),
    ).rejects.toMatchObject({ details: { errors: [{ field: 'tables' }] } });
    const tabled = await updateSession(c.deps, owner, orgId, general.sessionId, {
      seatingMode: 'tables',
      tables: [{ name: 'T', capacity: 80 }],
    });
    expect(tabled).toMatchObject({
      seatingMode: 'tables',
      tables: [{ name: 'T', capacity: 80 }],
      seatMap: null,
    });
  });

  it('moves a session’s slot when its time or room changes, re-checking overlaps', async () => {
    const a = await createOne({ startsAt: '2026-08-01T18:00', roomId: rooms.side });
    const b = await createOne({ startsAt: '2026-08-01T21:00', roomId: rooms.side });
    await expect(
      updateSession(c.deps, owner, orgId, b.sessionId, { startsAt: '2026-08-01T19:00' }),
    ).rejects.toThrow(a.sessionId);
    // Its own old slot never counts as an overlap.
    const later = await updateSession(c.deps, owner, orgId, b.sessionId, { startsAt: '2026-08-01T21:30' });
    expect(Date.parse(later.endsAt) - Date.parse(later.startsAt)).toBe(2 * hour);
    const moved = await updateSession(c.deps, owner, orgId, a.sessionId, { roomId: rooms.main });
    expect(moved.roomId).toBe(rooms.main);
    const side = (await slotsOf(rooms.side)).slots.map((s) => s.sessionId);
    const main = (await slotsOf(rooms.main)).slots.map((s) => s.sessionId);
    expect(side).toContain(b.sessionId);
    expect(side).not.toContain(a.sessionId);
    expect(main).toContain(a.sessionId);
    expect((await slotsOf(rooms.side)).slots.find((s) => s.sessionId === b.sessionId)?.startsAt).toBe(
      later.startsAt,
    );
  });

  it('deletes through a deletion record; a deleting session refuses changes; remove clears every item', async () => {
    const s = await createOne({ startsAt: '2026-09-01T19:00', roomId: rooms.side });
    const deletion = await deleteSession(c.deps, owner, orgId, s.sessionId);
    expect(deletion).toMatchObject({ kind: 'session', targetId: s.sessionId, status: 'running' });
    expect(jobs).toContainEqual({ type: 'catalog.delete', orgId, targetId: s.sessionId });
    expect(await deleteSession(c.deps, owner, orgId, s.sessionId)).toEqual(deletion);
    await expect(updateSession(c.deps, owner, orgId, s.sessionId, { capacity: 10 })).rejects.toMatchObject({
      code: 'SESSION_DELETING',
    });
    expect((await getSession(c.deps, owner, orgId, s.sessionId)).deleting).toBe(true);

    expect(await c.deps.sessions.remove(orgId, s.sessionId)).toBe(3);
    expect(await c.deps.sessions.remove(orgId, s.sessionId)).toBe(0);
    expect(await c.deps.sessions.get(orgId, s.sessionId)).toBeUndefined();
    expect(await c.deps.sessions.getCounter(orgId, s.sessionId)).toBeUndefined();
    expect((await slotsOf(rooms.side)).slots.map((x) => x.sessionId)).not.toContain(s.sessionId);
    await expect(getSession(c.deps, owner, orgId, s.sessionId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(deleteSession(c.deps, owner, orgId, s.sessionId)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('answers NOT_FOUND for unknown events and sessions and for callers outside the organization', async () => {
    const ghost = 'evt_00000000000000000000';
    await expect(
      createSessions(c.deps, owner, orgId, ghost, { startsAt: '2026-10-01T19:00', roomId: rooms.main }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(listSessions(c.deps, owner, orgId, ghost, { limit: 5 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(getSession(c.deps, owner, orgId, 'ses_00000000000000000000')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const s = await createOne({ startsAt: '2026-10-01T19:00' });
    await expect(getSession(c.deps, user('stranger'), orgId, s.sessionId)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      updateSession(c.deps, user('stranger'), orgId, s.sessionId, { capacity: 5 }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('creates the longest series in one transaction, and nothing under an event being deleted', async () => {
    const longest = await create({
      startsAt: '2027-01-01T08:00',
      endsAt: '2027-01-01T09:00',
      roomId: rooms.small,
      capacity: 20,
      recurrence: { frequency: 'daily', count: maxSeriesLength },
    });
    expect(longest.sessions).toHaveLength(maxSeriesLength);
    await counterHolds(longest.sessions[maxSeriesLength - 1]!.sessionId);
    await expect(
      create({
        startsAt: '2027-03-01T08:00',
        recurrence: { frequency: 'daily', count: maxSeriesLength + 1 },
      }),
    ).rejects.toMatchObject({ details: { errors: [{ field: 'recurrence.count' }] } });

    const doomed = await newOrgWithEvent();
    const roomId = doomed.venue.rooms[0]!.roomId;
    const event = await c.deps.events.get(doomed.orgId, doomed.eventId);
    await c.deps.events.markDeleting(event!, new Date().toISOString());
    await expect(
      createSessions(c.deps, owner, doomed.orgId, doomed.eventId, { startsAt: '2027-01-01T10:00', roomId }),
    ).rejects.toMatchObject({ code: 'EVENT_DELETING' });
    // The same guard inside the transaction, for a create that read the event just before.
    const now = new Date().toISOString();
    const session: Session = {
      orgId: doomed.orgId,
      sessionId: 'ses_00000000000000000001',
      eventId: doomed.eventId,
      venueId: doomed.venue.venueId,
      roomId,
      seriesId: null,
      registrationDeadline: null,
      startsAt: '2027-01-01T09:00:00.000Z',
      endsAt: '2027-01-01T10:00:00.000Z',
      timezone: 'Europe/Berlin',
      capacity: 10,
      overbooked: 0,
      seating: { mode: 'general' },
      status: 'scheduled',
      cancellation: null,
      deleting: false,
      createdAt: now,
      updatedAt: now,
    };
    await expect(c.deps.sessions.create([session], 0, event!.updatedAt)).rejects.toMatchObject({
      code: 'EVENT_DELETING',
    });
    expect(await c.deps.sessions.get(doomed.orgId, session.sessionId)).toBeUndefined();
  });

  it('keys every item by org first, never by the org alone, and purges an organization completely', async () => {
    const other = await newOrgWithEvent();
    const make = (roomId: string, startsAt: string) =>
      createSessions(c.deps, owner, other.orgId, other.eventId, {
        startsAt,
        roomId,
        seatingMode: 'seated',
        seatMap: { rows: [{ name: 'A', seats: 4 }] },
        recurrence: { frequency: 'daily', count: 3 },
      });
    const [r1, r2] = other.venue.rooms;
    await make(r1!.roomId, '2026-11-01T10:00');
    await make(r2!.roomId, '2026-11-01T10:00');

    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await c.deps.sessions.listIdsByEvent(other.orgId, other.eventId, 4, cursor);
      ids.push(...page.ids);
      cursor = page.cursor ?? undefined;
    } while (cursor);
    expect(new Set(ids).size).toBe(6);

    const itemsOf = async (org: string) => {
      const { Items = [] } = await client().send(
        new ScanCommand({ TableName: c.tableName, ConsistentRead: true }),
      );
      return Items.filter((i) => String(i.pk).startsWith(org) && /^session|^room/.test(String(i.__edb_e__)));
    };
    const before = await itemsOf(other.orgId);
    expect(before).toHaveLength(6 * 3 + 2);
    for (const item of before) {
      for (const key of ['pk', 'gsi2pk', 'gsi3pk'].filter((k) => item[k] !== undefined)) {
        expect(String(item[key]).startsWith(`${other.orgId}#`), key).toBe(true);
      }
    }

    let rounds = 0;
    while ((await c.deps.sessions.purgeOrg(other.orgId, 4)) >= 4) rounds += 1;
    expect(rounds).toBeGreaterThan(1);
    expect(await itemsOf(other.orgId)).toEqual([]);
    expect((await listSessions(c.deps, owner, orgId, eventId, { limit: 1 })).items).toHaveLength(1);
  });

  it('keeps a room in its venue while sessions use it, and places no session in a room being dropped', async () => {
    const world = await newOrgWithEvent();
    const [used, free] = world.venue.rooms;
    await createSessions(c.deps, owner, world.orgId, world.eventId, {
      startsAt: '2027-09-01T19:00',
      roomId: used!.roomId,
    });
    const asInput = (r: { roomId: string; name: string }) => ({ roomId: r.roomId, name: r.name });
    const others = world.venue.rooms.filter((r) => r.roomId !== used!.roomId).map(asInput);
    await expect(
      updateVenue(c.deps, owner, world.orgId, world.venue.venueId, { rooms: others }),
    ).rejects.toMatchObject({
      code: 'ROOM_IN_USE',
      details: { roomId: used!.roomId },
    });
    // A session placed in the free room after it was found free: the venue's write is refused.
    const kept = world.venue.rooms.filter((r) => r.roomId !== free!.roomId).map(asInput);
    let placed = false;
    const sessions = {
      ...c.deps.sessions,
      roomUse: async (room: Parameters<typeof c.deps.sessions.roomUse>[0]) => {
        const use = await c.deps.sessions.roomUse(room);
        if (!placed) {
          placed = true;
          await createSessions(c.deps, owner, world.orgId, world.eventId, {
            startsAt: '2027-09-02T19:00',
            roomId: free!.roomId,
          });
        }
        return use;
      },
    };
    await expect(
      updateVenue({ ...c.deps, sessions }, owner, world.orgId, world.venue.venueId, { rooms: kept }),
    ).rejects.toMatchObject({ code: 'CONFLICT', details: { roomId: free!.roomId } });
    expect(placed).toBe(true);
    await expect(
      updateVenue(c.deps, owner, world.orgId, world.venue.venueId, { rooms: kept }),
    ).rejects.toMatchObject({ code: 'ROOM_IN_USE', details: { roomId: free!.roomId } });
    expect((await c.deps.venues.get(world.orgId, world.venue.venueId))?.rooms).toHaveLength(
      world.venue.rooms.length,
    );

    // The other order: a session planned on the room's schedule, the room dropped before its write.
    const third = world.venue.rooms[2]!;
    const withoutThird = world.venue.rooms.filter((r) => r.roomId !== third.roomId).map(asInput);
    let dropped = false;
    const dropping = {
      ...c.deps.sessions,
      roomSchedule: async (...args: Parameters<typeof c.deps.sessions.roomSchedule>) => {
        const schedule = await c.deps.sessions.roomSchedule(...args);
        if (!dropped) {
          dropped = true;
          await updateVenue(c.deps, owner, world.orgId, world.venue.venueId, { rooms: withoutThird });
        }
        return schedule;
      },
    };
    await expect(
      createSessions({ ...c.deps, sessions: dropping }, owner, world.orgId, world.eventId, {
        startsAt: '2027-09-03T19:00',
        roomId: third.roomId,
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { errors: [{ field: 'roomId' }] } });
    expect(dropped).toBe(true);
    const slots = await c.deps.sessions.roomSchedule(
      { orgId: world.orgId, venueId: world.venue.venueId, roomId: third.roomId },
      '2027-01-01T00:00:00.000Z',
      '2028-01-01T00:00:00.000Z',
    );
    expect(slots).toMatchObject({ retired: true, slots: [] });
  });
});
