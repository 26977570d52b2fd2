import { comparisonRows } from './comparison.js';
import type { OnsaleBenchFigures } from './figures.js';

/**
 * The onsale section of docs/performance.md (between `<!-- onsale:start -->` and
 * `<!-- onsale:end -->`) from one run's figures; the model and the reading are kept by hand below it.
 */

const met = (ok: boolean) => (ok ? 'met' : '**not met**');

const shardNote = (f: OnsaleBenchFigures): string[] =>
  Object.values(f.runs)
    .filter((r) => r.projection.shards !== r.expectedShards)
    .map(
      (r) =>
        `With sharding ${r.sharding} the session's bookings wrote ${r.projection.shards} counter items where the settings give ${r.expectedShards}: the functions of this tree do not split the counter as configured.`,
    );

export const renderOnsaleSection = (f: OnsaleBenchFigures, command: string): string => {
  const m = f.machine;
  const o = f.options;
  const on = f.runs.on;
  const t = f.targets;
  return [
    '## On-sale night',
    '',
    `Measured ${m.date} on ${m.cpus} x ${m.cpuModel}, ${m.memoryGiB} GiB,`,
    `Node ${m.node}, ${m.platform}; 1-minute load average ${f.loadAverage1m.start} at the start,`,
    `${f.loadAverage1m.end} at the end. \`${command}\` (the run took ${f.elapsedSeconds} s, of which ${f.invariantCheckSeconds} s`,
    "for the invariant checker's read of the table after both runs).",
    '',
    `One free, published, general-admission session of ${o.places} places; ${o.buyers} buyers (signed-in`,
    `users, each with their own attendee record), ${o.concurrency} booking requests in flight at once, each`,
    `buyer booking again until told "sold out" for one place; ${Math.round(o.groupShare * 100)} % of requests ask for 2 to 4`,
    "places. The booking function's handler is invoked directly with API Gateway v2 events, against",
    `DynamoDB Local behind the contention model (hold ${o.holdMs} ms, 1,000 write units a second per item).`,
    'Two runs over one table, each with the local runtime restarted in its function environment:',
    `sharding on is the deployed default (COUNTER_MAX_SHARDS ${on.counterMaxShards}, COUNTER_PLACES_PER_SHARD`,
    `${on.counterPlacesPerShard}), sharding off is COUNTER_MAX_SHARDS 1. The projections take 503s`,
    `under 1 % and ${o.orgSessions} sessions of an organization on sale at once. These throughput and latency`,
    "figures are this machine's and DynamoDB Local's; the projections are DynamoDB's limits applied to",
    'what the model counted.',
    '',
    '| | sharding on | sharding off |',
    '|---|---|---|',
    ...comparisonRows(f).map(([name, a, b]) => `| ${name} | ${a} | ${b} |`),
    '',
    ...shardNote(f),
    ...(shardNote(f).length ? [''] : []),
    '| target (sharding on) | measured | |',
    '|---|---|---|',
    `| oversold 0 (both runs) | ${f.oversold} | ${met(t.oversoldMet)} |`,
    `| serviceUnavailableRate under 1 % | ${Math.round(f.serviceUnavailableRate * 10_000) / 100} % | ${met(t.serviceUnavailableMet)} |`,
    `| one session at least ${t.minSessionPerSecond} bookings/s | ${f.projectedPerSecond.session} | ${met(t.sessionMet)} |`,
    `| one organization at least ${t.minOrganizationPerSecond} bookings/s | ${f.projectedPerSecond.organization} | ${met(t.organizationMet)} |`,
    '',
    'The model and the reading of the figures follow this generated section (written by hand, kept',
    'across runs).',
  ].join('\n');
};
