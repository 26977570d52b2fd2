import type { SoakFigures, Target } from './figures.js';

/** The targets as rows (name, rule, measured, verdict), shared by the console and the document. */

export const verdict = (t: Target): string => (t.met === null ? 'not measured' : t.met ? 'met' : 'NOT MET');

export const targetRows = (f: SoakFigures): [string, string, string, string][] =>
  Object.entries(f.targets).map(([name, t]) => [
    name,
    t.rule,
    t.measured === null ? '-' : String(t.measured),
    verdict(t),
  ]);
