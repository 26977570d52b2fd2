import type { NotifyBenchFigures, SeriesFigures } from './figures.js';

/**
 * The figures as Markdown tables: the same lines go to the console (without `--json`) and into
 * docs/performance.md, so what a run prints is what the document shows.
 */

const orDash = (value: number | null | undefined): string =>
  value === null || value === undefined ? '-' : String(value);

const seriesRow = (name: string, s: SeriesFigures): string =>
  `| ${name} | ${s.concurrency} | ${s.notifications} | ${s.notificationsPerSec} | ${s.p50BatchMs} | ${s.p99BatchMs} | ${s.callsPerNotification} | ${s.processCpuMsPerNotification} | ${orDash(s.dynamoDbLocalCpuMsPerNotification)} |`;

export const seriesTable = (f: NotifyBenchFigures): string[] => [
  '| series | batches in flight | notifications | notifications/s | p50 batch ms | p99 batch ms | DynamoDB calls / notification | bench CPU ms / notification | DynamoDB Local CPU ms / notification |',
  '|---|---|---|---|---|---|---|---|---|',
  ...Object.keys(f.delivery).flatMap((c) => [
    seriesRow('delivery', f.delivery[c]!),
    ...(f.baseline[c] ? [seriesRow('baseline', f.baseline[c])] : []),
  ]),
];

export const ratioTable = (f: NotifyBenchFigures): string[] => [
  '| batches in flight | delivery / baseline: notifications/s | bench CPU per notification | DynamoDB Local CPU per notification |',
  '|---|---|---|---|',
  ...Object.entries(f.ratios).map(
    ([c, r]) =>
      `| ${c} | ${r.notificationsPerSec} | ${r.processCpuPerNotification} | ${orDash(r.dynamoDbLocalCpuPerNotification)} |`,
  ),
];

export const commandTable = (f: NotifyBenchFigures): string[] => [
  '| command | calls per notification |',
  '|---|---|',
  ...Object.entries(f.dynamoCallsPerNotification.byCommand).map(([name, n]) => `| ${name} | ${n} |`),
];
