import { buildContainer, type Container } from '../../functions/app/container.js';
import { readEnv } from '../../functions/kernel/env.js';
import { silenceSdkNodeWarning } from './cli.js';
import { readRecordedEndpoint } from './endpoint-record.js';
import { DEFAULT_TABLE_NAME } from './runtime.js';

/**
 * The options of an operator script that works on a table (`npm run reconcile`, `npm run nightly`):
 * by default the `npm start` table on the DynamoDB Local `npm start` runs; `--endpoint` (or
 * `DYNAMODB_ENDPOINT`) points elsewhere, and without one the AWS account of the environment is used.
 */
export const tableOptions = {
  table: { type: 'string', default: DEFAULT_TABLE_NAME },
  endpoint: { type: 'string' },
  'data-dir': { type: 'string' },
} as const;

/** The container of every port over the table the flags name. */
export const containerFor = (flags: { table: string; endpoint?: string; 'data-dir'?: string }): Container => {
  silenceSdkNodeWarning();
  const endpoint = flags.endpoint ?? process.env.DYNAMODB_ENDPOINT ?? readRecordedEndpoint(flags['data-dir']);
  return buildContainer(
    readEnv({
      ...process.env,
      AWS_REGION: process.env.AWS_REGION ?? 'eu-west-1',
      TABLE_NAME: flags.table,
      ...(endpoint ? { DYNAMODB_ENDPOINT: endpoint } : {}),
    }),
  );
};
