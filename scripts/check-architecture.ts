/**
 * `npm run check:architecture`: the module boundaries of functions/ (docs/architecture.md). Fails
 * on a domain file importing AWS, ElectroDB, middy, Powertools, zod or non-domain code or reading
 * process.env; on a module importing another module's files other than its entry (`index.ts`);
 * and on modules importing each other in a cycle. Prints one line per violation.
 */
import { resolve } from 'node:path';
import { readSourceTree } from './architecture/graph.js';
import { allViolations } from './architecture/rules.js';

const root = resolve(import.meta.dirname, '..');
const violations = allViolations(readSourceTree(root));
for (const v of violations) console.log(`violation: ${v.rule}: ${v.key}`);
console.log(
  violations.length === 0
    ? 'architecture holds: domain purity, module entries, no cycles'
    : `${violations.length} architecture violations`,
);
process.exitCode = violations.length === 0 ? 0 : 1;
