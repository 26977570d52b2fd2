import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { routeFunction } from '../../kernel/http/route-function.js';
import { logger } from '../../kernel/observability.js';
import { queueFunction, type RecordBudget } from '../../kernel/queue/queue-function.js';
import { paymentsMessageSchema } from '../../modules/payments/contracts/inbox.js';
import { applyReceipt } from '../../modules/payments/domain/receipt-apply.js';
import { defaultReceiptSweepOptions, sweepReceipts } from '../../modules/payments/domain/receipt-sweep.js';
import { defaultReconcileOptions, reconcilePayments } from '../../modules/payments/domain/reconcile.js';
import { paymentHandlers } from '../../modules/payments/handlers/payments.js';
import { paymentRoutes } from '../../modules/payments/routes.js';
import { getContainer } from '../container.js';

/** The routes this function serves: its entries of the manifest (app/routes.ts). */
export const routes = paymentRoutes;

const http = routeFunction('payments', routes, paymentHandlers, {
  idempotency: () => getContainer().idempotency,
});

/** One message per record; a record that throws is redelivered alone, then goes to the DLQ. */
const runPaymentsMessage = async (record: SQSRecord, budget: RecordBudget): Promise<void> => {
  const message = paymentsMessageSchema.parse(JSON.parse(record.body));
  const { deps } = getContainer();
  if (message.type === 'payments.reconcile') {
    const result = await reconcilePayments(deps, deps.clock.now(), {
      ...defaultReconcileOptions,
      hasTime: budget.hasTime,
    });
    // Something the reconciler had to settle means a webhook did not: worth seeing.
    if (result.asked > 0 || result.failed.length > 0) {
      logger.warn('reconciler settled orders no webhook settled', { ...result });
    } else if (result.refunded > 0) logger.info('reconciler made owed refunds', { ...result });
    const swept = await sweepReceipts(deps, deps.clock.now(), {
      ...defaultReceiptSweepOptions,
      hasTime: budget.hasTime,
    });
    // A receipt its queue did not apply: lost messages, or dead letters (the DLQ alarm says which).
    if (swept.handedAgain + swept.failed > 0) logger.warn('receipts left unapplied were swept', { ...swept });
    return;
  }
  const outcome = await applyReceipt(deps, message);
  logger.info('payment receipt handled', { provider: message.provider, eventId: message.eventId, outcome });
};

const queue = queueFunction(runPaymentsMessage);

const isQueueEvent = (event: object): event is SQSEvent => 'Records' in event;

/**
 * The payments function serves its HTTP routes and its queue: one function, so that only it holds
 * the grant to the providers' secret.
 */
export const handler = (event: APIGatewayProxyEventV2WithJWTAuthorizer | SQSEvent, context: Context) =>
  isQueueEvent(event) ? queue(event, context) : http(event, context);
