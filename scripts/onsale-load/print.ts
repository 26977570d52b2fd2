import { comparisonRows } from './comparison.js';
import type { OnsaleBenchFigures } from './figures.js';

/** The console's account of a run (without --json). */
export const printOnsale = (f: OnsaleBenchFigures): void => {
  const rows = comparisonRows(f).map(([name, on, off]) => [name.replaceAll('**', ''), on, off]);
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c]!.length), 12));
  const line = (cells: string[]) => cells.map((cell, c) => cell.padEnd(widths[c]!)).join('  ');
  console.log(`\n${line(['', 'sharding on', 'sharding off'])}`);
  for (const row of rows) console.log(line(row));
  const t = f.targets;
  console.log(
    `\ntargets: oversold 0 ${t.oversoldMet ? 'met' : 'NOT met'}; 503s under ${t.maxServiceUnavailableRate * 100} % ` +
      `${t.serviceUnavailableMet ? 'met' : 'NOT met'}; one session >= ${t.minSessionPerSecond}/s ` +
      `${t.sessionMet ? 'met' : 'NOT met'}; one organization >= ${t.minOrganizationPerSecond}/s ` +
      `${t.organizationMet ? 'met' : 'NOT met'}`,
  );
  console.log(
    `load average ${f.loadAverage1m.start} at the start, ${f.loadAverage1m.end} at the end; ${f.elapsedSeconds} s`,
  );
};
