import type { OnsaleBenchFigures, OnsaleRun } from './figures.js';
import type { HotItem } from './projection.js';

/** The two runs side by side, one row per figure: the console's table and the document's. */

export type Row = [figure: string, on: string, off: string];

const percent = (share: number): string => `${Math.round(share * 10_000) / 100} %`;
const orNone = (value: number | null): string => (value === null ? 'none' : String(value));
/** An item's key without its table, the ids of this run written as the key template names them. */
const keyOf = (label: string): string =>
  label
    .split(' ')
    .slice(1)
    .join(' ')
    .replace(/org_[0-9a-z]{20}/g, '{orgId}')
    .replace(/ses_[0-9a-z]{20}/g, '{sessionId}');
const hot = (item: HotItem | null): string =>
  item ? `${item.writeUnitsPerBooking} WCU per booking (\`${keyOf(item.label)}\`)` : 'none';

const figures: Array<[string, (r: OnsaleRun) => string]> = [
  ['counter items (expected by the settings)', (r) => `${r.projection.shards} (${r.expectedShards})`],
  ['confirmed bookings / places', (r) => `${r.crowd.confirmedBookings} / ${r.crowd.confirmedPlaces}`],
  ['booking requests', (r) => String(r.crowd.requests)],
  [
    'seconds: setup (runtime, buyers, warm-up), buying, reading back',
    (r) => `${r.phases.setupSeconds}, ${r.phases.buyingSeconds}, ${r.phases.checkSeconds}`,
  ],
  ['sold out after s', (r) => String(Math.round(r.crowd.soldOutAtMs / 100) / 10)],
  ['**goodput** (confirmed bookings/s until sold out)', (r) => String(r.goodput)],
  [
    '**serviceUnavailableRate** (503 answers)',
    (r) => `${percent(r.serviceUnavailableRate)} (${r.crowd.unavailable})`,
  ],
  ['p50 / **p99Ms**', (r) => `${r.p50Ms} / ${r.p99Ms}`],
  [
    'transactions refused for a conflict (until sold out)',
    (r) =>
      `${percent(r.contention.conflictRate)} (${r.contention.transactionConflicts} of ${r.contention.transactions})`,
  ],
  [
    'throttled (transactions, single writes)',
    (r) => `${r.contention.transactionThrottles}, ${r.contention.writeThrottles}`,
  ],
  [
    'after sold out: refusals; transactions and write units each',
    (r) =>
      `${r.afterSoldOut.answers}; ${r.afterSoldOut.transactionsPerAnswer}, ${r.afterSoldOut.writeUnitsPerAnswer}`,
  ],
  ['**oversold** places', (r) => String(r.oversold)],
  ['sold-out answers (false ones)', (r) => `${r.crowd.soldOutAnswers} (${r.soldOut.falseSoldOut})`],
  ['available at the end', (r) => String(r.soldOut.availability.available)],
  ['invariant checker', (r) => (r.invariants.ok ? 'holds' : `**${r.invariants.violations} violations**`)],
  ['CPU ms of this process per booking', (r) => String(r.processCpuMsPerBooking)],
  [
    'counter writes per booking (in transactions, the opening apart; opening transactions); effective counter items',
    (r) =>
      `${r.projection.counterWritesPerBooking} (${r.projection.counterTransactionsPerBooking}; ${r.projection.openingTransactions}); ${r.projection.effectiveShards}`,
  ],
  [
    "counter tries refused (the loss formula at the run's rate)",
    (r) =>
      `${percent(r.projection.counterConflictRate)} (${percent(r.projection.modelConflictRateAtRunRate)})`,
  ],
  [
    'tries as good as independent; tolerated refused share',
    (r) => `${r.projection.effectiveTries}; ${percent(r.projection.toleratedConflictRate)}`,
  ],
  [
    'a counter item commits /s (at the tolerated share)',
    (r) => orNone(r.projection.commitsPerCounterPerSecond),
  ],
  ['hottest item of the session', (r) => hot(r.projection.hottestSessionItem)],
  ['hottest item outside the session and its buyers', (r) => hot(r.projection.hottestSharedItem)],
  ['session bound by write units /s', (r) => orNone(r.projection.bounds.writeUnits)],
  ['session bound by conflicts /s', (r) => orNone(r.projection.bounds.conflicts)],
  ['**projected one session** /s', (r) => String(r.projectedPerSecond.session)],
  ['**projected one organization** /s', (r) => String(r.projectedPerSecond.organization)],
  ['table write units /s at that rate', (r) => String(r.projection.tableWriteUnitsPerSecond)],
  [
    'before splits: session, organization /s',
    (r) => `${r.projection.unsplit.perSecond.session}, ${r.projection.unsplit.perSecond.organization}`,
  ],
];

export const comparisonRows = (f: OnsaleBenchFigures): Row[] =>
  figures.map(([name, of]) => [name, of(f.runs.on), of(f.runs.off)]);
