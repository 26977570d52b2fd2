import { type BundleBenchFigures, median, type PackageShare } from './figures.js';

/**
 * The bundle section of docs/performance.md (between `<!-- bundle:start -->` and
 * `<!-- bundle:end -->`) from one run's figures; the reading of them is kept by hand below it.
 */

const parts = (packages: readonly PackageShare[]) => packages.map((p) => `${p.name} ${p.kb} KB`).join(', ');

const met = (ok: boolean) => (ok ? 'met' : '**not met**');

const spread = (runs: readonly number[]): string => `${Math.min(...runs)} to ${Math.max(...runs)}`;

export const renderBundleSection = (f: BundleBenchFigures): string =>
  [
    '## Bundles and cold imports',
    '',
    `Measured ${f.machine.date} on ${f.machine.cpus} x ${f.machine.cpuModel}, ${f.machine.memoryGiB} GiB,`,
    `Node ${f.machine.node}, ${f.machine.platform}; 1-minute load average ${f.machine.loadAverage1m} at the end.`,
    `\`npm run bench:bundle -- --runs=${f.runs}\` (the run took ${f.elapsedSeconds} s).`,
    '',
    "Each function's Lambda entry bundled with the deployed esbuild options (lib/constructs/bundling.ts);",
    'its cold import is the time a fresh `node` takes to import the bundle (process start left out),',
    `with a Lambda-like environment, median of ${f.runs} runs. The floor is a bundle of the DynamoDB document`,
    "client and one ElectroDB entity with a model like the booking's, both built when it loads",
    '(scripts/bundle-floor/entry.ts), bundled in the same run with the same options and timed the same',
    'way: one floor run beside each run of each function, taking turns at going first. `importRatio` is',
    "the median of a function's pairs' ratios (function / floor beside it), so other work that comes and",
    'goes on the machine slows both runs of a pair and leaves the ratio. The probe also takes the CPU',
    'time of the importing process: on a machine other work shares, the wall time also holds the waits',
    'for a core and the CPU time does not, so the CPU ratio is the steadier of the two there (on an',
    'idle machine a cold import is one busy thread, and the two agree). These are figures of this',
    "machine's Node, not of Lambda's; the ratios carry over better than the milliseconds.",
    '',
    '| bundle | size KB | cold import ms | runs ms | floor beside it ms | importRatio | target | | CPU ms | CPU ratio | |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    `| floor (document client + one entity) | ${f.floor.sizeKb} | ${f.floor.coldImportMs} | ${spread(f.floor.importRunsMs)} | | 1 | | | ${f.floor.coldImportCpuMs} | 1 | |`,
    ...f.functions.map(
      (r) =>
        `| ${r.function}${r.function === f.bookingFunction ? ' (books)' : ''} | ${r.sizeKb} | ${r.coldImportMs} | ${spread(r.importRunsMs)} | ${median(r.floorRunsMs)} | ${r.importRatio} | <= ${r.maxImportRatio} | ${met(r.importRatioMet)} | ${r.coldImportCpuMs} | ${r.importCpuRatio} | ${met(r.importCpuRatioMet)} |`,
    ),
    '',
    `The largest parts of the booking function's bundle: ${parts(f.functions.find((r) => r.function === f.bookingFunction)?.largestPackages ?? [])};`,
    `of the floor's: ${parts(f.floor.largestPackages)}.`,
    '',
    `Size budget ${f.budgetKb} KB: ${f.functions.filter((r) => r.overBudget).length} of ${f.functions.length} bundles over it.`,
    '',
  ].join('\n');
