/**
 * `npm run bench:bundle [-- --json] [-- --runs=N] [-- --no-write]`: bundles every Lambda entry
 * exactly as the CDK NodejsFunction does (shared options from lib/constructs/bundling.ts), then
 * reports each bundle's minified size and its cold import time (a fresh `node` per run, median of
 * N), and its `importRatio` to the floor: a bundle of the DynamoDB document client and one
 * ElectroDB entity (scripts/bundle-floor/entry.ts) built in the same run with the same options and
 * timed the same way, one floor run beside each run of the function (taking turns at going first),
 * the ratio being the median of the N pairs'. Writes the bundle section of docs/performance.md
 * (unless --no-write). Exits 1 when a bundle is over the size budget, 2 when an entry file is
 * missing; a missed ratio target is reported, not an error.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build, type Metafile } from 'esbuild';
import {
  type FunctionDefinition,
  type FunctionName,
  functionDefinitions,
} from '../functions/app/function-definitions.js';
import { routes } from '../functions/app/routes.js';
import { esbuildOptions } from '../lib/constructs/bundling.js';
import { describeMachine } from './booking-load/machine.js';
import { renderBundleSection } from './bundle-floor/bundle-doc.js';
import {
  type BundleBenchFigures,
  type BundleReport,
  type ImportTiming,
  importRatioOf,
  median,
  pairedRatio,
} from './bundle-floor/figures.js';
import { writeMarkedSection } from './soak/marked-section.js';

/** Above this a bundle noticeably slows cold starts; a dependency probably came in whole. */
const budgetKb = 500;
const projectRoot = path.resolve(import.meta.dirname, '..');
const run = promisify(execFile);
const floorEntry = 'scripts/bundle-floor/entry.ts';
const docPath = path.join(projectRoot, 'docs/performance.md');

const parseArgs = (argv: readonly string[]) => ({
  json: argv.includes('--json'),
  write: !argv.includes('--no-write'),
  runs: Number(argv.find((a) => a.startsWith('--runs='))?.slice('--runs='.length) ?? 5),
});

/** The function the booking route is deployed on: its import ratio has the tighter target. */
const bookingFunction = (): FunctionName => {
  const book = routes.find((r) => r.operationId === 'book');
  if (!book) throw new Error('the manifest has no book route');
  return book.function;
};

const kb = (bytes: number): number => Math.round((bytes / 1024) * 10) / 10;

/** `node_modules/@scope/pkg/...` -> `@scope/pkg`; own code -> `(project)`. */
const packageOf = (input: string): string => {
  const parts = input.split('node_modules/').at(-1)?.split('/') ?? [];
  if (!input.includes('node_modules/')) return '(project)';
  return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? input);
};

/** Where the bytes come from: the first thing to look at when a bundle is over budget. */
const largestPackages = (metafile: Metafile, top = 5): { name: string; kb: number }[] => {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      totals.set(packageOf(input), (totals.get(packageOf(input)) ?? 0) + bytesInOutput);
    }
  }
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, bytes]) => ({ name, kb: kb(bytes) }));
};

// Imports the bundle in a fresh process and prints how long evaluation took (startup excluded), in
// wall time and in CPU time of the process: on a machine other work shares, the wall time also
// holds the waits for a core, the CPU time does not.
const importProbe =
  'const t = performance.now(); const c = process.cpuUsage(); await import(process.argv[1]); const u = process.cpuUsage(c); process.stdout.write(`${performance.now() - t} ${(u.user + u.system) / 1000}`);';

/** The environment a deployed function starts with, so module-level setup behaves as in Lambda. */
const lambdaLikeEnv = (name: string): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  AWS_REGION: 'eu-west-1',
  TABLE_NAME: 'bench-table',
  POWERTOOLS_SERVICE_NAME: `evently-${name}`,
  POWERTOOLS_METRICS_NAMESPACE: 'Evently/bench',
  POWERTOOLS_LOG_LEVEL: 'WARN',
  NODE_OPTIONS: '--enable-source-maps',
});

/** One cold import. Runs are sequential: parallel ones would compete for the CPU and measure each other. */
const coldImport = async (name: string, bundle: string): Promise<{ wallMs: number; cpuMs: number }> => {
  const { stdout } = await run(
    process.execPath,
    ['--input-type=module', '-e', importProbe, pathToFileURL(bundle).href],
    { env: lambdaLikeEnv(name) },
  );
  const [wall, cpu] = stdout
    .trim()
    .split(' ')
    .map((v) => Math.round(Number(v) * 10) / 10);
  return { wallMs: wall ?? Number.NaN, cpuMs: cpu ?? Number.NaN };
};

/** Bundles one entry with the deployed options into `outDir/name/index.mjs`. */
const bundle = async (name: string, entry: string, outDir: string) => {
  const outfile = path.join(outDir, name, 'index.mjs');
  const result = await build({ ...esbuildOptions(path.join(projectRoot, entry), outfile), metafile: true });
  return { outfile, metafile: result.metafile, sizeKb: kb(statSync(outfile).size) };
};

/**
 * `runs` imports of the bundle, each beside one of the floor, taking turns at going first: a pair
 * meets the same machine, so a load that comes and goes moves both of its runs.
 */
const pairedImportRuns = async (name: string, outfile: string, floorFile: string, runs: number) => {
  const own: { wallMs: number; cpuMs: number }[] = [];
  const floor: { wallMs: number; cpuMs: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const first = i % 2 === 0;
    if (first) floor.push(await coldImport('floor', floorFile));
    own.push(await coldImport(name, outfile));
    if (!first) floor.push(await coldImport('floor', floorFile));
  }
  return {
    own: { wall: own.map((r) => r.wallMs), cpu: own.map((r) => r.cpuMs) },
    floor: { wall: floor.map((r) => r.wallMs), cpu: floor.map((r) => r.cpuMs) },
  };
};

const benchFunction = async (
  name: FunctionName,
  definition: FunctionDefinition,
  outDir: string,
  floorFile: string,
  runs: number,
): Promise<BundleReport> => {
  const { outfile, metafile, sizeKb } = await bundle(name, definition.entry, outDir);
  const { own, floor } = await pairedImportRuns(name, outfile, floorFile, runs);
  const ratios = importRatioOf(name, own.wall, floor.wall, bookingFunction());
  const importCpuRatio = pairedRatio(own.cpu, floor.cpu);
  return {
    function: name,
    sizeKb,
    coldImportMs: median(own.wall),
    importRunsMs: own.wall,
    floorRunsMs: floor.wall,
    coldImportCpuMs: median(own.cpu),
    importCpuRunsMs: own.cpu,
    floorCpuRunsMs: floor.cpu,
    overBudget: sizeKb > budgetKb,
    largestPackages: largestPackages(metafile),
    ...ratios,
    importCpuRatio,
    importCpuRatioMet: importCpuRatio <= ratios.maxImportRatio,
  };
};

const printTable = (reports: readonly BundleReport[], runs: number, floor: ImportTiming): void => {
  console.log(
    `${'function'.padEnd(14)}${'size KB'.padStart(10)}${`import ms (median of ${runs})`.padStart(28)}${'importRatio'.padStart(13)}${'CPU ratio'.padStart(11)}`,
  );
  console.log(
    `${'(floor)'.padEnd(14)}${floor.sizeKb.toFixed(1).padStart(10)}${floor.coldImportMs.toFixed(1).padStart(28)}`,
  );
  for (const r of reports) {
    const flag = r.overBudget ? `  OVER ${budgetKb} KB` : '';
    const ratio = `${r.importRatio.toFixed(2)}${r.importRatioMet ? ' ' : '!'}`;
    console.log(
      `${r.function.padEnd(14)}${r.sizeKb.toFixed(1).padStart(10)}${r.coldImportMs.toFixed(1).padStart(28)}${ratio.padStart(13)}${`${r.importCpuRatio.toFixed(2)}${r.importCpuRatioMet ? ' ' : '!'}`.padStart(11)}${flag}`,
    );
  }
  console.log(`(! over its target: the booking function's ${bookingFunction()} <= 1.4, the others <= 1.8)`);
  for (const r of reports.filter((x) => x.overBudget)) {
    const top = r.largestPackages.map((p) => `${p.name} ${p.kb} KB`).join(', ');
    console.log(`\n${r.function}: largest contributors: ${top}`);
  }
};

const main = async (): Promise<number> => {
  const started = performance.now();
  const { json, write, runs } = parseArgs(process.argv.slice(2));
  const definitions = Object.entries(functionDefinitions) as [FunctionName, FunctionDefinition][];
  const missing = definitions.filter(([, d]) => !existsSync(path.join(projectRoot, d.entry)));
  if (missing.length > 0) {
    console.error(`Missing entry files: ${missing.map(([n, d]) => `${n} (${d.entry})`).join(', ')}`);
    return 2;
  }
  const outDir = mkdtempSync(path.join(tmpdir(), 'evently-bench-'));
  try {
    // The floor is bundled like the functions, with the same options.
    const floorBundle = await bundle('floor', floorEntry, outDir);
    const reports: BundleReport[] = [];
    for (const [name, definition] of definitions)
      reports.push(await benchFunction(name, definition, outDir, floorBundle.outfile, runs));
    const floorRunsMs = reports.flatMap((r) => r.floorRunsMs);
    const floorCpuRunsMs = reports.flatMap((r) => r.floorCpuRunsMs);
    const floor = {
      sizeKb: floorBundle.sizeKb,
      largestPackages: largestPackages(floorBundle.metafile),
      coldImportMs: median(floorRunsMs),
      importRunsMs: floorRunsMs,
      coldImportCpuMs: median(floorCpuRunsMs),
      importCpuRunsMs: floorCpuRunsMs,
    };
    const figures: BundleBenchFigures = {
      machine: describeMachine(),
      budgetKb,
      runs,
      bookingFunction: bookingFunction(),
      floor,
      functions: reports,
      elapsedSeconds: Math.round((performance.now() - started) / 1000),
    };
    if (write) writeMarkedSection(docPath, 'bundle', renderBundleSection(figures));
    if (json) console.log(JSON.stringify(figures));
    else printTable(reports, runs, floor);
    return reports.some((r) => r.overBudget) ? 1 : 0;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
};

process.exitCode = await main();
