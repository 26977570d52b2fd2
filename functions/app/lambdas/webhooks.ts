import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context, SQSEvent, SQSRecord } from 'aws-lambda';
import type { DomainEvent } from '../../kernel/domain/domain-event.js';
import { routeFunction } from '../../kernel/http/route-function.js';
import { logger, metrics } from '../../kernel/observability.js';
import { queueFunction, type RecordBudget } from '../../kernel/queue/queue-function.js';
import { automationMessageSchema } from '../../modules/automations/contracts/messages.js';
import { runAutomations } from '../../modules/automations/domain/runs.js';
import { automationSecretHandlers } from '../../modules/automations/handlers/signing-secret.js';
import { automationSecretRoutes } from '../../modules/automations/routes.js';
import { domainEventSchema, laneMessageSchema } from '../../modules/webhooks/contracts/messages.js';
import { fanOutEvent, runLane } from '../../modules/webhooks/domain/delivery.js';
import { webhookHandlers } from '../../modules/webhooks/handlers/subscriptions.js';
import { webhookRoutes } from '../../modules/webhooks/routes.js';
import { getContainer } from '../container.js';
import { functionDefinitions } from '../function-definitions.js';

/** The routes this function serves: its entries of the manifest (app/routes.ts). */
export const routes = [...webhookRoutes, ...automationSecretRoutes] as const;

const http = routeFunction(
  'webhooks',
  routes,
  { ...webhookHandlers, ...automationSecretHandlers },
  {
    idempotency: () => getContainer().idempotency,
  },
);

/** The lane's lease outlasts any run of this function (its timeout), and ends before a message returns. */
const leaseMs = 2 * functionDefinitions.webhooks.timeoutSeconds * 1000;

/**
 * A domain event (the `webhooks` queue) fans out to the organization's subscriptions; a lane
 * message (the `lanes` queue) runs one subscription's lane; an `automations.event` (the
 * `automations` queue) runs the organization's automation workflows. Both are safe to run twice. Deliveries marked failed are the metric the
 * `WebhookDeliveriesFailed` alarm watches.
 */
const runWebhooksMessage = async (record: SQSRecord, budget: RecordBudget): Promise<void> => {
  const body: unknown = JSON.parse(record.body);
  const { deps } = getContainer();
  const automation = automationMessageSchema.safeParse(body);
  if (automation.success) {
    // A domain event for the organization's automation workflows (the `automations` queue).
    const event: DomainEvent = automation.data.event;
    logger.appendKeys({ orgId: event.orgId });
    const result = await runAutomations(deps, event, (orgId) =>
      budget.once(`automation-workflows:${orgId}`, () => deps.automations.workflowsOf(orgId)),
    );
    if (result.failed > 0) metrics.addMetric('automationRunsFailed', MetricUnit.Count, result.failed);
    if (result.paused > 0) logger.warn('automation workflows paused after repeated failures', { ...result });
    logger.info('automation event run', { eventId: event.id, type: event.type, ...result });
    return;
  }
  const lane = laneMessageSchema.safeParse(body);
  if (lane.success) {
    const message = lane.data;
    logger.appendKeys({ orgId: message.orgId });
    const ref = { orgId: message.orgId, subscriptionId: message.subscriptionId };
    const result = await runLane(deps, ref, { wake: message.wake, hasTime: budget.hasTime, leaseMs });
    if (result.delivered > 0) metrics.addMetric('webhookDeliveriesSent', MetricUnit.Count, result.delivered);
    if (result.retried > 0) metrics.addMetric('webhookAttemptsFailed', MetricUnit.Count, result.retried);
    if (result.failed > 0) {
      metrics.addMetric('webhookDeliveriesFailed', MetricUnit.Count, result.failed);
      logger.warn('webhook deliveries failed after their retry window', { ...ref, failed: result.failed });
    }
    if (result.paused) {
      metrics.addMetric('webhookSubscriptionsPaused', MetricUnit.Count, 1);
      logger.warn('webhook subscription paused after repeated failures', ref);
    }
    return;
  }
  // The domain event as the bus delivered it: the body is what each subscription is sent.
  const event: DomainEvent = domainEventSchema.parse(body);
  logger.appendKeys({ orgId: event.orgId });
  // The events of one batch share one read of each organization's subscriptions.
  const result = await fanOutEvent(deps, event, record.body, (orgId) =>
    budget.once(`webhook-subscriptions:${orgId}`, () => deps.webhooks.subscriptionsOf(orgId)),
  );
  logger.info('webhook event fanned out', { eventId: event.id, type: event.type, ...result });
};

const queue = queueFunction(runWebhooksMessage);

const isQueueEvent = (event: object): event is SQSEvent => 'Records' in event;

/**
 * The webhooks function serves its HTTP routes and its queues: one function, so that only it holds
 * the webhook key and calls receivers (automations' webhook actions too).
 */
export const handler = (event: APIGatewayProxyEventV2WithJWTAuthorizer | SQSEvent, context: Context) =>
  isQueueEvent(event) ? queue(event, context) : http(event, context);
