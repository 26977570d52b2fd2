import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import ts from 'typescript';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { entitiesOf } from '../../functions/app/container.js';
import {
  type FunctionDefinition,
  type FunctionName,
  functionDefinitions,
} from '../../functions/app/function-definitions.js';
import { portsOfThisFunction } from '../../functions/app/function-ports.js';
import * as port from '../../functions/app/port-wiring.js';
import * as entity from '../../functions/kernel/dynamo/entities.js';
import { esbuildOptions } from '../../lib/constructs/bundling.js';
import { depsAliases, entitiesNamedIn, portsNamedIn } from '../support/source-scan.js';

/**
 * Each function's port table (app/function-ports.ts) against the code its bundle holds, built as
 * CDK builds it: the table holds every port its use cases take, its service every entity its
 * adapters name, and the bundle no entity its service leaves out. The code is read as written
 * (test/support/source-scan.ts): a port or an entity it names counts, used or not.
 */

const root = path.resolve(import.meta.dirname, '../..');
const definitions = Object.entries(functionDefinitions) as [FunctionName, FunctionDefinition][];
const source = (file: string): string => readFileSync(path.join(root, file), 'utf8');

const functionSources = readdirSync(path.join(root, 'functions'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts'))
  .map((f) => path.join('functions', f));

/** Stops at the container: what the entry's routes and consumers reach, not what the container wires. */
const containerAsLeaf: Plugin = {
  name: 'container-as-leaf',
  setup: (b) => {
    b.onResolve({ filter: /\/container\.js$/ }, (args) =>
      path.resolve(args.resolveDir, args.path) === path.join(root, 'functions/app/container.js')
        ? { path: 'app-container', external: true }
        : undefined,
    );
  },
};

/** The project files that put code into the function's bundle (repository-relative). */
const bundledFiles = async (definition: FunctionDefinition, plugins: Plugin[] = []): Promise<string[]> => {
  const result = await build({
    ...esbuildOptions(path.join(root, definition.entry), '/function-ports-test/index.mjs'),
    minify: false,
    sourcemap: false,
    write: false,
    metafile: true,
    plugins,
  });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint);
  if (!output) throw new Error(`no bundle for ${definition.entry}`);
  return Object.entries(output.inputs)
    .filter(([, i]) => i.bytesInOutput > 0)
    .map(([input]) => path.relative(root, path.resolve(process.cwd(), input)))
    .filter((f) => f.startsWith('functions/'));
};

/** The file each entity is defined in, from the re-exports of kernel/dynamo/entities.ts. */
const entityFiles = (): Map<string, string> => {
  const files = new Map<string, string>();
  const registry = 'functions/kernel/dynamo/entities.ts';
  for (const m of source(registry).matchAll(/export\s*\{([^}]*)\}\s*from\s*'([^']+)'/g)) {
    const file = path
      .relative(root, path.resolve(root, path.dirname(registry), m[2] ?? ''))
      .replace(/\.js$/, '.ts');
    for (const name of (m[1] ?? '').matchAll(/as\s+(\w+)/g)) files.set(name[1] ?? '', file);
  }
  return files;
};

/** The table and the service's entities of `name`, as its bundle has them. */
const wiringOf = (name: FunctionName) => {
  process.env.EVENTLY_FUNCTION = name;
  const table = portsOfThisFunction();
  return { ports: Object.keys(table), entities: Object.keys(entitiesOf(table)) };
};

afterEach(() => {
  delete process.env.EVENTLY_FUNCTION;
});

const deployed = new Map<FunctionName, string[]>();
const reached = new Map<FunctionName, string[]>();

beforeAll(async () => {
  for (const [name, definition] of definitions) {
    deployed.set(name, await bundledFiles(definition));
    reached.set(name, await bundledFiles(definition, [containerAsLeaf]));
  }
}, 240_000);

/** The functions that read the table: each builds a container. */
const withTable = definitions.filter(([, d]) => d.table !== 'none');

it.each(definitions)('builds a container in the %s function only if it reads the table', (name, d) => {
  expect(deployed.get(name)?.includes('functions/app/container.ts')).toBe(d.table !== 'none');
});

it('finds every entity where the registry names it', () => {
  expect(entityFiles().size).toBe(Object.keys(entity).length);
  for (const file of entityFiles().values()) expect(functionSources).toContain(file);
});

describe.each(withTable)('the %s function', (name) => {
  it('wires every port its routes and consumers take', () => {
    const aliases = depsAliases(functionSources.map(source));
    const taken = new Set(
      (reached.get(name) ?? []).flatMap((f) => [...portsNamedIn(source(f), Object.keys(port), aliases)]),
    );
    expect(taken.size).toBeGreaterThan(0);
    const { ports } = wiringOf(name);
    expect([...taken].filter((p) => !ports.includes(p))).toEqual([]);
  });

  it('holds in its service every entity its adapters name', () => {
    const adapters = (deployed.get(name) ?? []).filter(
      (f) =>
        /^functions\/(modules\/[^/]+\/adapters|kernel\/dynamo)\//.test(f) &&
        !f.includes('/entities/') &&
        f !== 'functions/kernel/dynamo/entities.ts',
    );
    const named = new Set(adapters.flatMap((f) => [...entitiesNamedIn(source(f), Object.keys(entity))]));
    const { entities } = wiringOf(name);
    expect([...named].filter((e) => !entities.includes(e))).toEqual([]);
  });

  it('carries no entity its service leaves out', () => {
    const { entities } = wiringOf(name);
    const held = new Set(entities.map((e) => entityFiles().get(e)));
    const carried = (deployed.get(name) ?? []).filter((f) => [...entityFiles().values()].includes(f));
    expect(carried.filter((f) => !held.has(f))).toEqual([]);
  });
});

/** Top-level statements that only declare: a file of nothing else does nothing when it loads. */
const declaring = new Set([
  ts.SyntaxKind.ImportDeclaration,
  ts.SyntaxKind.ExportDeclaration,
  ts.SyntaxKind.VariableStatement,
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.ClassDeclaration,
  ts.SyntaxKind.InterfaceDeclaration,
  ts.SyntaxKind.TypeAliasDeclaration,
]);

it('lists in the package every function file that acts when it loads', () => {
  // A file is left out of a bundle when none of its exports is used, unless the package lists it:
  // a top-level statement that declares nothing (a call, an `if`) would not run.
  const { sideEffects } = JSON.parse(source('package.json')) as { sideEffects: string[] };
  const acting = functionSources
    .filter((f) => !f.endsWith('.d.ts'))
    .filter((f) =>
      ts
        .createSourceFile(f, source(f), ts.ScriptTarget.ES2022)
        .statements.some((statement) => !declaring.has(statement.kind)),
    );
  expect(acting).toContain('functions/kernel/contracts/zod.ts');
  expect(acting.filter((f) => !sideEffects.includes(`./${f}`))).toEqual([]);
});
