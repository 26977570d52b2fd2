import { type QueueName, queueUrlEnvVar } from '../../functions/app/queue-definitions.js';
import { resetEnvCache } from '../../functions/kernel/env.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './aws-local.js';

/**
 * The environment the functions read, pointed at the local emulators. Set in this process's
 * process.env because the handlers run in-process, exactly where they would read it in Lambda.
 */

export interface FunctionEnvInput {
  tableName: string;
  dynamoEndpoint: string;
  sqsEndpoint: string;
  queueUrls: Partial<Record<QueueName, string>>;
  /** Log level for the functions' Powertools logger. */
  logLevel?: string;
  /** Extra or overriding variables (e.g. ORG_CREATION). */
  extra?: Record<string, string>;
}

export const functionEnv = (input: FunctionEnvInput): Record<string, string> => ({
  TABLE_NAME: input.tableName,
  AWS_REGION: LOCAL_REGION,
  DYNAMODB_ENDPOINT: input.dynamoEndpoint,
  SQS_ENDPOINT: input.sqsEndpoint,
  // EventBridge Scheduler has no local engine: schedules become table items the runtime's firer sends.
  SCHEDULER_MODE: 'local',
  // SES and SNS have no local engines: notifications go to the delivery log (GET /local/outbox).
  NOTIFY_MODE: 'local',
  // EventBridge has no local engine: public domain events go to the local bus (local-event-bus.ts).
  EVENT_BUS_MODE: 'local',
  ...Object.fromEntries(
    Object.entries(input.queueUrls).map(([name, url]) => [queueUrlEnvVar(name as QueueName), url ?? '']),
  ),
  // The emulators accept any credentials; dummy ones keep the SDK from looking for real ones.
  AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  POWERTOOLS_SERVICE_NAME: 'evently-local',
  POWERTOOLS_LOG_LEVEL: input.logLevel ?? 'WARN',
  POWERTOOLS_METRICS_NAMESPACE: 'evently-local',
  POWERTOOLS_METRICS_DISABLED: 'true',
  POWERTOOLS_TRACE_ENABLED: 'false',
  // With tracing off, the X-Ray SDK's automatic mode would still hook every promise (cls-hooked)
  // for a context nobody reads: manual mode skips that cost. Read when the handlers are imported.
  AWS_XRAY_MANUAL_MODE: 'true',
  ...input.extra,
});

/** Applies `vars` to process.env and returns a function that puts the previous values back. */
export const applyEnv = (vars: Record<string, string>): (() => void) => {
  const previous = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  // A session token from the developer's shell would pair with our dummy keys and confuse the SDK.
  const sessionToken = process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_SESSION_TOKEN;
  Object.assign(process.env, vars);
  resetEnvCache();
  return () => {
    for (const [k, v] of Object.entries(previous)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    if (sessionToken !== undefined) process.env.AWS_SESSION_TOKEN = sessionToken;
    resetEnvCache();
  };
};
