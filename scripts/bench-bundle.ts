/**
 * `npm run bench:bundle [-- --json] [-- --runs=N]`: bundles every Lambda entry exactly as the CDK
 * NodejsFunction does (shared options from lib/constructs/bundling.ts), then reports each bundle's
 * minified size and its cold import time (a fresh `node` per run, median of N). Exits 1 when a
 * bundle is over the size budget, 2 when an entry file is missing.
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
import { esbuildOptions } from '../lib/constructs/bundling.js';

/** Above this a bundle noticeably slows cold starts; a dependency probably came in whole. */
const budgetKb = 500;
const projectRoot = path.resolve(import.meta.dirname, '..');
const run = promisify(execFile);

interface BundleReport {
  function: FunctionName;
  sizeKb: number;
  coldImportMs: number;
  importRunsMs: number[];
  overBudget: boolean;
  largestPackages: { name: string; kb: number }[];
}

const parseArgs = (argv: readonly string[]) => ({
  json: argv.includes('--json'),
  runs: Number(argv.find((a) => a.startsWith('--runs='))?.slice('--runs='.length) ?? 5),
});

const kb = (bytes: number): number => Math.round((bytes / 1024) * 10) / 10;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

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

// Imports the bundle in a fresh process and prints how long evaluation took (startup excluded).
const importProbe =
  'const t = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t));';

/** The environment a deployed function starts with, so module-level setup behaves as in Lambda. */
const lambdaLikeEnv = (name: FunctionName): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  AWS_REGION: 'eu-west-1',
  TABLE_NAME: 'bench-table',
  POWERTOOLS_SERVICE_NAME: `evently-${name}`,
  POWERTOOLS_METRICS_NAMESPACE: 'Evently/bench',
  POWERTOOLS_LOG_LEVEL: 'WARN',
  NODE_OPTIONS: '--enable-source-maps',
});

const coldImportRuns = async (name: FunctionName, bundle: string, runs: number): Promise<number[]> => {
  const times: number[] = [];
  // Sequential: parallel runs would compete for the CPU and measure each other.
  for (let i = 0; i < runs; i++) {
    const { stdout } = await run(
      process.execPath,
      ['--input-type=module', '-e', importProbe, pathToFileURL(bundle).href],
      { env: lambdaLikeEnv(name) },
    );
    times.push(Math.round(Number(stdout) * 10) / 10);
  }
  return times;
};

const benchFunction = async (
  name: FunctionName,
  definition: FunctionDefinition,
  outDir: string,
  runs: number,
): Promise<BundleReport> => {
  const outfile = path.join(outDir, name, 'index.mjs');
  const result = await build({
    ...esbuildOptions(path.join(projectRoot, definition.entry), outfile),
    metafile: true,
  });
  const sizeKb = kb(statSync(outfile).size);
  const importRunsMs = await coldImportRuns(name, outfile, runs);
  return {
    function: name,
    sizeKb,
    coldImportMs: median(importRunsMs),
    importRunsMs,
    overBudget: sizeKb > budgetKb,
    largestPackages: largestPackages(result.metafile),
  };
};

const printTable = (reports: readonly BundleReport[], runs: number): void => {
  console.log(
    `${'function'.padEnd(10)}${'size KB'.padStart(10)}${`import ms (median of ${runs})`.padStart(28)}`,
  );
  for (const r of reports) {
    const flag = r.overBudget ? `  OVER ${budgetKb} KB` : '';
    console.log(
      `${r.function.padEnd(10)}${r.sizeKb.toFixed(1).padStart(10)}${r.coldImportMs.toFixed(1).padStart(28)}${flag}`,
    );
  }
  for (const r of reports.filter((x) => x.overBudget)) {
    const top = r.largestPackages.map((p) => `${p.name} ${p.kb} KB`).join(', ');
    console.log(`\n${r.function}: largest contributors: ${top}`);
  }
};

const main = async (): Promise<number> => {
  const { json, runs } = parseArgs(process.argv.slice(2));
  const definitions = Object.entries(functionDefinitions) as [FunctionName, FunctionDefinition][];
  const missing = definitions.filter(([, d]) => !existsSync(path.join(projectRoot, d.entry)));
  if (missing.length > 0) {
    console.error(`Missing entry files: ${missing.map(([n, d]) => `${n} (${d.entry})`).join(', ')}`);
    return 2;
  }
  const outDir = mkdtempSync(path.join(tmpdir(), 'evently-bench-'));
  try {
    const reports: BundleReport[] = [];
    for (const [name, definition] of definitions)
      reports.push(await benchFunction(name, definition, outDir, runs));
    if (json) console.log(JSON.stringify({ budgetKb, runs, functions: reports }));
    else printTable(reports, runs);
    return reports.some((r) => r.overBudget) ? 1 : 0;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
};

process.exitCode = await main();
