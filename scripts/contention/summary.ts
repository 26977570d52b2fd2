import type { ContentionCounters } from './counters.js';

/** A few lines on what the model did, for the end of a test run. */
export const describeCounters = (c: ContentionCounters, hottest = 5): string => {
  const requests = Object.entries(c.requests)
    .map(([op, n]) => `${op} ${n}`)
    .join(', ');
  const lines = [
    `contention model: ${requests || 'no modelled requests'}`,
    `  refused: ${c.transactionConflicts} transactions and ${c.writeConflicts} single writes for conflicts, ` +
      `${c.transactGetConflicts} transactional reads; ${c.transactionThrottles} transactions and ` +
      `${c.writeThrottles} single writes throttled; ${c.writeUnits} write units admitted`,
    ...c.items
      .slice(0, hottest)
      .map(
        (i) =>
          `  ${i.label}: ${i.writeUnits} WCU, peak ${i.peakUnitsPerSecond}/s, ${i.conflicts} conflicts, ${i.throttles} throttles`,
      ),
  ];
  return lines.join('\n');
};
