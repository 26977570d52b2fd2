import type { SourceFile } from './graph.js';

/** The module boundaries (docs/architecture.md), as rules over the import graph. */

export type Rule = 'domain-purity' | 'module-internals' | 'module-cycle';

export interface Violation {
  rule: Rule;
  key: string;
}

/** Packages a domain never imports: its rules must run without AWS, the database library or HTTP. */
const forbiddenInDomain = /^(@aws-sdk\/|electrodb$|@middy\/|@aws-lambda-powertools\/|aws-lambda$|zod$)/;

/** `functions/modules/<name>/...` gives `<name>`; other files belong to no module. */
export const moduleOf = (path: string): string | undefined =>
  /^functions\/modules\/([^/]+)\//.exec(path)?.[1];

const isDomain = (path: string): boolean => /^functions\/(kernel|modules\/[^/]+)\/domain\//.test(path);

const isProjectFile = (specifier: string): boolean => specifier.startsWith('functions/');

/**
 * A domain file imports no AWS SDK, ElectroDB, middy, Powertools, aws-lambda or zod, only domain
 * files (its module's, the kernel's, another module's through its entry), and never reads
 * process.env.
 */
export const domainPurity = (files: readonly SourceFile[]): Violation[] =>
  files
    .filter((f) => isDomain(f.path))
    .flatMap((f) => [
      ...f.imports
        .filter((i) => (isProjectFile(i) ? !isDomain(i) && !isModuleEntry(i) : forbiddenInDomain.test(i)))
        .map((i) => ({ rule: 'domain-purity' as const, key: `${f.path} imports ${i}` })),
      ...(f.readsEnv ? [{ rule: 'domain-purity' as const, key: `${f.path} reads process.env` }] : []),
    ]);

const isModuleEntry = (path: string): boolean => /^functions\/modules\/[^/]+\/index\.ts$/.test(path);

/** A module reaches another only through that module's entry, `functions/modules/<name>/index.ts`. */
export const moduleInternals = (files: readonly SourceFile[]): Violation[] =>
  files.flatMap((f) => {
    const own = moduleOf(f.path);
    return f.imports
      .filter((i) => {
        const target = moduleOf(i);
        return own !== undefined && target !== undefined && target !== own && !isModuleEntry(i);
      })
      .map((i) => ({ rule: 'module-internals' as const, key: `${f.path} imports ${i}` }));
  });

/** The modules each module imports from (any of its files, any file of the other). */
export const moduleGraph = (files: readonly SourceFile[]): Map<string, Set<string>> => {
  const graph = new Map<string, Set<string>>();
  for (const f of files) {
    const own = moduleOf(f.path);
    if (!own) continue;
    const targets = graph.get(own) ?? new Set<string>();
    graph.set(own, targets);
    for (const i of f.imports) {
      const target = moduleOf(i);
      if (target && target !== own) targets.add(target);
    }
  }
  return graph;
};

/** Strongly connected groups of two or more modules (Tarjan): each is a cycle to break. */
export const moduleCycles = (files: readonly SourceFile[]): Violation[] => {
  const graph = moduleGraph(files);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (m: string): void => {
    index.set(m, index.size);
    low.set(m, index.get(m) ?? 0);
    stack.push(m);
    onStack.add(m);
    for (const t of graph.get(m) ?? []) {
      if (!index.has(t)) {
        visit(t);
        low.set(m, Math.min(low.get(m) ?? 0, low.get(t) ?? 0));
      } else if (onStack.has(t)) low.set(m, Math.min(low.get(m) ?? 0, index.get(t) ?? 0));
    }
    if (low.get(m) !== index.get(m)) return;
    const group: string[] = [];
    for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
      onStack.delete(top);
      group.push(top);
      if (top === m) break;
    }
    if (group.length > 1) groups.push(group.sort());
  };
  for (const m of [...graph.keys()].sort()) if (!index.has(m)) visit(m);
  return groups.map((g) => ({
    rule: 'module-cycle' as const,
    key: `modules ${g.join(', ')} import each other`,
  }));
};

export const allViolations = (files: readonly SourceFile[]): Violation[] => [
  ...domainPurity(files),
  ...moduleInternals(files),
  ...moduleCycles(files),
];
