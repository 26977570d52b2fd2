import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSRecord } from 'aws-lambda';
import { logger, metrics } from '../../kernel/observability.js';
import { queueFunction } from '../../kernel/queue/queue-function.js';
import { nightlyMessageSchema } from '../../modules/nightly/contracts/nightly.js';
import { runNightlyMessage } from '../../modules/nightly/domain/nightly-message.js';
import type { ChunkResult } from '../../modules/nightly/domain/nightly-model.js';
import { getContainer } from '../container.js';

/** A drift is a page-worthy fact: one log line each, and the metrics the CounterDrift alarm watches. */
const report = (orgId: string, result: ChunkResult) => {
  for (const d of result.drifts) {
    logger.warn('counter drift', {
      orgId,
      sessionId: d.sessionId,
      held: d.held,
      confirmed: d.confirmed,
      outcome: d.outcome,
    });
  }
  const places = result.drifts.reduce((n, d) => n + Math.abs(d.held) + Math.abs(d.confirmed), 0);
  metrics.addMetric('counterDriftPlaces', MetricUnit.Count, places);
  metrics.addMetric('counterDrifts', MetricUnit.Count, result.drifts.length);
  metrics.addMetric(
    'counterShortfalls',
    MetricUnit.Count,
    result.drifts.filter((d) => d.outcome === 'short').length,
  );
  metrics.addMetric('nightlySessions', MetricUnit.Count, result.sessions);
};

/**
 * One nightly message per record (nightly-model.ts). A record that throws is redelivered: every
 * step and chunk is safe to run again.
 */
const runRecord = async (record: SQSRecord): Promise<void> => {
  const msg = nightlyMessageSchema.parse(JSON.parse(record.body));
  if (msg.type !== 'nightly.tick') logger.appendKeys({ orgId: msg.orgId });
  const outcome = await runNightlyMessage(getContainer().deps, msg);
  if (outcome.type === 'nightly.tick') logger.info('nightly tick', { night: msg.night, orgs: outcome.orgs });
  if (outcome.type === 'nightly.sessions' && outcome.result && msg.type === 'nightly.sessions') {
    report(msg.orgId, outcome.result);
  }
};

export const handler = queueFunction(runRecord);
