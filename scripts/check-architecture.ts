/**
 * `npm run check:architecture [-- --update-baseline]`: the module boundaries of functions/
 * (docs/architecture.md). Fails on a domain file importing AWS, ElectroDB, middy, Powertools, zod
 * or non-domain code or reading process.env; on a module importing another module's files other
 * than its entry (`index.ts`); and on modules importing each other in a cycle. Violations known
 * when the rules came are listed in scripts/architecture/baseline.json: the check fails on any
 * other, and on a listed one that is fixed (`--update-baseline` rewrites the list after a fix).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { compareWithBaseline, readBaseline, writeBaseline } from './architecture/baseline.js';
import { readSourceTree } from './architecture/graph.js';
import { allViolations } from './architecture/rules.js';

const root = resolve(import.meta.dirname, '..');
const baselinePath = resolve(root, 'scripts/architecture/baseline.json');
const { values } = parseArgs({ options: { 'update-baseline': { type: 'boolean', default: false } } });

const violations = allViolations(readSourceTree(root));
if (values['update-baseline']) {
  const count = writeBaseline(baselinePath, violations);
  console.log(`baseline: ${count} known violations written to ${baselinePath}`);
} else {
  const { added, gone, known } = compareWithBaseline(violations, readBaseline(baselinePath));
  for (const line of added) console.log(`violation: ${line}`);
  for (const line of gone) console.log(`fixed, remove from the baseline (--update-baseline): ${line}`);
  console.log(
    added.length + gone.length === 0
      ? `architecture holds: no new violations (${known} known ones listed in the baseline)`
      : `${added.length} new violations, ${gone.length} fixed ones still listed`,
  );
  process.exitCode = added.length + gone.length === 0 ? 0 : 1;
}
