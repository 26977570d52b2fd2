import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { FunctionDefinition } from '../../functions/app/function-definitions.js';
import { tableDefinition } from '../../functions/kernel/dynamo/table-definition.js';

type TableAccess = FunctionDefinition['table'];

const readActions = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
];
const writeActions = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

/**
 * Item-level actions per access level. No Scan (every list is a Query on a named index) and no
 * table-management actions: a compromised function cannot read the whole table in one call or
 * change its settings.
 */
export const tableActions: Record<TableAccess, readonly string[]> = {
  none: [],
  read: readActions,
  readWrite: [...readActions, ...writeActions],
};

/**
 * Grants `access` on the table, and Query on each index by its exact ARN (no `index/*` wildcard),
 * so the policy names precisely the indexes the table definition declares.
 */
export const grantTableAccess = (grantee: IGrantable, table: ITable, access: TableAccess): void => {
  if (access === 'none') return;
  Grant.addToPrincipal({ grantee, actions: [...tableActions[access]], resourceArns: [table.tableArn] });
  Grant.addToPrincipal({
    grantee,
    actions: ['dynamodb:Query'],
    resourceArns: tableDefinition.globalSecondaryIndexes.map((i) => `${table.tableArn}/index/${i.indexName}`),
  });
};
