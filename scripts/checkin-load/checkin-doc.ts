import { TRANSACT_ITEMS } from '../booking-load/call-counter.js';
import type { CheckinBenchFigures } from './figures.js';
import type { SeriesFigures } from './series.js';

/**
 * The check-in section of docs/performance.md (between `<!-- checkin:start -->` and
 * `<!-- checkin:end -->`) from one run's figures; the reading of the figures is kept by hand below.
 */

const met = (ok: boolean) => (ok ? 'met' : '**not met**');
const commands = (s: SeriesFigures) =>
  Object.entries(s.callsByCommand)
    .map(([k, v]) => `${k === TRANSACT_ITEMS ? 'transaction items' : k.replace(/Command$/, '')} ${v}`)
    .join(', ');

const seriesRow = (name: string, s: SeriesFigures) =>
  `| ${name} | ${s.scans} | ${s.p50Ms} | ${s.p95Ms} | ${s.cpuMsPerScan} | ${s.dynamoDbLocalCpuMsPerScan ?? 'n/a'} | ${s.dynamoCallsPerScan} (${commands(s)}) |`;

const profileTable = (f: CheckinBenchFigures): string[] =>
  f.profile
    ? [
        `Where the handler's CPU goes (a separate series of ${f.profile.scans} scans with every port of the`,
        "container wrapped; a port method's share is its adapter: ElectroDB, the SDK, the round trip;",
        "`handler` is the rest: middy, the route's parsing, the principal, the use case, the answer):",
        '',
        '| where | CPU ms per scan | calls per scan |',
        '|---|---|---|',
        ...Object.entries(f.profile.cpuMsPerRequest).map(
          ([where, ms]) => `| ${where} | ${ms} | ${f.profile?.callsPerRequest[where] ?? ''} |`,
        ),
        '',
      ]
    : [];

export const renderCheckinSection = (f: CheckinBenchFigures, command: string): string =>
  [
    '## Check-in',
    '',
    `Measured ${f.machine.date} on ${f.machine.cpus} x ${f.machine.cpuModel}, ${f.machine.memoryGiB} GiB,`,
    `Node ${f.machine.node}, ${f.machine.platform}; 1-minute load average ${f.loadAverage1m.start} at the start,`,
    `${f.loadAverage1m.end} at the end. \`${command}\`.`,
    '',
    'Setup: the local runtime in the benchmark process (in memory, no queue consumed, every sweep and',
    'the scheduler pushed beyond the run). Through the API: one organization with a door member, a',
    'free published event whose session starts in 30 minutes (doors open), and confirmed bookings',
    'of ten places, each place a ticket with its static code. "Handler" invokes the tickets function',
    '(`functions/app/lambdas/tickets.ts`) directly with the API Gateway v2 event of',
    "`POST /v1/orgs/{orgId}/checkins` carrying the door member's JWT claims, one scan at a time, each",
    'the first entry of a fresh ticket (so each commits the admission). "Raw" is the same scan',
    "transaction alone: the admission store's `commitScan` with the scan, the new admission and the",
    'booking check, built from a known ticket, with no read and no handler. The two take turns,',
    `scan by scan, after a warm-up of both. This process idled at ${f.idleCpuMsPerSec} ms CPU per second`,
    'before the series (included in both). These are figures of this machine and of DynamoDB Local.',
    '',
    '| series | scans | p50 ms | p95 ms | CPU ms per scan | DynamoDB Local CPU ms per scan | DynamoDB calls per scan |',
    '|---|---|---|---|---|---|---|',
    seriesRow('handler', f.handler),
    seriesRow('raw', f.raw),
    '',
    ...profileTable(f),
    `${f.burst.scans} simultaneous scans of one ticket at ${f.burst.scans} gates through the handler:`,
    `${f.burst.admitted} admitted, ${f.burst.alreadyIn} already_in${Object.keys(f.burst.other).length ? `, other: ${JSON.stringify(f.burst.other)}` : ''}`,
    `(every already_in names the admitting gate: ${f.burst.previousNamesAdmittingGate ? 'yes' : 'no'}), in ${f.burst.wallMs} ms.`,
    '',
    '| target | measured | |',
    '|---|---|---|',
    `| handler CPU per scan at most ${f.targets.maxCpuRatio} x the raw transaction's | ${f.cpuRatio} | ${met(f.targets.cpuRatioMet)} |`,
    `| of ${f.burst.scans} simultaneous scans of a ticket, 1 admitted and ${f.burst.scans - 1} already_in | ${f.burst.admitted} / ${f.burst.alreadyIn} | ${met(f.targets.burstMet)} |`,
    '',
    'The reading of the figures follows this generated section (written by hand, kept across runs).',
  ].join('\n');
