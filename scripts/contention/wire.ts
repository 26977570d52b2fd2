/**
 * The parts of DynamoDB's JSON wire format (the body the SDK posts, `X-Amz-Target`
 * `DynamoDB_20120810.<Operation>`) that the contention model reads. Everything else in a request
 * is passed on untouched, so only these fields are typed.
 */

export interface AttributeValue {
  S?: string;
  N?: string;
  B?: string;
  SS?: string[];
  NS?: string[];
  BS?: string[];
  M?: Record<string, AttributeValue>;
  L?: AttributeValue[];
  NULL?: boolean;
  BOOL?: boolean;
}

export type WireItem = Record<string, AttributeValue>;

export interface KeyedAction {
  TableName: string;
  Key: WireItem;
}

export interface PutAction {
  TableName: string;
  Item: WireItem;
}

export interface UpdateAction extends KeyedAction {
  ExpressionAttributeValues?: WireItem;
  ExpressionAttributeNames?: Record<string, string>;
}

export interface TransactWriteItem {
  Put?: PutAction;
  Update?: UpdateAction;
  Delete?: KeyedAction;
  ConditionCheck?: KeyedAction;
}

export interface TransactWriteItemsInput {
  TransactItems: TransactWriteItem[];
}

export interface TransactGetItemsInput {
  TransactItems: Array<{ Get?: KeyedAction }>;
}

export interface BatchWriteItemInput {
  RequestItems: Record<string, Array<{ PutRequest?: { Item: WireItem }; DeleteRequest?: { Key: WireItem } }>>;
}

/** The operations the model looks into; any other target is forwarded as it came. */
export const modelledOperations = [
  'TransactWriteItems',
  'TransactGetItems',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
] as const;

export type ModelledOperation = (typeof modelledOperations)[number];

const TARGET_PREFIX = 'DynamoDB_20120810.';

export const modelledOperationOf = (target: string | undefined): ModelledOperation | undefined => {
  if (!target?.startsWith(TARGET_PREFIX)) return undefined;
  const name = target.slice(TARGET_PREFIX.length);
  return (modelledOperations as readonly string[]).includes(name) ? (name as ModelledOperation) : undefined;
};
