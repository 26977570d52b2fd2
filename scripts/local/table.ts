import {
  type AttributeDefinition,
  CreateTableCommand,
  DescribeTableCommand,
  type DescribeTableCommandOutput,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  type GlobalSecondaryIndex,
  ResourceNotFoundException,
  type StreamSpecification,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { tableDefinition } from '../../functions/kernel/dynamo/table-definition.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './aws-local.js';

type IndexDefinition = (typeof tableDefinition.globalSecondaryIndexes)[number];

const stringKey = (name: string): AttributeDefinition => ({ AttributeName: name, AttributeType: 'S' });

const indexAttributes = (index: IndexDefinition): AttributeDefinition[] => [
  stringKey(index.partitionKey),
  stringKey(index.sortKey),
];

const gsi = (index: IndexDefinition): GlobalSecondaryIndex => ({
  IndexName: index.indexName,
  KeySchema: [
    { AttributeName: index.partitionKey, KeyType: 'HASH' },
    { AttributeName: index.sortKey, KeyType: 'RANGE' },
  ],
  Projection: { ProjectionType: 'ALL' },
});

/** The stream the outbox relay reads, as the deployed table has it (lib/stacks/data-stack.ts). */
const stream: StreamSpecification = { StreamEnabled: true, StreamViewType: tableDefinition.streamViewType };

const uniqueByName = (defs: AttributeDefinition[]): AttributeDefinition[] => [
  ...new Map(defs.map((d) => [d.AttributeName, d])).values(),
];

const createTable = async (client: DynamoDBClient, tableName: string, withStream: boolean): Promise<void> => {
  const indexes = tableDefinition.globalSecondaryIndexes;
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: uniqueByName([
        stringKey(tableDefinition.partitionKey),
        stringKey(tableDefinition.sortKey),
        ...indexes.flatMap(indexAttributes),
      ]),
      GlobalSecondaryIndexes: indexes.map(gsi),
      ...(withStream ? { StreamSpecification: stream } : {}),
    }),
  );
};

/** A table kept in a data directory may predate its stream. */
const addMissingStream = async (
  client: DynamoDBClient,
  tableName: string,
  existing: DescribeTableCommandOutput,
): Promise<void> => {
  if (existing.Table?.StreamSpecification?.StreamEnabled) return;
  await client.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification: stream }));
};

/** A table kept in a data directory may predate an index added to the definition since. */
const addMissingIndexes = async (
  client: DynamoDBClient,
  tableName: string,
  existing: DescribeTableCommandOutput,
): Promise<void> => {
  const present = new Set((existing.Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
  for (const index of tableDefinition.globalSecondaryIndexes) {
    if (present.has(index.indexName)) continue;
    // DynamoDB allows one index creation per UpdateTable call.
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: indexAttributes(index),
        GlobalSecondaryIndexUpdates: [{ Create: gsi(index) }],
      }),
    );
  }
};

const describe = async (
  client: DynamoDBClient,
  tableName: string,
): Promise<DescribeTableCommandOutput | undefined> => {
  try {
    return await client.send(new DescribeTableCommand({ TableName: tableName }));
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
};

const ensureTtl = async (client: DynamoDBClient, tableName: string): Promise<void> => {
  const current = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  const status = current.TimeToLiveDescription?.TimeToLiveStatus;
  // Enabling TTL twice is an error, and a restart with kept data finds it enabled.
  if (status === 'ENABLED' || status === 'ENABLING') return;
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: tableDefinition.ttlAttribute, Enabled: true },
    }),
  );
};

const isActive = (out: DescribeTableCommandOutput | undefined): boolean =>
  out?.Table?.TableStatus === 'ACTIVE' &&
  (out.Table.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === 'ACTIVE');

/** A GSI added to a kept table is backfilled first; queries on it fail until it is ACTIVE. */
const waitUntilActive = async (
  client: DynamoDBClient,
  tableName: string,
  timeoutMs = 30_000,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!isActive(await describe(client, tableName))) {
    if (Date.now() > deadline)
      throw new Error(`table ${tableName} did not become ACTIVE within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

/** Creates the table from the shared definition, or brings an existing one up to date (keeping data). */
/**
 * Creates the table (or brings a kept one up to the definition). `stream: false` leaves the stream
 * out: DynamoDB Local writes every change to it as well, which makes each write slower, and only
 * what runs the outbox relay reads it (the local runtime, and tests of the relay).
 */
export const ensureTable = async (
  endpoint: string,
  tableName: string,
  { stream: withStream = true }: { stream?: boolean } = {},
): Promise<void> => {
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  try {
    const existing = await describe(client, tableName);
    if (existing) {
      await addMissingIndexes(client, tableName, existing);
      if (withStream) await addMissingStream(client, tableName, existing);
    } else await createTable(client, tableName, withStream);
    await waitUntilActive(client, tableName);
    await ensureTtl(client, tableName);
  } finally {
    client.destroy();
  }
};
