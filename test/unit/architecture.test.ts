import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

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
  const core = filesUnder('functions/core');

  it('finds the domain core', () => {
    expect(core.length).toBeGreaterThan(5);
  });

  it.each(core)('%s imports no AWS SDK, ElectroDB, middy, Powertools or outer layer', (file) => {
    const forbidden = importsOf(file).filter(
      (i) =>
        /^@aws-sdk\/|^electrodb$|^@middy\/|^@aws-lambda-powertools\/|^aws-lambda$/.test(i) ||
        /\/(adapters|shared|handlers|contracts)\//.test(i),
    );
    expect(forbidden).toEqual([]);
  });

  it.each(core)('%s does not read process.env', (file) => {
    expect(readFileSync(join(root, file), 'utf8')).not.toMatch(/process\.env/);
  });

  it.each(filesUnder('functions/adapters'))('%s depends only on the core among project layers', (file) => {
    expect(importsOf(file).filter((i) => /\/(shared|handlers)\//.test(i))).toEqual([]);
  });

  // `import { z }` hands esbuild the whole zod object, so every Lambda bundle carries all of zod.
  it.each(filesUnder('functions'))('%s imports zod as a namespace, never as the z object', (file) => {
    expect(readFileSync(join(root, file), 'utf8')).not.toMatch(/import\s*\{\s*z\b[^}]*\}\s*from\s*'[^']*zod/);
  });

  it('reads CDK context only in bin/app.ts', () => {
    const readers = [...filesUnder('lib'), ...filesUnder('bin')].filter((f) =>
      /tryGetContext|node\.getContext|process\.env/.test(readFileSync(join(root, f), 'utf8')),
    );
    expect(readers).toEqual(['bin/app.ts']);
  });
});
