import { beforeAll, describe, expect, it } from 'vitest';
import { checkInvariants } from '../../scripts/invariants/check.js';
import { scanTable } from '../../scripts/invariants/scan.js';
import { useLocalRuntime } from '../support/local-runtime.js';
import { berlinIn, publishedSession } from './http-world.js';

/**
 * The door over HTTP on the local runtime: tickets of a confirmed booking carry signed codes; of
 * 50 simultaneous scans of one ticket at 50 gates one is admitted and 49 answer already_in.
 */

// 50 scans at once run as 50 invocations in this process, against the DynamoDB Local the test
// run's other worker also uses: the outcome is under test here, the latency in bench:checkin.
const rt = useLocalRuntime({ httpTimeoutScale: 4 });

interface Ticket {
  ticketId: string;
  code: string;
}
interface ScanAnswer {
  outcome: string;
  previous: { gate: string } | null;
  replayed: boolean;
}

let owner: string;
let door: string;
let orgId: string;
let sessionId: string;
let tickets: Ticket[];

beforeAll(async () => {
  owner = await rt.mintToken({ sub: 'ci-owner', email: 'owner@ci.example', name: 'Owner' });
  door = await rt.mintToken({ sub: 'ci-door', email: 'door@ci.example', name: 'Door' });
  ({ orgId, sessionId } = await publishedSession(rt, owner, {
    orgName: 'Door',
    event: { title: 'Gig', defaultCapacity: 20 },
    session: { startsAt: berlinIn(30) },
  }));
  const invite = await rt.call<{ token: string }>('POST', `/v1/orgs/${orgId}/invites`, {
    token: owner,
    body: { email: 'door@ci.example', role: 'door', expiresInHours: 1 },
  });
  expect(invite.status, invite.text).toBe(201);
  const accepted = await rt.call('POST', '/v1/invites/accept', {
    token: door,
    body: { token: invite.json.token },
  });
  expect(accepted.status, accepted.text).toBeLessThan(300);
  const attendee = await rt.call<{ attendeeId: string }>('POST', `/v1/orgs/${orgId}/attendees`, {
    token: owner,
    body: { firstName: 'Ada', lastName: 'Lovelace' },
  });
  const booking = await rt.call<{ bookingId: string; status: string }>(
    'POST',
    `/v1/orgs/${orgId}/sessions/${sessionId}/bookings`,
    { token: owner, body: { attendeeId: attendee.json.attendeeId, seats: 2 } },
  );
  expect(booking.json.status, booking.text).toBe('confirmed');
  const listed = await rt.call<{ items: Ticket[] }>(
    'GET',
    `/v1/orgs/${orgId}/sessions/${sessionId}/bookings/${booking.json.bookingId}/tickets`,
    { token: owner },
  );
  expect(listed.status, listed.text).toBe(200);
  tickets = listed.json.items;
});

const scan = (body: Record<string, unknown>) =>
  rt.call<ScanAnswer>('POST', `/v1/orgs/${orgId}/checkins`, {
    token: door,
    body: { sessionId, method: 'qr', direction: 'entry', ...body },
  });

describe('check-in over HTTP', () => {
  it('a confirmed booking of two has two tickets with signed codes', () => {
    expect(tickets).toHaveLength(2);
    expect(tickets[0]?.code).toMatch(/^T1\./);
  });

  it('50 simultaneous scans of one ticket at 50 gates: one admitted, 49 already_in', async () => {
    const code = tickets[0]?.code;
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        scan({ code, gate: `gate-${i}`, nonce: `burst-${String(i).padStart(4, '0')}` }),
      ),
    );
    for (const a of answers) expect(a.status, a.text).toBe(200);
    const outcomes = answers.map((a) => a.json.outcome);
    expect(outcomes.filter((o) => o === 'admitted')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'already_in')).toHaveLength(49);
    const admittedAt = answers.find((a) => a.json.outcome === 'admitted')?.json;
    const gate = answers.indexOf(answers.find((a) => a.json.outcome === 'admitted')!);
    expect(admittedAt).toBeDefined();
    for (const a of answers.filter((x) => x.json.outcome === 'already_in')) {
      expect(a.json.previous?.gate).toBe(`gate-${gate}`);
    }
  }, 90_000);

  it('leaves the table as the invariant checker wants it, admissions included', async () => {
    const report = checkInvariants(
      await scanTable({ tableName: rt.runtime.tableName, endpoint: rt.runtime.dynamoEndpoint }),
    );
    expect(report.violations).toEqual([]);
    expect(report.admissions).toBeGreaterThanOrEqual(1);
    expect(report.checks).toContain('entries-match-scans');
  });

  it('the same nonce answers the first answer again', async () => {
    const first = await scan({ code: tickets[1]?.code, gate: 'East', nonce: 'replay-0001' });
    const again = await scan({ code: tickets[1]?.code, gate: 'West', nonce: 'replay-0001' });
    expect(first.json).toMatchObject({ outcome: 'admitted', replayed: false });
    expect(again.json).toMatchObject({ outcome: 'admitted', replayed: true, gate: 'East' });
  });
});
