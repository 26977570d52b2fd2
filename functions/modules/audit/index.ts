/** The audit module's entry: what other modules may use of it. */
export {
  type AuditFact,
  type AuditSummary,
  type AuditSummaryStore,
  type AuditTally,
  emptyTally,
  mergeTallies,
  tallyOf,
} from './domain/audit-summary.js';
export { checkAuditDay } from './domain/audit-verification.js';
