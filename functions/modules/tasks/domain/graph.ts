import type { FieldIssue } from '../../../kernel/domain/errors.js';
import type { TaskSpec } from './model.js';

/** Dependency graphs: what each node waits for (task ids of an event, or spec keys of a template). */
export type DependencyGraph = ReadonlyMap<string, readonly string[]>;

/**
 * The cycle that giving `node` the dependencies `dependsOn` would close in `graph`, as the path
 * `[node, dep, ..., node]`; null when none would. A cycle closes exactly when `node` is reachable
 * from one of its new dependencies (the node's own current edges do not matter: they are replaced).
 */
export const cycleThrough = (
  graph: DependencyGraph,
  node: string,
  dependsOn: readonly string[],
): string[] | null => {
  const seen = new Set<string>();
  // Depth-first with an explicit stack of paths: graphs are small (an event's tasks).
  const stack: string[][] = dependsOn.map((d) => [node, d]);
  while (stack.length > 0) {
    const path = stack.pop() as string[];
    const at = path[path.length - 1] as string;
    if (at === node) return path;
    if (seen.has(at)) continue;
    seen.add(at);
    for (const next of graph.get(at) ?? []) stack.push([...path, next]);
  }
  return null;
};

/** The nodes of an acyclic graph, each after everything it depends on; null when there is a cycle. */
export const dependencyOrder = (graph: DependencyGraph): string[] | null => {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (n: string): boolean => {
    const s = state.get(n);
    if (s === 'done') return true;
    if (s === 'visiting') return false;
    state.set(n, 'visiting');
    for (const d of graph.get(n) ?? []) if (!visit(d)) return false;
    state.set(n, 'done');
    order.push(n);
    return true;
  };
  for (const n of graph.keys()) if (!visit(n)) return null;
  return order;
};

/**
 * What is wrong with a template's specs, each issue naming its field: keys unique, dependencies
 * naming other specs of the template, no cycle among them.
 */
export const specIssues = (specs: readonly TaskSpec[]): FieldIssue[] => {
  const issues: FieldIssue[] = [];
  const keys = new Set<string>();
  specs.forEach((s, i) => {
    if (keys.has(s.key)) issues.push({ field: `specs.${i}.key`, message: 'is used by another spec' });
    keys.add(s.key);
  });
  specs.forEach((s, i) => {
    for (const d of s.dependsOn) {
      if (d === s.key) issues.push({ field: `specs.${i}.dependsOn`, message: 'names the spec itself' });
      else if (!keys.has(d)) issues.push({ field: `specs.${i}.dependsOn`, message: `names no spec: ${d}` });
    }
  });
  if (issues.length > 0) return issues;
  const graph = new Map(specs.map((s) => [s.key, s.dependsOn]));
  for (const [i, s] of specs.entries()) {
    const cycle = cycleThrough(graph, s.key, s.dependsOn);
    if (cycle) return [{ field: `specs.${i}.dependsOn`, message: `closes a cycle: ${cycle.join(' -> ')}` }];
  }
  return [];
};
