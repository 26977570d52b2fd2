import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import { createService } from '../../functions/kernel/dynamo/service.js';
import { book, cancelBooking } from '../../functions/modules/bookings/domain/bookings.js';
import type { Booking } from '../../functions/modules/bookings/domain/model.js';
import { type ScanInput, scanTicket } from '../../functions/modules/tickets/domain/checkin.js';
import { bookingTickets } from '../../functions/modules/tickets/domain/tickets.js';
import { admissionEntityNames } from '../../scripts/invariants/admission-items.js';
import { checkInvariants } from '../../scripts/invariants/check.js';
import { sessionFingerprints } from '../../scripts/invariants/fingerprint.js';
import { scanTable } from '../../scripts/invariants/scan.js';
import { readSessions } from '../../scripts/invariants/session-read.js';
import { checkInvariantsSettled } from '../../scripts/invariants/settled-check.js';
import { checkedEntities } from '../../scripts/invariants/snapshot.js';
import { localTicketKey } from '../../scripts/local/ticket-key.js';
import { bookingWorld, door, owner, refOf } from './booking-world.js';
import { freshContainer } from './fixtures.js';
import { runCheckScript } from './invariants-script.js';

/**
 * The admission checks against DynamoDB Local: bursts of simultaneous scans (the same tickets at
 * many gates, entries and exits racing) leave admissions and scan records the checker finds
 * clean; a ticket whose booking is cancelled after it went in is counted, not reported; a scan
 * record written behind the admission's back is named, and confirmed by re-reading the session.
 */

let c: Container & { tableName: string };
let sessionId: string;
let bookings: Booking[];
let codes: string[];
let nonces = 0;

const location = () => ({ tableName: c.tableName, endpoint: process.env.DYNAMODB_ENDPOINT! });
const checkTable = async () => checkInvariants(await scanTable(location()));

const scan = (code: string, input: Partial<ScanInput>) => {
  nonces += 1;
  return scanTicket(c.deps, door, bookings[0]!.orgId, {
    sessionId,
    method: 'qr',
    code,
    direction: 'entry',
    gate: 'North',
    nonce: `burst-${String(nonces).padStart(6, '0')}`,
    ...input,
  });
};

/** Every scan at once; a scan still contended after its retries answers 503 and records nothing. */
const burst = async (scans: (() => Promise<{ outcome: string }>)[]) => {
  const settled = await Promise.allSettled(scans.map((s) => s()));
  for (const r of settled) {
    if (r.status === 'rejected') expect((r.reason as { code?: string }).code).toBe('TEMPORARILY_UNAVAILABLE');
  }
  return settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value.outcome] : []));
};

beforeAll(async () => {
  const { env } = await localTicketKey({ inMemory: true });
  c = await freshContainer(env);
  const w = await bookingWorld(c);
  const session = await w.session(w.freeEventId, 'general', 10);
  sessionId = session.sessionId;
  bookings = [
    await book(c.deps, owner, w.orgId, sessionId, { attendeeId: w.ada, seats: 3 }),
    await book(c.deps, owner, w.orgId, sessionId, { attendeeId: w.guest, seats: 2 }),
  ];
  codes = [];
  for (const b of bookings)
    codes.push(...(await bookingTickets(c.deps, owner, refOf(b))).map((t) => t.code ?? ''));
  // The session's evening, with a running clock: twenty minutes before its start.
  const offset = Date.parse(session.startsAt) - 20 * 60_000 - Date.now();
  c.deps.clock = { now: () => new Date(Date.now() + offset) };

  // Every ticket at eight gates at once: one entry each.
  const entries = await burst(
    codes.flatMap((code) => Array.from({ length: 8 }, (_, g) => () => scan(code, { gate: `G${g}` }))),
  );
  expect(entries.filter((o) => o === 'admitted')).toHaveLength(codes.length);
  // Then exits and entries of every ticket racing: each ticket goes out and in as the scans land.
  const directions = ['exit', 'entry', 'exit', 'entry', 'exit', 'entry'] as const;
  const racing = await burst(
    codes.flatMap((code) => directions.map((direction, g) => () => scan(code, { direction, gate: `R${g}` }))),
  );
  expect(racing.filter((o) => o === 'exited').length).toBeGreaterThanOrEqual(codes.length);
  // Gil's booking is cancelled with his first ticket inside, the other where the race left it.
  expect(['admitted', 'already_in']).toContain((await scan(codes[3]!, { gate: 'Front' })).outcome);
  await cancelBooking(c.deps, owner, refOf(bookings[1]!));
}, 120_000);

describe('admission invariants against DynamoDB Local', () => {
  it('pass after bursts of simultaneous scans; a ticket inside of the cancelled booking is counted', async () => {
    const admissions = await c.deps.admissionReads.sessionAdmissions(bookings[0]!.orgId, sessionId);
    expect(admissions).toHaveLength(codes.length);
    const moves = await c.deps.admissionReads.sessionMoves(bookings[0]!.orgId, sessionId);
    expect(moves.filter((m) => m.outcome === 'admitted')).toHaveLength(
      admissions.reduce((n, a) => n + a.entries, 0),
    );
    const report = await checkTable();
    expect(report.violations).toEqual([]);
    const insideOfGil = admissions.filter((a) => a.bookingId === bookings[1]!.bookingId && a.state === 'in');
    expect(insideOfGil.length).toBeGreaterThanOrEqual(1);
    expect(report).toMatchObject({
      ok: true,
      admissions: codes.length,
      insideAfterCancel: insideOfGil.length,
    });
    const script = await runCheckScript(location());
    expect(script.code).toBe(0);
    expect(script.stdout).toContain(`; ${codes.length} admissions`);
  });

  it('re-reads the admissions and scans with their session: the same items the scan finds', async () => {
    const scanned = await scanTable(location(), checkedEntities());
    const kinds = new Set(scanned.map((item) => item.__edb_e__));
    expect(Object.values(admissionEntityNames).filter((e) => kinds.has(e))).toEqual([
      'admission',
      'checkinScan',
    ]);
    const refs = [{ orgId: bookings[0]!.orgId, sessionId }];
    expect(sessionFingerprints(await readSessions(location(), refs))).toEqual(sessionFingerprints(scanned));
  });

  it('names an entry recorded without its admission, confirmed by re-reading the session', async () => {
    // Ada's first ticket goes in (or is in already), wherever the race left it.
    expect(['admitted', 'already_in']).toContain((await scan(codes[0]!, { gate: 'Front' })).outcome);
    const admissions = await c.deps.admissionReads.sessionAdmissions(bookings[0]!.orgId, sessionId);
    const inside = admissions.find((a) => a.ticketId === `${bookings[0]!.bookingId}-1`);
    expect(inside?.state).toBe('in');
    // A second `admitted` scan of a ticket inside, written as a bug would: without the admission.
    const client = createDocumentClient({ region: 'us-east-1', endpoint: location().endpoint });
    const at = c.deps.clock.now().toISOString();
    try {
      await createService(client, c.tableName)
        .entities.checkinScan.create({
          orgId: inside!.orgId,
          sessionId,
          nonce: 'rogue-entry-0001',
          ticketId: inside!.ticketId,
          bookingId: inside!.bookingId,
          method: 'qr',
          direction: 'entry',
          gate: 'Back door',
          scannedAt: at,
          outcome: 'admitted',
          by: 'rogue',
          recordedAt: at,
        })
        .go();
    } finally {
      client.destroy();
    }
    const expected = [
      `entries-match-scans ticket ${inside!.ticketId} has ${inside!.entries + 1} admitted and ${inside!.entries - 1} exited scans; its admission is in with ${inside!.entries} entries`,
      `no-entry-while-inside ticket ${inside!.ticketId} was admitted again by scan rogue-entry-0001 at ${at} (scanned ${at}) while inside`,
    ];
    const lines = (vs: { check: string; detail: string }[]) => vs.map((v) => `${v.check} ${v.detail}`);
    expect(lines((await checkTable()).violations)).toEqual(expected);
    // Reported only if the re-read of the session's partitions (admissions and scans among them) agrees.
    const settled = await checkInvariantsSettled(location(), { settleTimeoutMs: 2000, pauseMs: 50 });
    expect(lines(settled.violations)).toEqual(expected);
    expect(settled.rounds).toBeGreaterThan(1);
    const script = await runCheckScript(location(), '--settle-seconds', '2');
    expect(script.code).toBe(1);
    expect(script.stdout).toContain('[no-entry-while-inside]');
  });
});
