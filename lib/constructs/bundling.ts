import path from 'node:path';
import { type BundlingOptions, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';
import { type FunctionDefinition, functionDefinitions } from '../../functions/app/function-definitions.js';

/**
 * The one set of esbuild settings for every Lambda bundle. The CDK NodejsFunction and
 * `npm run bench:bundle` both derive their options from it, so the benchmark measures exactly what
 * is deployed.
 */
export const bundleSettings = {
  target: 'node22',
  platform: 'node',
  format: 'esm',
  minify: true,
  sourcemap: true,
  // Stack traces only need positions; leaving sources out keeps the uploaded asset small.
  sourcesContent: false,
  // Prefer ESM builds of dependencies: they tree-shake far better than their CJS twins.
  mainFields: ['module', 'main'],
  // Bundled CJS dependencies still call `require` for Node built-ins; ESM output has no `require`.
  banner: "import { createRequire } from 'node:module';const require = createRequire(import.meta.url);",
  // Nothing external: the AWS SDK clients are bundled in, pinned to the versions we tested with,
  // instead of whatever SDK the Lambda runtime happens to ship.
  external: [] as string[],
} as const;

/** The name `functionDefinitions` gives the definition of `definition`'s entry. */
const functionNameOf = (definition: FunctionDefinition): string => {
  const name = Object.entries(functionDefinitions).find(([, d]) => d.entry === definition.entry)?.[0];
  if (!name) throw new Error(`not a function definition: ${definition.entry}`);
  return name;
};

/**
 * What a function's bundle is built knowing, from its definition: each flag becomes a constant in
 * the bundle (esbuild `define` of `process.env.<flag>`), so the code that reads it drops the parts
 * the function never runs, and what only they import: the payment providers' SDKs outside the
 * function that reads their secret, the ticket key's secret client outside the one that reads it,
 * the Scheduler client outside the functions that schedule holds, the X-Ray SDK outside the
 * functions that trace their calls, OpenAPI metadata outside the one that serves the document. Run
 * from source (local runtime, tests) no flag is set and every part is there; set in the
 * environment, the flags make the source behave as the bundle (the benchmarks do).
 */
export const bundleFlags = (definition: FunctionDefinition): Record<string, string> => {
  const flag = (on: boolean | undefined) => (on ? 'true' : 'false');
  return {
    // Which function the bundle is: its container builds that function's ports only (app/function-ports.ts).
    EVENTLY_FUNCTION: functionNameOf(definition),
    EVENTLY_READS_PAYMENT_SECRETS: flag(definition.readsPaymentSecrets),
    EVENTLY_READS_TICKET_KEY: flag(definition.readsTicketKey),
    EVENTLY_READS_WEBHOOK_KEY: flag(definition.readsWebhookKey),
    EVENTLY_SCHEDULES_HOLDS: flag(definition.schedulesHolds),
    EVENTLY_SIGNS_IN_PHONES: flag(definition.signsInPhones),
    EVENTLY_SOCIAL_TOKENS: flag(definition.socialTokens),
    EVENTLY_TRACES_CALLS: flag(definition.tracesCalls),
    EVENTLY_SERVES_OPENAPI: flag(definition.servesOpenApi),
  };
};

/** The flags as esbuild replaces them in the function's bundle. */
export const bundleDefines = (definition: FunctionDefinition): Record<string, string> =>
  Object.fromEntries(
    Object.entries(bundleFlags(definition)).map(([name, value]) => [
      `process.env.${name}`,
      JSON.stringify(value),
    ]),
  );

const projectRoot = path.resolve(import.meta.dirname, '../..');

/** The definition whose entry `entry` is (absolute, or relative to the repository root), if any. */
const definitionOf = (entry: string): FunctionDefinition | undefined => {
  const relative = path.relative(projectRoot, path.resolve(projectRoot, entry));
  return Object.values(functionDefinitions).find((d: FunctionDefinition) => d.entry === relative);
};

/** The settings above in the shape `NodejsFunction({ bundling })` takes, for one function. */
export const nodejsBundlingOptions = (definition: FunctionDefinition): BundlingOptions => ({
  target: bundleSettings.target,
  format: OutputFormat.ESM,
  minify: bundleSettings.minify,
  sourceMap: bundleSettings.sourcemap,
  sourceMapMode: SourceMapMode.DEFAULT,
  sourcesContent: bundleSettings.sourcesContent,
  mainFields: [...bundleSettings.mainFields],
  banner: bundleSettings.banner,
  externalModules: [...bundleSettings.external],
  bundleAwsSDK: true,
  define: bundleDefines(definition),
  // There is no Docker on build machines; the local esbuild devDependency does the work.
  forceDockerBundling: false,
});

/**
 * The same settings for esbuild's JS API (`build(options)`), writing one entry to `outfile`; the
 * entry of a function definition gets that function's flags, as CDK builds it.
 */
export const esbuildOptions = (entry: string, outfile: string): BuildOptions => {
  const definition = definitionOf(entry);
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: bundleSettings.platform,
    target: bundleSettings.target,
    format: bundleSettings.format,
    minify: bundleSettings.minify,
    sourcemap: bundleSettings.sourcemap,
    sourcesContent: bundleSettings.sourcesContent,
    mainFields: [...bundleSettings.mainFields],
    banner: { js: bundleSettings.banner },
    external: [...bundleSettings.external],
    define: definition ? bundleDefines(definition) : {},
    logLevel: 'silent',
  };
};
