import { spawnSync } from 'node:child_process';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditTable } from '../../scripts/audit/verify.js';
import {
  auditRecordsOfResponse,
  auditRecordsWhere,
  oneAuditRecordOf,
  type StoredAuditRecord,
} from '../support/audit-records.js';
import { eventually } from '../support/eventually.js';
import { useLocalRuntime } from '../support/local-runtime.js';
import { publishedSession } from './http-world.js';

/**
 * The audit trail end to end: changes made over HTTP write their records, the stream consumer
 * links them into their hash chains, the trail reads by target, actor and day, and
 * `npm run verify:audit` finds a record edited or removed, naming it.
 */

const rt = useLocalRuntime();
let owner: string;
let orgId: string;
let sessionId: string;
let venueId: string;

const ownerSub = 'au-owner';

const trail = () => auditRecordsWhere(rt, '#orgId = :o', { ':o': orgId });

const raw = () =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: rt.runtime.dynamoEndpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );

const location = () => ({ tableName: rt.runtime.tableName, endpoint: rt.runtime.dynamoEndpoint });

/** Every record of the organization linked into its chain (the stream consumer runs beside the API). */
const allSealed = () =>
  eventually(
    trail,
    (records) => records.length > 0 && records.every((r) => typeof r.seq === 'number'),
    15_000,
  );

beforeAll(async () => {
  owner = await rt.mintToken({ sub: ownerSub, email: 'owner@au.example', name: 'Owner' });
  ({ orgId, sessionId, venueId } = await publishedSession(rt, owner, {
    orgName: 'Audited',
    event: { title: 'Talk', defaultCapacity: 5, price: { kind: 'free' } },
    session: { startsAt: '2031-05-01T19:00' },
  }));
});

describe('the audit trail', () => {
  it('records who changed what, readable by target, actor and day, newest first', async () => {
    const renamed = await rt.call('PATCH', `/v1/orgs/${orgId}/venues/${venueId}`, {
      token: owner,
      body: { name: 'Renamed hall' },
    });
    expect(renamed.status, renamed.text).toBe(200);
    const [record] = await auditRecordsOfResponse(rt, renamed);
    expect(record).toMatchObject({
      actorType: 'user',
      actorId: ownerSub,
      actorRole: 'owner',
      action: 'updateVenue',
      targetType: 'venue',
      targetId: venueId,
      change: 'updated',
    });
    expect(record?.fields).toContain('name');
    expect(JSON.stringify(record)).not.toContain('Renamed hall');

    const byTarget = await rt.call<{ items: { action: string; target: { id: string } }[] }>(
      'GET',
      `/v1/orgs/${orgId}/audit?targetType=venue&targetId=${venueId}`,
      { token: owner },
    );
    expect(byTarget.status, byTarget.text).toBe(200);
    expect(byTarget.json.items.map((i) => i.action)).toEqual(['updateVenue', 'createVenue']);

    const byActor = await rt.call<{ items: { actor: { id: string } }[]; nextCursor: string | null }>(
      'GET',
      `/v1/orgs/${orgId}/audit?actor=${ownerSub}&limit=2`,
      { token: owner },
    );
    expect(byActor.json.items).toHaveLength(2);
    expect(byActor.json.items.every((i) => i.actor.id === ownerSub)).toBe(true);
    expect(byActor.json.nextCursor).not.toBeNull();

    const day = new Date().toISOString().slice(0, 10);
    const byDay = await rt.call<{ items: { at: string }[] }>(
      'GET',
      `/v1/orgs/${orgId}/audit?day=${day}&limit=100`,
      {
        token: owner,
      },
    );
    const times = byDay.json.items.map((i) => i.at);
    expect(times.length).toBe((await trail()).length);
    expect([...times].sort()).toEqual(times);

    const both = await rt.call<{ errors: { field: string }[] }>(
      'GET',
      `/v1/orgs/${orgId}/audit?actor=${ownerSub}&day=${day}`,
      { token: owner },
    );
    expect(both.status).toBe(422);
    expect(both.json.errors.map((e) => e.field)).toContain('query.targetType');
  });

  it('keeps a booking history as the booking audit records, one per step', async () => {
    const me = await rt.call<{ attendeeId: string }>('POST', `/v1/orgs/${orgId}/attendees`, {
      token: owner,
      body: { firstName: 'Ada', lastName: 'L' },
    });
    const booked = await rt.call<{ bookingId: string }>(
      'POST',
      `/v1/orgs/${orgId}/sessions/${sessionId}/bookings`,
      {
        token: owner,
        body: { attendeeId: me.json.attendeeId, seats: 1 },
      },
    );
    expect(booked.status, booked.text).toBe(201);
    const base = `/v1/orgs/${orgId}/sessions/${sessionId}/bookings/${booked.json.bookingId}`;
    const cancelled = await rt.call('POST', `${base}/cancel`, { token: owner });
    expect((await auditRecordsOfResponse(rt, cancelled)).map((r) => r.targetType)).toEqual(['booking']);
    const read = await rt.call<{ history: { from: string | null; to: string; by: string }[] }>('GET', base, {
      token: owner,
    });
    expect(read.json.history.map((h) => [h.from, h.to, h.by])).toEqual([
      [null, 'confirmed', ownerSub],
      ['confirmed', 'cancelled', ownerSub],
    ]);
  });

  it('records one change for routes the success sweep calls with samples that change nothing', async () => {
    const attendee = async (firstName: string) =>
      (
        await rt.call<{ attendeeId: string }>('POST', `/v1/orgs/${orgId}/attendees`, {
          token: owner,
          body: { firstName, lastName: 'P' },
        })
      ).json.attendeeId;
    const [lead, second] = [await attendee('Lead'), await attendee('Second')];
    const party = await rt.call<{ partyId: string }>('POST', `/v1/orgs/${orgId}/parties`, {
      token: owner,
      body: { name: 'Friends', leaderId: lead },
    });
    const added = await rt.call('POST', `/v1/orgs/${orgId}/parties/${party.json.partyId}/members`, {
      token: owner,
      body: { attendeeId: second },
    });
    expect(added.status, added.text).toBe(200);
    expect(await oneAuditRecordOf(rt, added, ownerSub)).toMatchObject({ targetType: 'party' });

    // A full session with two waiting: the second moved to the front.
    const full = await publishedSession(rt, owner, {
      orgName: 'Audited line',
      event: { title: 'Small talk', defaultCapacity: 1, price: { kind: 'free' } },
      session: { startsAt: '2031-06-01T19:00' },
    });
    const other = async (firstName: string) =>
      (
        await rt.call<{ attendeeId: string }>('POST', `/v1/orgs/${full.orgId}/attendees`, {
          token: owner,
          body: { firstName, lastName: 'W' },
        })
      ).json.attendeeId;
    const path = `/v1/orgs/${full.orgId}/sessions/${full.sessionId}`;
    await rt.call('POST', `${path}/bookings`, { token: owner, body: { attendeeId: await other('Seated') } });
    const waiting = [];
    for (const name of ['First', 'Second']) {
      const entry = await rt.call<{ entryId: string }>('POST', `${path}/waitlist`, {
        token: owner,
        body: { attendeeId: await other(name) },
      });
      expect(entry.status, entry.text).toBe(201);
      waiting.push(entry.json.entryId);
    }
    const moved = await rt.call('POST', `/v1/orgs/${full.orgId}/waitlist/${waiting[1]}/move`, {
      token: owner,
      body: { position: 1 },
    });
    expect(moved.status, moved.text).toBe(200);
    await oneAuditRecordOf(rt, moved, ownerSub);
  });

  it('verify:audit passes on a clean trail, and names a record edited or removed', async () => {
    const records = await allSealed();
    expect((await verifyAuditTable(location())).problems).toEqual([]);

    // One record edited: its hash no longer matches.
    const chain = records
      .filter((r) => r.chain === records[0]?.chain)
      .sort((a, b) => Number(a.seq) - Number(b.seq));
    expect(chain.length).toBeGreaterThanOrEqual(2);
    const victim = chain[0] as StoredAuditRecord;
    const db = raw();
    await db.send(
      new PutCommand({ TableName: location().tableName, Item: { ...victim, actorId: 'someone-else' } }),
    );
    const edited = await verifyAuditTable(location());
    expect(edited.problems.map((p) => [p.recordId, p.problem])).toContainEqual([victim.recordId, 'edited']);

    // The CLI says so too, naming the record, and exits 1.
    const cli = spawnSync(
      'npx',
      ['tsx', 'scripts/verify-audit.ts', '--endpoint', location().endpoint, '--table', location().tableName],
      { encoding: 'utf8' },
    );
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain(`record=${victim.recordId}: edited`);

    // Put back: clean again. Then removed: the next record links to a record no longer there.
    await db.send(new PutCommand({ TableName: location().tableName, Item: victim }));
    expect((await verifyAuditTable(location())).problems).toEqual([]);
    await db.send(
      new DeleteCommand({ TableName: location().tableName, Key: { pk: victim.pk, sk: victim.sk } }),
    );
    const removed = await verifyAuditTable(location());
    expect(removed.problems.map((p) => [p.recordId, p.problem])).toContainEqual([victim.recordId, 'removed']);
    await db.send(new PutCommand({ TableName: location().tableName, Item: victim }));
  }, 60_000);
});
