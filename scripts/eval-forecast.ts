/**
 * `npm run eval:forecast -- [--seed N] [--json]`: trains the session forecast model and the naive
 * baseline on the early part of a seeded synthetic history and scores both on its last three
 * months (scripts/forecast/eval.ts; docs/forecasts.md). `--json` prints only the figures as one
 * JSON object. Exits 1 when a figure's MAE ratio is above 0.7 or its coverage outside [0.7, 0.9].
 */

import { parseArgs } from 'node:util';
import { defaultSeed, formatReport, missedTargets, runForecastEval } from './forecast/eval.js';
import { fail } from './local/cli.js';

const { values: flags } = parseArgs({
  options: {
    seed: { type: 'string', default: String(defaultSeed) },
    json: { type: 'boolean', default: false },
  },
});

const seed = Number(flags.seed);
if (!Number.isInteger(seed) || seed < 0) fail(`--seed must be a non-negative integer, got "${flags.seed}"`);

const report = runForecastEval({ seed });
const missed = missedTargets(report);
if (flags.json) console.log(JSON.stringify(report));
else {
  console.log(formatReport(report));
  console.log(missed.length === 0 ? 'all targets met' : `targets missed:\n  ${missed.join('\n  ')}`);
}
// Misses go to stderr too, so a --json run still says why it failed.
if (missed.length > 0) {
  if (flags.json) console.error(missed.join('\n'));
  process.exitCode = 1;
}
