import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Violation } from './rules.js';

/**
 * The violations known when the rules were introduced, to be removed one by one: the check fails
 * on any violation not listed, and on a listed one that is gone (so the list only shrinks).
 */

export const lineOf = (v: Violation): string => `${v.rule}: ${v.key}`;

export const readBaseline = (path: string): string[] =>
  existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as string[]) : [];

/** Writes the list (each violation once) and answers how many it holds. */
export const writeBaseline = (path: string, violations: readonly Violation[]): number => {
  const lines = [...new Set(violations.map(lineOf))].sort();
  writeFileSync(path, `${JSON.stringify(lines, null, 2)}\n`);
  return lines.length;
};

export interface Comparison {
  /** Violations the baseline does not list: the change broke a rule. */
  added: string[];
  /** Listed violations no longer found: remove them from the baseline. */
  gone: string[];
  known: number;
}

export const compareWithBaseline = (
  violations: readonly Violation[],
  baseline: readonly string[],
): Comparison => {
  const found = new Set(violations.map(lineOf));
  const listed = new Set(baseline);
  return {
    added: [...found].filter((l) => !listed.has(l)).sort(),
    gone: [...listed].filter((l) => !found.has(l)).sort(),
    known: [...found].filter((l) => listed.has(l)).length,
  };
};
