import {
  DeleteItemCommand,
  type DeleteItemCommandInput,
  type DynamoDBClient,
  PutItemCommand,
  type PutItemCommandInput,
  TransactWriteItemsCommand,
  type TransactWriteItemsCommandInput,
  UpdateItemCommand,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';

/**
 * The write requests a booking sends to DynamoDB, as sent (their inputs in DynamoDB's wire form):
 * single writes and write transactions. What the handler benchmark captures, replays and prices.
 */

export type WriteRequest =
  | { command: 'PutItem'; input: PutItemCommandInput }
  | { command: 'UpdateItem'; input: UpdateItemCommandInput }
  | { command: 'DeleteItem'; input: DeleteItemCommandInput }
  | { command: 'TransactWriteItems'; input: TransactWriteItemsCommandInput };

/** Writes the benchmark cannot price item by item: it refuses them rather than leave them out. */
const unsizedWrites = new Set([
  'BatchWriteItemCommand',
  'ExecuteStatementCommand',
  'BatchExecuteStatementCommand',
  'ExecuteTransactionCommand',
]);

/**
 * The write request of an SDK command (its `commandName` and input, as a middleware sees them),
 * or null for anything that writes nothing (reads).
 */
export const writeRequestOf = (commandName: string | undefined, input: unknown): WriteRequest | null => {
  switch (commandName) {
    case 'PutItemCommand':
      return { command: 'PutItem', input: input as PutItemCommandInput };
    case 'UpdateItemCommand':
      return { command: 'UpdateItem', input: input as UpdateItemCommandInput };
    case 'DeleteItemCommand':
      return { command: 'DeleteItem', input: input as DeleteItemCommandInput };
    case 'TransactWriteItemsCommand':
      return { command: 'TransactWriteItems', input: input as TransactWriteItemsCommandInput };
    default:
      if (unsizedWrites.has(commandName ?? '')) throw new Error(`${commandName} is not sized`);
      return null;
  }
};

/** Sends `request` as it was sent. */
export const sendWrite = async (client: DynamoDBClient, request: WriteRequest): Promise<void> => {
  switch (request.command) {
    case 'PutItem':
      await client.send(new PutItemCommand(request.input));
      return;
    case 'UpdateItem':
      await client.send(new UpdateItemCommand(request.input));
      return;
    case 'DeleteItem':
      await client.send(new DeleteItemCommand(request.input));
      return;
    case 'TransactWriteItems':
      await client.send(new TransactWriteItemsCommand(request.input));
      return;
  }
};

/** Sends `requests` one after another, in order. */
export const sendInOrder = async (
  client: DynamoDBClient,
  requests: readonly WriteRequest[],
): Promise<void> => {
  for (const request of requests) await sendWrite(client, request);
};

/**
 * Some of the writes of `requests`, in their order: the single writes at `pick.request` as they
 * are, and the items picked from one transaction (`pick.item`) in a transaction of their own.
 */
export const pickWrites = (
  requests: readonly WriteRequest[],
  picks: readonly { request: number; item: number | null }[],
): WriteRequest[] => {
  const picked: WriteRequest[] = [];
  for (const [at, request] of requests.entries()) {
    const here = picks.filter((p) => p.request === at);
    if (here.length === 0) continue;
    if (request.command !== 'TransactWriteItems') {
      picked.push(request);
      continue;
    }
    const items = request.input.TransactItems ?? [];
    const chosen = here.map((p) => {
      const item = p.item === null ? undefined : items[p.item];
      if (!item) throw new Error(`no item ${p.item} in transaction ${at}`);
      return item;
    });
    picked.push({ command: 'TransactWriteItems', input: { ...request.input, TransactItems: chosen } });
  }
  return picked;
};
