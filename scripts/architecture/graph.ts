import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

/**
 * The import graph of functions/: for each file (path relative to the repository root), what it
 * imports (project files as repository paths, packages by name) and whether it reads process.env.
 */

export interface SourceFile {
  path: string;
  /** Project files as paths like `functions/kernel/domain/errors.ts`; packages as their specifier. */
  imports: string[];
  readsEnv: boolean;
}

const importSpecifiers = (text: string): string[] =>
  [...text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1] ?? '');

/** `./x.js` from `functions/a/b.ts` is `functions/a/x.ts`; a package stays as it is. */
const resolveSpecifier = (from: string, specifier: string): string =>
  specifier.startsWith('.') ? normalize(join(dirname(from), specifier)).replace(/\.js$/, '.ts') : specifier;

export const parseSource = (path: string, text: string): SourceFile => ({
  path,
  imports: importSpecifiers(text).map((s) => resolveSpecifier(path, s)),
  readsEnv: /process\.env/.test(text),
});

export const readSourceTree = (root: string, dir = 'functions'): SourceFile[] =>
  readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .sort()
    .map((path) => parseSource(path, readFileSync(join(root, path), 'utf8')));
