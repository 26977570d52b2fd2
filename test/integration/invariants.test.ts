import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import { book } from '../../functions/modules/bookings/domain/bookings.js';
import { changeEventStatus, createEvent } from '../../functions/modules/catalog/domain/events.js';
import { createSessions } from '../../functions/modules/catalog/domain/sessions.js';
import { createVenue } from '../../functions/modules/catalog/domain/venues.js';
import { createOrganization } from '../../functions/modules/organizations/domain/organizations.js';
import { createAttendee } from '../../functions/modules/people/domain/attendees.js';
import { checkInvariants } from '../../scripts/invariants/check.js';
import { scanTable } from '../../scripts/invariants/scan.js';
import { eventInput } from './catalog-world.js';
import { freshContainer, user } from './fixtures.js';
import { runCheckScript } from './invariants-script.js';

/** The invariant checker against DynamoDB Local: items written by the use cases, then corrupted. */

const owner = user('checker-owner');

let c: Container & { tableName: string };
let orgId: string;
let generalId: string;
let seatedId: string;
let bookedSeats: string[];

const endpoint = (): string => process.env.DYNAMODB_ENDPOINT!;
const checkTable = async () =>
  checkInvariants(await scanTable({ tableName: c.tableName, endpoint: endpoint() }));

const runScript = (...args: string[]) =>
  runCheckScript({ tableName: c.tableName, endpoint: endpoint() }, ...args);

/** Writes behind the code's back, as a bug or a manual edit would. */
const tamper = async (command: UpdateCommand | DeleteCommand) => {
  const client = createDocumentClient({ region: 'us-east-1', endpoint: endpoint() });
  try {
    await client.send(command);
  } finally {
    client.destroy();
  }
};

const corruptCounter = (sessionId: string, update: string, values: Record<string, number>) =>
  tamper(
    new UpdateCommand({
      TableName: c.tableName,
      Key: { pk: `${orgId}#session#${sessionId}#counter`, sk: 'counter' },
      UpdateExpression: update,
      ExpressionAttributeValues: values,
    }),
  );

const deleteSeatItem = (sessionId: string, label: string) =>
  tamper(
    new DeleteCommand({
      TableName: c.tableName,
      Key: { pk: `${orgId}#session#${sessionId}#seats`, sk: label },
    }),
  );

beforeAll(async () => {
  c = await freshContainer();
  orgId = (await createOrganization(c.deps, owner, { name: 'Checked Org' })).orgId;
  const venue = await createVenue(c.deps, owner, orgId, {
    name: 'Hall',
    address: 'Uferstraße 12',
    city: 'Berlin',
    timezone: 'Europe/Berlin',
    rooms: [{ name: 'Main' }],
  });
  const event = await createEvent(
    c.deps,
    owner,
    orgId,
    eventInput(venue.venueId, {
      title: 'Checked',
      description: 'Checked by the invariant checker',
      defaultCapacity: 10,
    }),
  );
  const roomId = venue.rooms[0]!.roomId;
  const create = (
    startsAt: string,
    extra: { seatingMode?: 'seated'; seatMap?: { rows: { name: string; seats: number }[] } },
  ) => createSessions(c.deps, owner, orgId, event.eventId, { startsAt, roomId, ...extra });
  generalId = (await create('2030-01-01T10:00', {})).sessions[0]!.sessionId;
  seatedId = (
    await create('2030-01-01T12:00', { seatingMode: 'seated', seatMap: { rows: [{ name: 'A', seats: 4 }] } })
  ).sessions[0]!.sessionId;
  await changeEventStatus(c.deps, owner, orgId, event.eventId, 'published');
  const { attendeeId } = await createAttendee(c.deps, owner, orgId, {
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: 'ada@checked.example',
  });
  await book(c.deps, owner, orgId, generalId, { attendeeId, seats: 3 });
  bookedSeats = (await book(c.deps, owner, orgId, seatedId, { attendeeId, seats: 2 })).seatLabels;
});

describe('invariant checker against DynamoDB Local', () => {
  it('passes the items the use cases wrote', async () => {
    const report = await checkTable();
    expect(report.violations).toEqual([]);
    expect(report).toMatchObject({ ok: true, sessions: 2, bookings: 2, liveBookings: 2, seatItems: 2 });
    const script = await runScript();
    expect(script.code).toBe(0);
    expect(script.stdout).toContain(
      `invariants hold on ${c.tableName}: 2 sessions, 2 bookings (2 live), 2 seat items`,
    );
    expect(script.stdout).toContain('; 1 read\n');
  });

  it('reports a corrupted counter and a lost seat item, and the script exits 1 naming each', async () => {
    await corruptCounter(generalId, 'SET available = available + :one', { ':one': 1 });
    await corruptCounter(seatedId, 'SET held = :minus, available = available + :one', {
      ':minus': -1,
      ':one': 1,
    });
    const lostSeat = bookedSeats[1]!;
    await deleteSeatItem(seatedId, lostSeat);
    const report = await checkTable();
    expect(report.violations.map((v) => `${v.sessionId} ${v.check}`).sort()).toEqual(
      [
        `${generalId} counter-balanced`,
        `${seatedId} counter-non-negative`,
        `${seatedId} held-matches-bookings`,
        `${seatedId} live-booking-has-seat-items`,
      ].sort(),
    );
    const missing = report.violations.find((v) => v.check === 'live-booking-has-seat-items')!;
    const script = await runScript();
    expect(script.code).toBe(1);
    expect(script.stdout).toContain(
      `[counter-balanced] org=${orgId} session=${generalId} : capacity 10 != available 8 + held 0 + confirmed 3`,
    );
    expect(script.stdout).toContain(`[counter-non-negative] org=${orgId} session=${seatedId} : held is -1`);
    expect(script.stdout).toContain(
      `[live-booking-has-seat-items] org=${orgId} session=${seatedId} booking=${missing.bookingId} label=${lostSeat} : no seat item`,
    );
    expect(script.stdout).toContain('4 violations');
  });

  it('prints the report as JSON with --json', async () => {
    const script = await runScript('--json');
    expect(script.code).toBe(1);
    const report = JSON.parse(script.stdout) as { ok: boolean; tableName: string; violations: unknown[] };
    // Quiet table: one re-read confirms every violation, and no session is left unsettled.
    expect(report).toMatchObject({ ok: false, tableName: c.tableName, rounds: 2, unsettledSessions: [] });
    expect(report.violations).toHaveLength(4);
  });
});
