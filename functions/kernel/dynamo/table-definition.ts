/**
 * The single table's physical shape. CDK (lib/) and the local bootstrap (scripts/local/) both
 * build the table from this object, so the two can never drift apart.
 */
export const tableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Items carrying this epoch-seconds attribute are removed lazily by DynamoDB; never used for timing. */
  ttlAttribute: 'ttl',
  /**
   * The table's stream shows each written item as written: the outbox relay hands new outbox items
   * to their queues from it (app/stream-definitions.ts), with no read of its own.
   */
  streamViewType: 'NEW_IMAGE',
  globalSecondaryIndexes: [
    // gsi1: "by user" lookups (a member's organizations); keyed by the JWT subject.
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    // gsi2, gsi3: overloaded secondary access patterns (each entity documents its own key templates).
    // Their partition keys start with the org id like every table key, except tenant-wide public
    // listings, and are never the org id alone.
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  ],
} as const;

export type TableDefinition = typeof tableDefinition;
