/**
 * `npm run bench:mixed -- [--operations 2000] [--in-flight 32] [--json] [--no-write]`: the long
 * mixed run of book, confirm, cancel and expire operations over HTTP on one paid session of 40
 * places whose holds last 2 s, against the local runtime started in this process (in memory);
 * then the wait until every hold left has expired, and the invariant checker over the table. The
 * baseline, in the same run: as many plain one-seat bookings on a free session with room for all.
 * Writes its section of docs/performance.md (unless --no-write); `--json` prints the figures.
 * Exits 1 when an invariant fails, an answer is not one a mixed run may get, or a hold never
 * expires.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createAttendees, createBookableSession, createOrganizer } from './booking-load/catalog-fixture.js';
import { setHoldSeconds } from './booking-load/hold-duration.js';
import { runHttpBookings } from './booking-load/http-booking.js';
import { describeMachine, type Machine } from './booking-load/machine.js';
import { expectedMixedOutcomes, runMixedOperations } from './booking-load/mixed-operations.js';
import { checkInvariants } from './invariants/check.js';
import { scanTable } from './invariants/scan.js';
import { api } from './local/api-client.js';
import { fail, silenceSdkNodeWarning } from './local/cli.js';
import { startLocalRuntime } from './local/runtime.js';
import { writeMarkedSection } from './soak/marked-section.js';

const { values: flags } = parseArgs({
  options: {
    operations: { type: 'string', default: '2000' },
    'in-flight': { type: 'string', default: '32' },
    json: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
  },
});

const operations = Number(flags.operations);
const inFlight = Number(flags['in-flight']);
const capacity = 40;
const holdSeconds = 2;
const expiryTimeoutMs = 120_000;
const docPath = resolve(import.meta.dirname, '../docs/performance.md');
const log = (line: string): void => {
  if (!flags.json) console.log(line);
};
const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const main = async (): Promise<void> => {
  silenceSdkNodeWarning();
  for (const [name, value] of [
    ['--operations', operations],
    ['--in-flight', inFlight],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) fail(`${name} must be a positive integer`, 2);
  }
  const rt = await startLocalRuntime({ port: 0, inMemory: true, quiet: true });
  try {
    const token = await rt.mintToken({ sub: 'mixed-owner', email: 'owner@mixed.example', name: 'Owner' });
    const org = await createOrganizer(api(rt.url), token, 'Mixed');
    log(`creating ${operations} attendees…`);
    const attendees = await createAttendees(org, operations, 'mixed');
    const plain = await createBookableSession(org, { capacity: operations });
    const baseline = await runHttpBookings(org, plain, { kind: 'staff', attendeeIds: attendees }, inFlight);
    log(`baseline: ${baseline.requests} bookings, ${baseline.throughputPerSec}/s`);

    const paid = await createBookableSession(
      org,
      { capacity },
      { kind: 'paid', amountMinor: 1000, currency: 'EUR' },
    );
    await setHoldSeconds(
      { endpoint: rt.dynamoEndpoint, tableName: rt.tableName },
      org.orgId,
      paid.eventId,
      holdSeconds,
    );
    const started = performance.now();
    const run = await runMixedOperations(org, paid, attendees, operations, inFlight);
    const mixedSeconds = (performance.now() - started) / 1000;
    log(`mixed: ${operations} operations in ${round(mixedSeconds)} s ${JSON.stringify(run.outcomes)}`);

    const expiryStarted = performance.now();
    const heldNow = async () =>
      (
        await org.call<{ availability: { held: number } }>(
          'GET',
          `/v1/orgs/${org.orgId}/sessions/${paid.sessionId}`,
          { token },
        )
      ).json.availability.held;
    let held = await heldNow();
    while (held > 0 && performance.now() - expiryStarted < expiryTimeoutMs) {
      await sleep(250);
      held = await heldNow();
    }
    const expirySeconds = (performance.now() - expiryStarted) / 1000;

    const report = checkInvariants(await scanTable({ tableName: rt.tableName, endpoint: rt.dynamoEndpoint }));
    const unexpected = Object.keys(run.outcomes).filter((o) => !expectedMixedOutcomes.includes(o));
    const figures = {
      machine: describeMachine(),
      operations,
      inFlight,
      capacity,
      holdSeconds,
      mixed: {
        seconds: round(mixedSeconds),
        operationsPerSec: round(operations / mixedSeconds),
        outcomes: run.outcomes,
      },
      baseline: {
        bookings: baseline.requests,
        bookingsPerSec: baseline.throughputPerSec,
        failures: baseline.failures,
      },
      mixedToBaseline: round(operations / mixedSeconds / baseline.throughputPerSec, 2),
      holdsLeftAtEnd: run.held.length,
      secondsUntilNoHold: round(expirySeconds),
      heldAfterWait: held,
      unexpectedOutcomes: unexpected,
      invariants: { ok: report.ok, violations: report.violations.length, bookings: report.bookings },
    };
    if (!flags['no-write']) writeMarkedSection(docPath, 'mixed', renderSection(figures));
    if (flags.json) console.log(JSON.stringify(figures, null, 2));
    else
      log(
        `holds released ${round(expirySeconds)} s after the run; invariants ${report.ok ? 'hold' : 'FAIL'}`,
      );
    process.exitCode = report.ok && unexpected.length === 0 && held === 0 ? 0 : 1;
  } finally {
    await rt.stop();
  }
};

type MixedFigures = {
  machine: Machine;
  operations: number;
  inFlight: number;
  mixed: { seconds: number; operationsPerSec: number; outcomes: Record<string, number> };
  baseline: { bookings: number; bookingsPerSec: number };
  mixedToBaseline: number;
  holdsLeftAtEnd: number;
  secondsUntilNoHold: number;
  heldAfterWait: number;
  unexpectedOutcomes: string[];
  invariants: { ok: boolean; violations: number; bookings: number };
};

const renderSection = (f: MixedFigures): string =>
  [
    `\`npm run bench:mixed -- --operations ${f.operations}\` on ${f.machine.cpus} × ${f.machine.cpuModel}: ${f.operations} book, confirm and cancel operations, ${f.inFlight} in flight, on one paid session of ${capacity} places whose holds last ${holdSeconds} s; the baseline is as many plain bookings on a free session in the same run.`,
    '',
    '| run | operations | seconds | per second |',
    '|---|---|---|---|',
    `| plain bookings (baseline) | ${f.baseline.bookings} | ${round(f.baseline.bookings / f.baseline.bookingsPerSec)} | ${f.baseline.bookingsPerSec} |`,
    `| mixed | ${f.operations} | ${f.mixed.seconds} | ${f.mixed.operationsPerSec} |`,
    '',
    `Answers: ${Object.entries(f.mixed.outcomes)
      .sort()
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')}${f.unexpectedOutcomes.length ? ` (unexpected: ${f.unexpectedOutcomes.join(', ')})` : ''}.`,
    `${f.holdsLeftAtEnd} holds were left unconfirmed; ${f.heldAfterWait === 0 ? `no place was held ${f.secondsUntilNoHold} s after the run` : `${f.heldAfterWait} places were still held after ${f.secondsUntilNoHold} s`}. Invariants over the whole table: ${f.invariants.ok ? 'hold' : `${f.invariants.violations} violations`} (${f.invariants.bookings} bookings).`,
  ].join('\n');

main().catch((error: Error) => fail(`bench:mixed failed: ${error.stack ?? error.message}`));
