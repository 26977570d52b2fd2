import type { SoakFigures } from './figures.js';
import { targetRows } from './target-rows.js';

/** What a person watching the soak sees: a line every 10 s, a table at the end. */

export interface Progress {
  t: number;
  requestsPerSecond: number;
  inFlight: number;
  missed: number;
  oldestPendingSeconds: number;
  pendingNotifications: number;
  queueDepth: number;
  phase: string;
}

export const progressLine = (p: Progress): string =>
  [
    `[${p.phase} ${p.t.toFixed(0).padStart(4)} s]`,
    `${p.requestsPerSecond.toFixed(1)} req/s`,
    `in flight ${p.inFlight}`,
    `missed ${p.missed}`,
    `oldest pending ${p.oldestPendingSeconds.toFixed(1)} s (${p.pendingNotifications} pending)`,
    `queue ${p.queueDepth}`,
  ].join('  ');

const table = (rows: string[][]): string[] => {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) =>
    r
      .map((v, c) => v.padEnd(widths[c]!))
      .join('  ')
      .trimEnd(),
  );
};

export const finalReport = (f: SoakFigures): string[] => [
  '',
  ...table([['target', 'rule', 'measured', ''], ...targetRows(f)]),
  '',
  ...table([
    ['operation', 'requests', 'p50 ms', 'p99 ms', 'answers'],
    ...Object.entries(f.operations).map(([kind, op]) => [
      kind,
      String(op.requests),
      String(op.p50Ms),
      String(op.p99Ms),
      Object.entries(op.byStatus)
        .map(([s, n]) => `${s}:${n}`)
        .join(' '),
    ]),
  ]),
  '',
  `requests: ${f.scheduledRequests} scheduled over ${f.loadSeconds} s, ${f.completedRequests} answered, ${f.missedRequests} missed, ${f.transportErrors} transport errors, ${f.unfinishedRequests} unfinished; p50 ${f.latencyP50Ms} ms, p99 ${f.latencyP99Ms} ms; start lag p99 ${f.scheduleLagP99Ms} ms, max ${f.scheduleLagMaxMs} ms`,
  `refusals: ${JSON.stringify(f.problemCodes)}`,
  `oldest pending: p99 ${f.oldestPendingP99Seconds} s, max ${f.oldestPendingMaxSeconds} s; queue depth max ${f.queueDepthMax}, at end ${f.queueDepthAtEnd}`,
  `notifications: ${JSON.stringify(f.notificationsByStatus)}, ${f.handoffsPerNotification ?? '-'} hand-offs per sent one; after the drain ${f.undeliveredAfterDrain} of the load's still pending (${f.pendingAfterDrain} pending in all)`,
  `consumers: ${JSON.stringify(f.consumers.consumers)}`,
  `invariants: ${f.invariants.violations} violations ${JSON.stringify(f.invariants.byCheck)}, ${f.invariants.unsettledSessions} sessions still changing (not judged), ${f.invariants.rounds} reads`,
  ...f.invariants.examples.map((e) => `  ${e}`),
];
