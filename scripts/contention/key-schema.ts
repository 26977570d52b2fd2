import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/aws-local.js';

/** A table's key attributes, read once per table from DynamoDB Local (a put names no key). */
export interface KeySchema {
  hash: string;
  range?: string;
}

export interface KeySchemas {
  /** Undefined when the table does not exist (yet): its request is forwarded and fails there. */
  of(table: string): Promise<KeySchema | undefined>;
  close(): void;
}

const describe = async (client: DynamoDBClient, table: string): Promise<KeySchema | undefined> => {
  try {
    const out = await client.send(new DescribeTableCommand({ TableName: table }));
    const keys = out.Table?.KeySchema ?? [];
    const hash = keys.find((k) => k.KeyType === 'HASH')?.AttributeName;
    const range = keys.find((k) => k.KeyType === 'RANGE')?.AttributeName;
    if (!hash) return undefined;
    return range ? { hash, range } : { hash };
  } catch {
    return undefined;
  }
};

export const keySchemas = (endpoint: string): KeySchemas => {
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const known = new Map<string, Promise<KeySchema | undefined>>();
  return {
    of: (table) => {
      const cached = known.get(table);
      if (cached) return cached;
      const lookup = describe(client, table).then((schema) => {
        // A missing table may be created later: ask again next time.
        if (!schema) known.delete(table);
        return schema;
      });
      known.set(table, lookup);
      return lookup;
    },
    close: () => client.destroy(),
  };
};
