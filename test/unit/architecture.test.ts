import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSourceTree } from '../../scripts/architecture/graph.js';
import { domainPurity } from '../../scripts/architecture/rules.js';

const root = join(import.meta.dirname, '..', '..');
const filesUnder = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(root, join(e.parentPath, e.name)));

const importsOf = (file: string): string[] =>
  [...readFileSync(join(root, file), 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map(
    (m) => m[1] ?? '',
  );

describe('architecture', () => {
  // The pure domain: the kernel's and every module's `domain/` folder.
  const domain = filesUnder('functions').filter((f) =>
    /^functions\/(kernel|modules\/[^/]+)\/domain\//.test(f),
  );

  it('finds the domain of the kernel and of every module', () => {
    const homes = new Set(
      domain.map((f) =>
        f
          .split('/')
          .slice(0, f.startsWith('functions/kernel') ? 2 : 3)
          .join('/'),
      ),
    );
    expect(homes).toEqual(
      new Set([
        'functions/kernel',
        ...readdirSync(join(root, 'functions/modules')).map((m) => `functions/modules/${m}`),
      ]),
    );
  });

  // The rule itself is scripts/architecture/rules.ts (also run by `npm run check:architecture`):
  // the domain has no known exception, so none is allowed here.
  it('every domain file imports no AWS SDK, ElectroDB, middy, Powertools, zod or outer layer, nor reads process.env', () => {
    expect(domainPurity(readSourceTree(root)).map((v) => v.key)).toEqual([]);
  });

  it.each(filesUnder('functions/modules').filter((f) => f.includes('/adapters/')))(
    '%s depends on no handler and not on the composition root',
    (file) => {
      expect(importsOf(file).filter((i) => /\/(handlers|app)\//.test(i))).toEqual([]);
    },
  );

  // `import { z }` hands esbuild the whole zod object, so every Lambda bundle carries all of zod.
  it.each(filesUnder('functions'))('%s imports zod as a namespace, never as the z object', (file) => {
    expect(readFileSync(join(root, file), 'utf8')).not.toMatch(/import\s*\{\s*z\b[^}]*\}\s*from\s*'[^']*zod/);
  });

  // Test and benchmark code (the contention model, fixtures, load generators) never enters a bundle.
  it('no file of functions/ imports from scripts/ or test/', () => {
    const outside = readSourceTree(root).flatMap((f) =>
      f.imports.filter((i) => /^(scripts|test)\//.test(i)).map((i) => `${f.path} -> ${i}`),
    );
    expect(outside).toEqual([]);
  });

  // A quoted `process.env.X` names a variable (the bundles' flags, lib/constructs/bundling.ts), it reads none.
  it('reads CDK context only in bin/app.ts', () => {
    const readers = [...filesUnder('lib'), ...filesUnder('bin')].filter((f) =>
      /tryGetContext|node\.getContext|(?<!['`])process\.env/.test(readFileSync(join(root, f), 'utf8')),
    );
    expect(readers).toEqual(['bin/app.ts']);
  });
});
