import { resolve } from 'node:path';
import { build } from 'esbuild';
import { functionDefinitions } from '../../functions/app/function-definitions.js';
import { bundleSettings } from '../../lib/constructs/bundling.js';
import { pollerFunctionNames } from './handlers.js';

/**
 * The consumer thread as one JavaScript file: its entry imports every consumer's handler module
 * statically and serves them (consumer-worker.ts). A thread loads it in about a quarter of the CPU
 * the TypeScript sources take through tsx's loader (about 0.5 s against 2 s), which tests pay once
 * per file: they build it once per run (test/support/global-setup.ts) and start each runtime's
 * thread from it. Built as the Lambda bundles are (lib/constructs/bundling.ts), unminified, with
 * no function's flags: every part is there, as when run from source.
 */

const ROOT = resolve(import.meta.dirname, '../..');

const entrySource = (): string => {
  const { consumers, streams } = pollerFunctionNames();
  const imports = [...consumers, ...streams].map(
    (name) =>
      `import { handler as ${name} } from ${JSON.stringify(resolve(ROOT, functionDefinitions[name].entry))};`,
  );
  return [
    `import { serveConsumerThread } from ${JSON.stringify(resolve(ROOT, 'scripts/local/consumer-worker.ts'))};`,
    ...imports,
    `await serveConsumerThread({ consumers: { ${consumers.join(', ')} }, streams: { ${streams.join(', ')} } });`,
  ].join('\n');
};

/** Writes the consumer thread's bundle to `outfile` and returns its path. */
export const buildConsumerThreadBundle = async (outfile: string): Promise<string> => {
  await build({
    stdin: {
      contents: entrySource(),
      resolveDir: ROOT,
      sourcefile: 'consumer-thread-entry.ts',
      loader: 'ts',
    },
    outfile,
    bundle: true,
    platform: bundleSettings.platform,
    format: bundleSettings.format,
    target: `node${process.versions.node}`,
    mainFields: [...bundleSettings.mainFields],
    banner: { js: bundleSettings.banner },
    logLevel: 'silent',
  });
  return outfile;
};
