import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logger, metrics } from '../../../kernel/observability.js';
import type { AuditAlarm } from '../domain/audit-ports.js';
import { describeProblem } from '../domain/audit-verification.js';

/** Each problem as an error log line naming the record; their count as the AuditChainBroken alarm's metric. */
export const powertoolsAuditAlarm = (): AuditAlarm => ({
  problemsFound(problems) {
    for (const p of problems) logger.error('audit chain broken', { problem: describeProblem(p) });
    metrics.addMetric('auditChainProblems', MetricUnit.Count, problems.length);
  },
});
