import { functionDefinitions } from '../../functions/app/function-definitions.js';
import { queueDefinitions } from '../../functions/app/queue-definitions.js';

/**
 * How a message measured here would take in AWS: the CPU this process spent on it, scaled to the
 * nightly function's share of a vCPU, plus its DynamoDB calls at an AWS latency each (divided by
 * how many of them were in flight at once), plus its SQS sends. The figures are assumptions,
 * stated with the results (docs/performance.md, "Nightly run").
 */

const nightlyFunction = functionDefinitions.nightly;
const nightlyQueue = queueDefinitions.find((q) => q.name === 'nightly');
if (!nightlyQueue) throw new Error('no nightly queue in queue-definitions.ts');

/** Lambda gives a function one full vCPU at 1,769 MB, proportionally less below. */
const fullVcpuMb = 1_769;

export const awsModel = {
  /** GetItem, PutItem, UpdateItem, DeleteItem in the same region. */
  singleItemMs: 6,
  /** A Query or Scan page, BatchGetItem, BatchWriteItem, TransactWriteItems, TransactGetItems. */
  multiItemMs: 10,
  /** Added per MB of answer (a page of 1 MB streams for tens of ms). */
  msPerMB: 40,
  /** One SendMessageBatch (up to 10 messages). */
  sqsSendMs: 15,
  /** From a send until the message is in an invocation's hands (event source mapping polling). */
  hopMs: 50,
  /** CPU time here x this = CPU time in the function (its memory's share of a vCPU, same core speed). */
  cpuFactor: Math.round((fullVcpuMb / nightlyFunction.memoryMb) * 100) / 100,
  memoryMb: nightlyFunction.memoryMb,
  timeoutMs: nightlyFunction.timeoutSeconds * 1_000,
  batchSize: nightlyQueue.batchSize,
  maxConcurrency: nightlyQueue.maxConcurrency,
  batchingWindowMs: nightlyQueue.maxBatchingWindowSeconds * 1_000,
} as const;

export type AwsModel = typeof awsModel;

const singleItem = new Set(['GetItemCommand', 'PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand']);

/** One call's latency in AWS under the model. */
export const callLatencyMs = (command: string, answerBytes: number): number =>
  (singleItem.has(command) ? awsModel.singleItemMs : awsModel.multiItemMs) +
  (answerBytes / 1_000_000) * awsModel.msPerMB;

/** What one message measured in this process comes to in AWS. */
export interface MessageCost {
  cpuMs: number;
  /** Sum of the modelled AWS latencies of its DynamoDB calls. */
  callLatencyMs: number;
  /** Calls in flight at once on average while any was (1 when they ran one after another). */
  callParallelism: number;
  sqsSends: number;
}

export const awsMessageMs = (c: MessageCost): number =>
  c.cpuMs * awsModel.cpuFactor +
  c.callLatencyMs / Math.max(1, c.callParallelism) +
  c.sqsSends * awsModel.sqsSendMs;
