import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from './aws-local.js';

export interface LambdaLimits {
  memoryMb: number;
  timeoutSeconds: number;
}

const unsupported = (): never => {
  throw new Error('callback-style completion is not supported; return a promise');
};

/** What the Lambda runtime passes as the second handler argument, for one invocation. */
export const lambdaContext = (
  functionName: string,
  limits: LambdaLimits,
  awsRequestId: string = randomUUID(),
): Context => {
  const deadline = Date.now() + limits.timeoutSeconds * 1000;
  const physicalName = `evently-local-${functionName}`;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: physicalName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:function:${physicalName}`,
    memoryLimitInMB: String(limits.memoryMb),
    awsRequestId,
    logGroupName: `/aws/lambda/${physicalName}`,
    logStreamName: `local/[$LATEST]${awsRequestId.replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
};
