import * as z from 'zod';
import { type QueueName, queueDefinitions, queueUrlEnvVar } from '../app/queue-definitions.js';

/** `a, b,c` as `['a', 'b', 'c']`; unset or empty as `[]`. */
const commaList = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

/**
 * Everything a function reads from its environment, validated once. CDK sets these in AWS; the
 * local runtime sets the same names (plus the *_ENDPOINT overrides) before loading a handler.
 */
const envSchema = z.object({
  TABLE_NAME: z.string().min(1),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  /** Only set locally: DynamoDB Local / fauxqs endpoints. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  SQS_ENDPOINT: z.url().optional(),
  /** The tenant's bucket of material files (docs/materials.md), set on the functions granted it. */
  MATERIALS_BUCKET: z.string().min(1).optional(),
  /** Only set locally: the S3-compatible server (s3rver), reached path-style. */
  S3_ENDPOINT: z.url().optional(),
  /** Tenant setting: may any signed-in user create an organization, or only the listed operators? */
  ORG_CREATION: z.enum(['anyone', 'operators']).default('anyone'),
  OPERATOR_SUBS: commaList,
  /** Tenant setting `interests`: the catalog of interests as JSON (docs/discovery.md); unset: the default. */
  INTERESTS: z.string().min(2).optional(),
  /** Tenant setting `agents.provider`: who writes agents' drafts (external: not built, refuses with 503). */
  AGENTS_PROVIDER: z.enum(['template', 'external']).default('template'),
  /** `local` only in the local runtime: hold expiries become items its firer delivers. */
  SCHEDULER_MODE: z.enum(['eventbridge', 'local']).default('eventbridge'),
  /** Set by CDK on functions that schedule hold expiries (see `schedulesHolds`). */
  SCHEDULE_GROUP_NAME: z.string().min(1).optional(),
  SCHEDULER_ROLE_ARN: z.string().min(1).optional(),
  HOLDS_QUEUE_ARN: z.string().min(1).optional(),
  SCHEDULE_DLQ_ARN: z.string().min(1).optional(),
  /** The jobs queue, which announcement schedules deliver to (set beside the scheduling names). */
  JOBS_QUEUE_ARN: z.string().min(1).optional(),
  /** `local` only in the local runtime: notifications go to its delivery log instead of SES/SNS. */
  NOTIFY_MODE: z.enum(['aws', 'local']).default('aws'),
  /** `local` only in the local runtime and tests: public domain events go to the local bus (local-event-bus.ts). */
  EVENT_BUS_MODE: z.enum(['eventbridge', 'local']).default('eventbridge'),
  /** The tenant's EventBridge bus (its name), set by CDK on the functions that publish to it. */
  EVENT_BUS_NAME: z.string().min(1).optional(),
  /** Whether the local delivery log also prints each message on the console (not when quiet). */
  NOTIFY_LOCAL_ECHO: z.enum(['on', 'off']).default('on'),
  /**
   * Tenant setting `notifications.push`: the SNS platform application ARN of each push platform,
   * set on the function that registers devices; a platform without one refuses registrations.
   */
  PUSH_APP_APNS: z.string().min(1).optional(),
  PUSH_APP_APNS_SANDBOX: z.string().min(1).optional(),
  PUSH_APP_FCM: z.string().min(1).optional(),
  /** The SES identity notification emails are sent from. */
  NOTIFY_FROM_EMAIL: z.email().optional(),
  /** The outbox sweep leaves items younger than this to the stream relay (the local runtime uses less). */
  OUTBOX_SWEEP_GRACE_MS: z.coerce.number().int().min(0).default(30_000),
  /** Tenant setting: the payment providers turned on. */
  PAYMENT_PROVIDERS: commaList.pipe(z.array(z.enum(['stripe', 'razorpay']))),
  /** The Secrets Manager secret holding the providers' keys (its name, never its value). */
  PAYMENT_SECRET_ID: z.string().min(1).optional(),
  /** Local runtime only: the file holding the providers' keys, and the local stand-in's URL. */
  PAYMENT_SECRETS_FILE: z.string().min(1).optional(),
  PAYMENT_LOCAL_PROVIDER_URL: z.url().optional(),
  /** The Secrets Manager secret holding the tenant's ticket key (its name), or locally its file. */
  TICKET_KEY_SECRET_ID: z.string().min(1).optional(),
  TICKET_KEY_FILE: z.string().min(1).optional(),
  /** The Secrets Manager secret holding the tenant's webhook key (its name), or locally its file. */
  WEBHOOK_KEY_SECRET_ID: z.string().min(1).optional(),
  WEBHOOK_KEY_FILE: z.string().min(1).optional(),
  /**
   * Where social accounts' tokens are kept: in AWS secrets named under this prefix (set by CDK on
   * the functions granted `socialTokens`), locally files in `SOCIAL_TOKENS_DIR`.
   */
  SOCIAL_SECRET_PREFIX: z.string().min(1).optional(),
  SOCIAL_TOKENS_DIR: z.string().min(1).optional(),
  /**
   * Webhook delivery settings (docs/webhooks.md); the defaults are production's, tests shorten them.
   * `WEBHOOK_ALLOW_LOCAL_HTTP` lets http://localhost endpoints in: the local runtime only.
   */
  WEBHOOK_ATTEMPT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  WEBHOOK_BACKOFF_BASE_MS: z.coerce.number().int().min(0).default(10_000),
  WEBHOOK_MAX_BACKOFF_MS: z.coerce.number().int().min(0).default(3_600_000),
  WEBHOOK_RETRY_WINDOW_MS: z.coerce.number().int().min(0).default(86_400_000),
  WEBHOOK_PAUSE_AFTER_FAILED: z.coerce.number().int().min(1).default(5),
  WEBHOOK_PAUSE_AFTER_FAILING_MS: z.coerce.number().int().min(0).default(86_400_000),
  WEBHOOK_ALLOW_LOCAL_HTTP: z.enum(['true', 'false']).default('false'),
  /**
   * Phone sign-in (docs/identity.md): `cognito` calls the tenant's user pool (its id and app
   * client set by CDK); `local` is the local runtime's own issuer, signing with the dev key
   * (`LOCAL_ISSUER_KEY_FILE`) as `LOCAL_ISSUER` for `LOCAL_AUDIENCE`.
   */
  SIGN_IN_MODE: z.enum(['cognito', 'local']).default('cognito'),
  COGNITO_USER_POOL_ID: z.string().min(1).optional(),
  COGNITO_CLIENT_ID: z.string().min(1).optional(),
  LOCAL_ISSUER_KEY_FILE: z.string().min(1).optional(),
  LOCAL_ISSUER: z.string().min(1).optional(),
  LOCAL_AUDIENCE: z.string().min(1).optional(),
  /** The Secrets Manager secret holding the tenant's sign-in key (codes' HMAC key), or locally its file. */
  SIGN_IN_KEY_SECRET_ID: z.string().min(1).optional(),
  SIGN_IN_KEY_FILE: z.string().min(1).optional(),
  /** Sign-in codes' lifetime, and starts allowed per phone (15 minutes) and per caller IP (a minute). */
  SIGN_IN_CODE_TTL_SECONDS: z.coerce.number().int().min(1).max(900).default(300),
  SIGN_IN_PHONE_STARTS: z.coerce.number().int().min(1).default(5),
  SIGN_IN_IP_STARTS: z.coerce.number().int().min(1).default(20),
  /** Tenant setting: the platform's fee on each order, basis points of the subtotal plus a fixed amount. */
  PLATFORM_FEE_BPS: z.coerce.number().int().min(0).max(10_000).default(0),
  PLATFORM_FEE_FIXED_MINOR: z.coerce.number().int().min(0).default(0),
  /**
   * Tenant setting: how a new session's capacity is split over counter items (counter-shards.ts).
   * A session gets one counter per `COUNTER_PLACES_PER_SHARD` places, at most `COUNTER_MAX_SHARDS`
   * (1 turns sharding off); a session under two shards' worth keeps one counter.
   */
  COUNTER_MAX_SHARDS: z.coerce.number().int().min(1).max(64).default(64),
  COUNTER_PLACES_PER_SHARD: z.coerce.number().int().min(1).default(50),
  /** Tenant setting: the nightly run forecasts the sessions starting within this many days. */
  NIGHTLY_FORECAST_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Tenant setting: audit records are kept this many days (then DynamoDB's TTL removes them). */
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(30).max(3650).default(400),
  /** Largest accepted request body, in bytes. */
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(64 * 1024),
});

export type Env = z.infer<typeof envSchema> & { queueUrls: Record<QueueName, string | undefined> };

let cached: Env | undefined;

export const readEnv = (source: NodeJS.ProcessEnv = process.env): Env => {
  if (cached && source === process.env) return cached;
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid function environment: ${fields}`);
  }
  const queueUrls = Object.fromEntries(
    queueDefinitions.map((q) => [q.name, source[queueUrlEnvVar(q.name)]]),
  ) as Record<QueueName, string | undefined>;
  const env = { ...parsed.data, queueUrls };
  if (source === process.env) cached = env;
  return env;
};

/** Tests and the local runtime change the environment between runs. */
export const resetEnvCache = (): void => {
  cached = undefined;
};
