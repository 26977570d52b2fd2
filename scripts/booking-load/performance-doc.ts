import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { replaceMarkedSection } from '../soak/marked-section.js';
import type { BookingBenchFigures } from './figures.js';
import type { LoadFigures } from './latency.js';

/**
 * The booking section of docs/performance.md from one run's figures, so the document always
 * shows measured numbers. Only the text between `<!-- booking:start -->` and
 * `<!-- booking:end -->` is generated; the rest (the soak's section, prose) is kept.
 */

const docPath = resolve(import.meta.dirname, '../../docs/performance.md');

const yes = (met: boolean): string => (met ? 'met' : '**not met**');

const httpRows = (f: BookingBenchFigures): string[] =>
  Object.entries(f.http).map(([c, h]) => {
    const raw = f.raw[c];
    const route = f.rawRoute[c];
    const routeTx = f.rawRouteTransaction[c];
    const ratio = raw ? (h.throughputPerSec / raw.throughputPerSec).toFixed(2) : '-';
    return `| ${c} | ${h.requests} | ${h.throughputPerSec} | ${h.p50Ms} | ${h.p99Ms} | ${raw?.throughputPerSec ?? '-'} | ${raw?.p50Ms ?? '-'} | ${raw?.p99Ms ?? '-'} | ${routeTx?.throughputPerSec ?? '-'} | ${route?.throughputPerSec ?? '-'} | ${ratio} |`;
  });

const cpuAt32 = (runs: Record<string, LoadFigures>): string =>
  String(runs[32]?.processCpuMsPerRequest ?? '-');

const commandRows = (byCommand: Record<string, number>): string[] =>
  Object.entries(byCommand).map(([name, n]) => `| ${name} | ${n} |`);

export const renderBookingSection = (f: BookingBenchFigures): string =>
  [
    '## Booking',
    '',
    `Measured ${f.machine.date} on ${f.machine.cpus} x ${f.machine.cpuModel}, ${f.machine.memoryGiB} GiB,`,
    `Node ${f.machine.node}, ${f.machine.platform}; 1-minute load average ${f.machine.loadAverage1m} at the end`,
    '(anything near or above the core count means other work shared the machine and the figures are low).',
    '',
    'Setup: the local runtime in the benchmark process (in memory), one free, published',
    'general-admission session per concurrency level with room for every booking, and',
    '`POST /v1/orgs/{orgId}/sessions/{sessionId}/bookings` with `{ "attendeeId": ... }` and no',
    '`Idempotency-Key`, sent by distinct signed-in users for their own attendee records (created',
    'beforehand with `POST /v1/orgs/{orgId}/me`). "Raw" is the bare `TransactWriteItems` one',
    'booking needs (conditional counter update, booking, history, audit and outbox puts) sent with',
    'the plain SDK to the same DynamoDB Local, on a counter of its own: the ceiling for the route.',
    'These are figures of this machine and of DynamoDB Local, not of DynamoDB.',
    '',
    '"Route tx" is the route\'s own transaction alone: the raw writes plus its four condition checks',
    '(organization, session, event, attendee), with the plain SDK and no read. "Route-shaped" is the',
    "route's whole DynamoDB work without HTTP or the handler: the consistent BatchGetItem of its five",
    'context items, then that transaction.',
    '',
    '| concurrency | bookings | HTTP bookings/s | HTTP p50 ms | HTTP p99 ms | raw tx/s | raw p50 ms | raw p99 ms | route tx /s | route-shaped /s | HTTP / raw |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...httpRows(f),
    '',
    `DynamoDB calls per booking: **${f.callsPerBooking}** (counted by an SDK middleware on the`,
    `functions' client; the idle runtime's own ${f.backgroundCallsPerSec} calls/s subtracted):`,
    '',
    '| command | calls per booking |',
    '|---|---|',
    ...commandRows(f.callsPerBookingByCommand),
    '',
    'A booking for oneself is made on the organization, session and event the function container',
    'last read, which its transaction checks (organization active, event and session unchanged,',
    'attendee linked to the caller): once a container has booked a session, its self-service',
    'bookings are one transaction, and a refusal other than capacity or seats reads afresh and',
    "tries once more. Each measured session gets one booking before its window, as a session's",
    'first booking in a container reads it; the holds sweep (free bookings have none) is pushed',
    'beyond the run, so the window holds the bookings and nothing else.',
    '',
    `Staff booking for attendees (the organizer's token, concurrency 32, ${f.httpStaff.run.requests} bookings): ${f.httpStaff.run.throughputPerSec}`,
    `bookings/s, p50 ${f.httpStaff.run.p50Ms} ms, p99 ${f.httpStaff.run.p99Ms} ms, ${f.httpStaff.callsPerBooking} DynamoDB calls per booking (${Object.entries(
      f.httpStaff.byCommand,
    )
      .map(([name, n]) => `${name} ${n}`)
      .join(', ')}): staff read the caller's membership and the attendee first, since they may book`,
    'for anyone.',
    '',
    `The booking route's transaction writes ${f.transactionItems.http} items on average, the raw one`,
    `${f.transactionItems.raw}, the route-shaped one ${f.transactionItems.rawRoute}.`,
    '',
    '### Reading the ratio',
    '',
    `At concurrency 32 the route's transaction alone reaches ${f.routeTransactionRatioAtC32} of the raw throughput: that is`,
    'the ceiling of a self-service booking over HTTP on this machine before any HTTP, validation or',
    `handler cost, set by its four condition checks (a route that also reads first, "route-shaped", reaches`,
    `${f.routeShapedRatioAtC32}). DynamoDB Local's cost grows with the items a request touches, so every checked or`,
    'read item takes throughput from the same engine; DynamoDB spreads them over partitions instead.',
    'The route keeps those checks because each one closes a race that would otherwise oversell or',
    'lose a booking (an event unpublished, a session cancelled or re-seated, an organization being',
    'deleted, an attendee deleted or linked to someone else between the read and the write). The',
    'gap between the route tx and the HTTP runs is the',
    "handler's own cost (HTTP, JWT, validation, ElectroDB, the SDK, the outbox hand-off), which on two",
    'cores competes with DynamoDB Local for the same CPU: at concurrency 32 the benchmark process',
    `(the local runtime with its handlers, and the load generator) spent ${cpuAt32(f.http)} ms of CPU per booking`,
    `over HTTP, against ${cpuAt32(f.raw)} ms per raw transaction and ${cpuAt32(f.rawRouteTransaction)} ms per route transaction (the`,
    'SDK client alone), and every millisecond of it is one DynamoDB Local does not get.',
    '',
    '| target | measured | |',
    '|---|---|---|',
    `| at most ${f.targets.maxCallsPerBooking} DynamoDB calls per free GA booking | ${f.callsPerBooking} | ${yes(f.targets.callsMet)} |`,
    `| HTTP throughput at least ${f.targets.minRatioAtC32} of raw at concurrency 32 | ${f.ratioAtC32} | ${yes(f.targets.ratioMet)} |`,
    '',
    `After the run the invariant checker found ${f.invariants.violations} violations over ${f.invariants.bookings} bookings.`,
    '',
  ].join('\n');

/**
 * The whole document with the booking section replaced: bench-booking writes what this returns
 * over the file, so it starts from the file as it is (`current`, read from disk by default).
 */
export const renderPerformanceDoc = (
  f: BookingBenchFigures,
  current: string = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '# Performance\n',
): string => replaceMarkedSection(current, 'booking', renderBookingSection(f));
