import { beforeAll, describe, expect, it } from 'vitest';
import { csvRecords, parseCsv } from '../support/csv.js';
import { useLocalRuntime } from '../support/local-runtime.js';
import { publishedSession } from './http-world.js';

/**
 * Who came, over HTTP on the local runtime: a door member scans, staff read the session's figures,
 * who is inside, the CSV export (read back and compared, names and gates that need quoting or
 * would run as formulas among them), no-shows once the session has started (its start moved to a
 * minute ago), and an attendee's attendance.
 */

const rt = useLocalRuntime();

const isoIn = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

interface Summary {
  tickets: number;
  inside: number;
  entered: number;
  exits: number;
  byGate: { gate: string; entries: number; exits: number }[];
  byHour: { hour: string; entries: number; exits: number }[];
  noShows: number | null;
}

let owner: string;
let door: string;
let orgId: string;
let sessionId: string;
let ada: { attendeeId: string; bookingId: string };
let bob: { attendeeId: string; bookingId: string };

const north = 'North, "main"';
const east = '-East';
/** A first name a spreadsheet would run as a formula, were it not quoted. */
const adaFirst = '=HYPERLINK("http://x.example")';

const base = () => `/v1/orgs/${orgId}/sessions/${sessionId}`;

const attendeeWithBooking = async (firstName: string, lastName: string, seats: number) => {
  const attendee = await rt.call<{ attendeeId: string }>('POST', `/v1/orgs/${orgId}/attendees`, {
    token: owner,
    body: { firstName, lastName },
  });
  expect(attendee.status, attendee.text).toBe(201);
  const booking = await rt.call<{ bookingId: string; status: string }>('POST', `${base()}/bookings`, {
    token: owner,
    body: { attendeeId: attendee.json.attendeeId, seats },
  });
  expect(booking.json.status, booking.text).toBe('confirmed');
  return { attendeeId: attendee.json.attendeeId, bookingId: booking.json.bookingId };
};

let nonces = 0;
const scan = async (code: string, gate: string, direction: 'entry' | 'exit' = 'entry') => {
  nonces += 1;
  const res = await rt.call<{ outcome: string }>('POST', `/v1/orgs/${orgId}/checkins`, {
    token: door,
    body: {
      sessionId,
      method: 'qr',
      code,
      gate,
      direction,
      nonce: `adm-e2e-${String(nonces).padStart(4, '0')}`,
    },
  });
  expect(res.status, res.text).toBe(200);
  return res.json.outcome;
};

beforeAll(async () => {
  owner = await rt.mintToken({ sub: 'adm-owner', email: 'owner@adm.example', name: 'Owner' });
  door = await rt.mintToken({ sub: 'adm-door', email: 'door@adm.example', name: 'Door' });
  ({ orgId, sessionId } = await publishedSession(rt, owner, {
    orgName: 'Admissions',
    event: { title: 'Show', defaultCapacity: 20 },
    session: { startsAt: isoIn(30) },
  }));
  const invite = await rt.call<{ token: string }>('POST', `/v1/orgs/${orgId}/invites`, {
    token: owner,
    body: { email: 'door@adm.example', role: 'door', expiresInHours: 1 },
  });
  expect(invite.status, invite.text).toBe(201);
  const accepted = await rt.call('POST', '/v1/invites/accept', {
    token: door,
    body: { token: invite.json.token },
  });
  expect(accepted.status, accepted.text).toBeLessThan(300);
  ada = await attendeeWithBooking(adaFirst, 'Lovelace, "Countess"', 2);
  bob = await attendeeWithBooking('Bob', 'Builder', 1);
  const tickets = await rt.call<{ items: { ticketId: string; code: string }[] }>(
    'GET',
    `${base()}/bookings/${ada.bookingId}/tickets`,
    { token: owner },
  );
  const [one, two] = tickets.json.items;
  expect(await scan(one!.code, north)).toBe('admitted');
  expect(await scan(two!.code, east)).toBe('admitted');
  expect(await scan(one!.code, north, 'exit')).toBe('exited');
});

describe('admissions over HTTP', () => {
  it('answer the session’s figures, with no no-shows before it starts', async () => {
    const res = await rt.call<Summary>('GET', `${base()}/admissions`, { token: owner });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({
      tickets: 3,
      inside: 1,
      entered: 2,
      exits: 1,
      byGate: [
        { gate: east, entries: 1, exits: 0 },
        { gate: north, entries: 1, exits: 1 },
      ],
      noShows: null,
    });
    expect(res.json.byHour.reduce((n, h) => n + h.entries + h.exits, 0)).toBe(3);
  });

  it('list who is inside now, with their name and gate', async () => {
    const res = await rt.call<{
      items: { ticketId: string; name: string; gate: string }[];
      nextCursor: null;
    }>('GET', `${base()}/admissions/inside?limit=10`, { token: owner });
    expect(res.status, res.text).toBe(200);
    expect(res.json.items).toEqual([
      expect.objectContaining({
        ticketId: `${ada.bookingId}-2`,
        name: `${adaFirst} Lovelace, "Countess"`,
        gate: east,
      }),
    ]);
    expect(res.json.nextCursor).toBeNull();
  });

  it('export CSV that reads back as one row per ticket, quoted and safe from formulas', async () => {
    const res = await rt.call('GET', `${base()}/admissions.csv`, { token: owner });
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="admissions-${sessionId}.csv"`);
    expect(parseCsv(res.text)[0]).toEqual([
      'ticketId',
      'bookingId',
      'seat',
      'attendee',
      'state',
      'firstEntryAt',
      'lastMoveAt',
      'gate',
      'entries',
      'bookingStatus',
    ]);
    const rows = csvRecords(res.text);
    const adaName = `'${adaFirst} Lovelace, "Countess"`;
    expect(rows.map((r) => [r.ticketId, r.attendee, r.state, r.gate, r.entries, r.bookingStatus])).toEqual(
      [
        [`${ada.bookingId}-1`, adaName, 'out', north, '1', 'confirmed'],
        [`${ada.bookingId}-2`, adaName, 'in', `'${east}`, '1', 'confirmed'],
        [`${bob.bookingId}-1`, 'Bob Builder', 'not_arrived', '', '0', 'confirmed'],
      ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
    );
    const [first] = rows.filter((r) => r.ticketId === `${ada.bookingId}-1`);
    expect(Date.parse(first!.lastMoveAt!)).toBeGreaterThan(Date.parse(first!.firstEntryAt!));
  });

  it('count no-shows once the session has started', async () => {
    const moved = await rt.call('PATCH', base(), { token: owner, body: { startsAt: isoIn(-1) } });
    expect(moved.status, moved.text).toBe(200);
    const res = await rt.call<Summary>('GET', `${base()}/admissions`, { token: owner });
    expect(res.json).toMatchObject({ tickets: 3, entered: 2, noShows: 1 });
  });

  it('answer an attendee’s attendance, latest first; none for one who never came', async () => {
    const res = await rt.call<{
      items: { ticketId: string; sessionId: string; state: string; entries: number }[];
    }>('GET', `/v1/orgs/${orgId}/attendees/${ada.attendeeId}/attendance?limit=10`, { token: owner });
    expect(res.status, res.text).toBe(200);
    expect(res.json.items.map((r) => [r.ticketId, r.sessionId, r.state, r.entries])).toEqual([
      [`${ada.bookingId}-2`, sessionId, 'in', 1],
      [`${ada.bookingId}-1`, sessionId, 'out', 1],
    ]);
    const none = await rt.call<{ items: unknown[] }>(
      'GET',
      `/v1/orgs/${orgId}/attendees/${bob.attendeeId}/attendance`,
      { token: owner },
    );
    expect(none.json.items).toEqual([]);
  });

  it('are not for the door: it scans, but reads no admissions', async () => {
    for (const path of [
      `${base()}/admissions`,
      `${base()}/admissions.csv`,
      `/v1/orgs/${orgId}/attendees/${ada.attendeeId}/attendance`,
    ]) {
      const res = await rt.call('GET', path, { token: door });
      expect(res.status, path).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});
