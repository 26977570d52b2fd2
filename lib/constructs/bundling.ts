import { type BundlingOptions, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';

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

/** The settings above in the shape `NodejsFunction({ bundling })` takes. */
export const nodejsBundlingOptions = (): BundlingOptions => ({
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
  // There is no Docker on build machines; the local esbuild devDependency does the work.
  forceDockerBundling: false,
});

/** The same settings for esbuild's JS API (`build(options)`), writing one entry to `outfile`. */
export const esbuildOptions = (entry: string, outfile: string): BuildOptions => ({
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
  logLevel: 'silent',
});
