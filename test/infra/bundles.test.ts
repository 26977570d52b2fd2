import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type FunctionDefinition,
  type FunctionName,
  functionDefinitions,
  type HttpFunctionName,
  httpFunctionNames,
} from '../../functions/app/function-definitions.js';
import type { RouteDefinition } from '../../functions/app/routes.js';
import { esbuildOptions } from '../../lib/constructs/bundling.js';

/**
 * What each deployed bundle carries, from the bundles themselves (built as CDK builds them, with
 * each function's flags): a function carries the SDKs of what its definition grants and the
 * routes it serves, nothing of the others'.
 */
const root = path.resolve(import.meta.dirname, '../..');
const definitions = Object.entries(functionDefinitions) as [FunctionName, FunctionDefinition][];

/** The input files of each function's bundle that put bytes into it (repository-relative paths). */
const inputs = new Map<FunctionName, string[]>();

const bundleInputs = async (definition: FunctionDefinition): Promise<string[]> => {
  const entry = path.join(root, definition.entry);
  const result = await build({
    ...esbuildOptions(entry, '/bundle-test/index.mjs'),
    write: false,
    metafile: true,
  });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint);
  if (!output) throw new Error(`no bundle for ${definition.entry}`);
  return Object.entries(output.inputs)
    .filter(([, i]) => i.bytesInOutput > 0)
    .map(([input]) => path.relative(root, path.resolve(process.cwd(), input)));
};

const carries = (name: FunctionName, pattern: RegExp): boolean =>
  (inputs.get(name) ?? []).some((i) => pattern.test(i));

/** Route table files and the functions their routes name. */
const routeFiles = async (): Promise<Map<string, Set<string>>> => {
  const files = readdirSync(path.join(root, 'functions'), { recursive: true, encoding: 'utf8' })
    .map((f) => path.join('functions', f))
    .filter((f) => /(^functions\/modules\/[^/]+\/routes(\.ts|\/[^/]+\.ts)|system-routes\.ts)$/.test(f));
  const served = new Map<string, Set<string>>();
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(root, file)).href)) as Record<string, unknown>;
    const tables = Object.values(mod).filter(Array.isArray) as RouteDefinition[][];
    served.set(file, new Set(tables.flat().map((r) => r.function)));
  }
  return served;
};

let routeTables = new Map<string, Set<string>>();

beforeAll(async () => {
  for (const [name, definition] of definitions) inputs.set(name, await bundleInputs(definition));
  routeTables = await routeFiles();
}, 240_000);

const carriedTables = (name: FunctionName) =>
  [...routeTables.entries()].filter(([file]) => (inputs.get(name) ?? []).includes(file));

it('finds the route tables', () => {
  expect(routeTables.size).toBeGreaterThan(10);
});

describe.each(definitions)('the %s bundle', (name, definition) => {
  it('carries the payment providers’ SDKs only if it reads their secret', () => {
    expect(carries(name, /node_modules\/(stripe|razorpay)\//)).toBe(definition.readsPaymentSecrets === true);
  });

  it('carries the Secrets Manager client only if it reads a secret', () => {
    const readsSecret =
      definition.readsPaymentSecrets === true ||
      definition.readsTicketKey === true ||
      definition.readsWebhookKey === true ||
      definition.socialTokens === true ||
      // The sign-in key (phone sign-in: docs/identity.md).
      definition.signsInPhones === true;
    expect(carries(name, /client-secrets-manager\//)).toBe(readsSecret);
  });

  it('carries the Scheduler client only if it schedules holds', () => {
    expect(carries(name, /client-scheduler\//)).toBe(definition.schedulesHolds === true);
  });

  it('carries the Cognito client only if it signs phones in', () => {
    expect(carries(name, /client-cognito-identity-provider\//)).toBe(name === 'identity');
  });

  it('carries the X-Ray SDK only if it traces its calls', () => {
    expect(carries(name, /aws-xray-sdk-core\//)).toBe(definition.tracesCalls === true);
  });

  it('carries the route manifest and the OpenAPI document only if it serves the document', () => {
    expect(carries(name, /^functions\/app\/(routes|openapi)\.ts$/)).toBe(definition.servesOpenApi === true);
  });

  it('carries the route tables of the routes it serves, and no other', () => {
    const carried = carriedTables(name);
    const own = carried.filter(([, fns]) => fns.has(name)).map(([file]) => file);
    const foreign = carried.filter(([, fns]) => !fns.has(name)).map(([file]) => file);
    expect(own.length > 0).toBe(httpFunctionNames().includes(name as HttpFunctionName));
    // The function that serves the document holds every table (loaded when the document is asked for).
    if (!definition.servesOpenApi) expect(foreign).toEqual([]);
  });
});
