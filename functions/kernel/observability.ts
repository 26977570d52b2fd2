import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * One logger and metrics per function instance (tracing: tracing.ts). Logs are JSON with the
 * request id; the org id is appended per request. Never log tokens, emails or request bodies.
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'evently' });
export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'Evently',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'evently',
});
