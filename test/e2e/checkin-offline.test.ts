import { createPublicKey, verify } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkStaticOffline } from '../../functions/modules/tickets/domain/codes.js';
import { useLocalRuntime } from '../support/local-runtime.js';
import { berlinIn, publishedSession } from './http-world.js';

/**
 * Offline scanners over HTTP on the local runtime: a scanner downloads its session's list and
 * checks codes with the public key alone; uploads of what two offline gates let in make one
 * admission and a conflict record, the same upload sent again answers the same; check-in lists'
 * rules; staff resolve conflicts. The session starts in 30 minutes (doors open an hour before).
 */

const rt = useLocalRuntime();

interface OfflineList {
  keyId: string;
  publicKeyPem: string;
  rules: { opensAt: string; closesAt: string; reentry: boolean; admits: boolean };
  tickets: { ticketId: string; secretHash: string; attendeeName: string | null }[];
  revoked: string[];
  inside: { ticketId: string; gate: string }[];
  nextCursor: string | null;
}
interface Conflict {
  conflictId: string;
  kind: string;
  status: string;
  resolution: string | null;
  offline: { gate: string; deviceId: string | null };
  server: { admission: { gate: string } | null; booking: { status: string } | null };
}
interface Upload {
  results: { outcome: string; replayed: boolean; conflictId: string | null }[];
  conflicts: Conflict[];
}

let owner: string;
let door: string;
let orgId: string;
let sessionId: string;
let otherSessionId: string;
/** Ada's two tickets, and the ticket of Bob's booking, cancelled. */
let ada: { ticketId: string; code: string }[];
let bob: { ticketId: string; code: string };

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

const created = <T>(res: { status: number; text: string; json: T }): T => {
  expect(res.status, res.text).toBe(201);
  return res.json;
};

/** A confirmed booking of a new attendee in the session, and its tickets. */
const bookedTickets = async (firstName: string, seats: number) => {
  const attendee = created(
    await rt.call<{ attendeeId: string }>('POST', `/v1/orgs/${orgId}/attendees`, {
      token: owner,
      body: { firstName, lastName: 'Tester' },
    }),
  );
  const booking = created(
    await rt.call<{ bookingId: string; status: string }>(
      'POST',
      `/v1/orgs/${orgId}/sessions/${sessionId}/bookings`,
      { token: owner, body: { attendeeId: attendee.attendeeId, seats } },
    ),
  );
  expect(booking.status).toBe('confirmed');
  const path = `/v1/orgs/${orgId}/sessions/${sessionId}/bookings/${booking.bookingId}`;
  const listed = await rt.call<{ items: { ticketId: string; code: string }[] }>('GET', `${path}/tickets`, {
    token: owner,
  });
  expect(listed.status, listed.text).toBe(200);
  return { path, tickets: listed.json.items };
};

beforeAll(async () => {
  owner = await rt.mintToken({ sub: 'off-owner', email: 'owner@off.example', name: 'Owner' });
  door = await rt.mintToken({ sub: 'off-door', email: 'door@off.example', name: 'Door' });
  const world = await publishedSession(rt, owner, {
    orgName: 'Offline',
    event: { title: 'Festival', defaultCapacity: 20 },
    session: { startsAt: berlinIn(30) },
  });
  ({ orgId, sessionId } = world);
  const later = created(
    await rt.call<{ sessions: { sessionId: string }[] }>(
      'POST',
      `/v1/orgs/${orgId}/events/${world.eventId}/sessions`,
      { token: owner, body: { roomId: world.roomId, startsAt: berlinIn(600) } },
    ),
  );
  otherSessionId = later.sessions[0]?.sessionId ?? '';
  const invite = created(
    await rt.call<{ token: string }>('POST', `/v1/orgs/${orgId}/invites`, {
      token: owner,
      body: { email: 'door@off.example', role: 'door', expiresInHours: 1 },
    }),
  );
  const accepted = await rt.call('POST', '/v1/invites/accept', {
    token: door,
    body: { token: invite.token },
  });
  expect(accepted.status, accepted.text).toBeLessThan(300);
  ada = (await bookedTickets('Ada', 2)).tickets;
  const bobs = await bookedTickets('Bob', 1);
  bob = bobs.tickets[0] as { ticketId: string; code: string };
  const cancelled = await rt.call('POST', `${bobs.path}/cancel`, { token: owner });
  expect(cancelled.status, cancelled.text).toBe(200);
});

const download = (query = '') =>
  rt.call<OfflineList>('GET', `/v1/orgs/${orgId}/sessions/${sessionId}/checkin-list${query}`, {
    token: door,
  });

const upload = (deviceId: string, scans: Record<string, unknown>[]) =>
  rt.call<Upload>('POST', `/v1/orgs/${orgId}/checkins/offline`, {
    token: door,
    body: { deviceId, scans: scans.map((s) => ({ sessionId, method: 'qr', ...s })) },
  });

const conflictsOf = (status: string, token = owner) =>
  rt.call<{ items: Conflict[] }>(
    'GET',
    `/v1/orgs/${orgId}/sessions/${sessionId}/checkin-conflicts?status=${status}`,
    { token },
  );

describe('offline scanners over HTTP', () => {
  it('a code verifies with only the downloaded public key; a tampered code does not', async () => {
    const res = await download();
    expect(res.status, res.text).toBe(200);
    const list = res.json;
    expect(list.nextCursor).toBeNull();
    expect(list.revoked).toEqual([bob.ticketId]);
    // From here on, no server: node:crypto and the PEM.
    const key = createPublicKey(list.publicKeyPem);
    const offline = (code: string) =>
      checkStaticOffline((data, signature) => verify(null, data, key, signature), code);
    const first = ada[0] as { ticketId: string; code: string };
    const checked = offline(first.code);
    expect(checked?.ref).toEqual({ orgId, sessionId, ticketId: first.ticketId });
    expect(list.tickets.find((t) => t.ticketId === first.ticketId)).toMatchObject({
      secretHash: checked?.secretHash,
      attendeeName: 'Ada Tester',
    });
    const parts = first.code.split('.');
    const signature = parts[3] ?? '';
    const tampered = [
      ...parts.slice(0, 3),
      `${signature.slice(0, -3)}${signature.endsWith('AAA') ? 'BBB' : 'AAA'}`,
    ];
    expect(offline(tampered.join('.'))).toBeNull();
    // Another ticket's identity under Ada's secret and signature.
    expect(offline([parts[0], bob.code.split('.')[1], parts[2], signature].join('.'))).toBeNull();
  });

  it('two offline gates let the same ticket in: one admission, one conflict; an entry after cancellation: a conflict, no admission', async () => {
    const code = ada[0]?.code;
    const gateA = await upload('scanner-a', [
      { code, gate: 'A', scannedAt: minutesAgo(3), nonce: 'off-a-000001' },
    ]);
    expect(gateA.status, gateA.text).toBe(200);
    expect(gateA.json.results[0]).toMatchObject({ outcome: 'admitted', conflictId: null });

    const gateB = await upload('scanner-b', [
      { code, gate: 'B', scannedAt: minutesAgo(2), nonce: 'off-b-000001' },
      { code: bob.code, gate: 'B', scannedAt: minutesAgo(1), nonce: 'off-b-000002' },
    ]);
    expect(gateB.status, gateB.text).toBe(200);
    expect(gateB.json.results.map((r) => r.outcome)).toEqual(['already_in', 'revoked']);
    expect(gateB.json.conflicts).toMatchObject([
      {
        kind: 'double_admission',
        offline: { gate: 'B', deviceId: 'scanner-b' },
        server: { admission: { gate: 'A' } },
      },
      { kind: 'entry_after_revocation', server: { admission: null, booking: { status: 'cancelled' } } },
    ]);
    const inside = (await download()).json.inside;
    expect(inside).toEqual([{ ticketId: ada[0]?.ticketId, at: expect.any(String), gate: 'A' }]);

    // The same upload again: the same answers, the same records, nothing new.
    const again = await upload('scanner-b', [
      { code, gate: 'B', scannedAt: minutesAgo(2), nonce: 'off-b-000001' },
      { code: bob.code, gate: 'B', scannedAt: minutesAgo(1), nonce: 'off-b-000002' },
    ]);
    expect(again.status, again.text).toBe(200);
    expect(again.json.results.map((r) => [r.outcome, r.conflictId, r.replayed])).toEqual(
      gateB.json.results.map((r) => [r.outcome, r.conflictId, true]),
    );
    expect(again.json.conflicts).toEqual(gateB.json.conflicts);
    const open = await conflictsOf('open');
    expect(open.status, open.text).toBe(200);
    expect(open.json.items.map((k) => k.conflictId).sort()).toEqual(
      gateB.json.conflicts.map((k) => k.conflictId).sort(),
    );
  });

  it('check-in lists: their window, no re-entry, and a session they do not take', async () => {
    const list = (body: Record<string, unknown>) =>
      rt.call<{ listId: string }>('POST', `/v1/orgs/${orgId}/checkin-lists`, {
        token: owner,
        body: { name: 'Doors', sessionIds: [sessionId], ...body },
      });
    const late = created(await list({ opensMinutesBefore: 10 }));
    const strict = created(await list({ reentry: false }));
    const elsewhere = created(await list({ sessionIds: [otherSessionId] }));
    // The door reads lists (their rules), but does not make them.
    expect(
      (await rt.call('GET', `/v1/orgs/${orgId}/checkin-lists/${strict.listId}`, { token: door })).status,
    ).toBe(200);
    const refused = await rt.call('POST', `/v1/orgs/${orgId}/checkin-lists`, {
      token: door,
      body: { name: 'Mine', sessionIds: [sessionId] },
    });
    expect(refused.status, refused.text).toBe(403);

    const code = ada[1]?.code;
    const res = await upload('scanner-c', [
      { code, gate: 'C', scannedAt: minutesAgo(6), nonce: 'off-c-000001', listId: late.listId },
      { code, gate: 'C', scannedAt: minutesAgo(5), nonce: 'off-c-000002', listId: strict.listId },
      {
        code,
        gate: 'C',
        scannedAt: minutesAgo(4),
        nonce: 'off-c-000003',
        listId: strict.listId,
        direction: 'exit',
      },
      { code, gate: 'C', scannedAt: minutesAgo(3), nonce: 'off-c-000004', listId: strict.listId },
      { code, gate: 'C', scannedAt: minutesAgo(2), nonce: 'off-c-000005', listId: elsewhere.listId },
    ]);
    expect(res.status, res.text).toBe(200);
    expect(res.json.results.map((r) => r.outcome)).toEqual([
      'too_early',
      'admitted',
      'exited',
      'already_in',
      'wrong_session',
    ]);
    expect(res.json.conflicts.map((k) => k.kind)).toEqual([
      'outside_window',
      'double_admission',
      'wrong_session',
    ]);
    const rules = await download(`?listId=${strict.listId}`);
    expect(rules.json.rules).toMatchObject({ reentry: false, admits: true });
    expect((await download(`?listId=${elsewhere.listId}`)).status).toBe(422);
  });

  it('staff list open conflicts and resolve each once; another answer is refused', async () => {
    expect((await conflictsOf('open', door)).status).toBe(403);
    const [conflict] = (await conflictsOf('open')).json.items;
    const path = `/v1/orgs/${orgId}/checkin-conflicts/${conflict?.conflictId}/resolve`;
    const resolve = (resolution: string) =>
      rt.call<Conflict>('POST', path, { token: owner, body: { resolution, note: 'Checked at the desk' } });
    const first = await resolve('accepted');
    expect(first.status, first.text).toBe(200);
    expect(first.json).toMatchObject({ status: 'resolved', resolution: 'accepted' });
    const same = await resolve('accepted');
    expect(same.status, same.text).toBe(200);
    expect(same.json).toEqual(first.json);
    const other = await resolve('rejected');
    expect(other.status, other.text).toBe(409);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    const open = (await conflictsOf('open')).json.items.map((k) => k.conflictId);
    expect(open).not.toContain(conflict?.conflictId);
    const resolved = (await conflictsOf('resolved')).json.items;
    expect(resolved).toEqual([first.json]);
  });
});
