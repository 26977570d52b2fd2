import { randomUUID } from 'node:crypto';

/** A Lambda context for handlers called directly; `remainingMs` is its clock (10 s left unless told). */
export const lambdaContext = (remainingMs: () => number = () => 10_000) =>
  ({
    awsRequestId: randomUUID(),
    functionName: 'test',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:test',
    memoryLimitInMB: '512',
    logGroupName: 'test',
    logStreamName: 'test',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: remainingMs,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  }) as const;
