import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import * as z from 'zod';
import { type FunctionName, functionDefinitions } from '../../functions/app/function-definitions.js';
import { queueDefinitions } from '../../functions/app/queue-definitions.js';
import { interestCatalogSchema } from '../../functions/modules/discovery/contracts/interests.js';

/** Where `cdk synth -c tenant=<id>` looks for `<id>.json`. */
export const defaultTenantsDir = path.resolve(import.meta.dirname, '../../config/tenants');

/** Lowercase slug: it becomes part of stack names and physical names, so it must be short and DNS-safe. */
const tenantIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,23}[a-z0-9]$/, 'must be a lowercase slug (a-z, 0-9, "-"; 2-25 characters)');

const retentionValues = new Set<number>(
  Object.values(RetentionDays).filter((v): v is number => typeof v === 'number'),
);

/** An origin as browsers send it: scheme + host (+ port), no path, no trailing slash. */
const originSchema = z
  .string()
  .regex(
    /^(\*|https?:\/\/[a-z0-9.-]+(:\d{1,5})?)$/i,
    'must be "*" or an origin like https://app.example.com',
  );

/** JWT subjects are joined with commas into OPERATOR_SUBS, so a comma would split one subject in two. */
const subjectSchema = z
  .string()
  .min(1)
  .regex(/^[^,\s]+$/, 'must not contain commas or whitespace');

const orgCreationSchema = z
  .strictObject({
    mode: z.enum(['anyone', 'operators']),
    operators: z.array(subjectSchema).default([]),
  })
  .refine((o) => o.mode !== 'operators' || o.operators.length > 0, {
    message: 'mode "operators" needs at least one operator subject, or nobody could create an organization',
    path: ['operators'],
  });

/** The providers the payments module has adapters for (functions/kernel/env.ts reads the same names). */
const paymentProviderSchema = z.enum(['stripe', 'razorpay']);

/**
 * Payments: which providers are turned on (the first is the default checkout) and the platform's
 * fee on each order. The providers' keys are not here: they live in the stack's Secrets Manager secret.
 */
const paymentsSchema = z
  .strictObject({
    providers: z
      .array(paymentProviderSchema)
      .default([])
      .refine((list) => new Set(list).size === list.length, { message: 'must not name a provider twice' }),
    platformFee: z
      .strictObject({
        /** Share of the order subtotal, in basis points (100 = 1 %). */
        basisPoints: z.number().int().min(0).max(10_000).default(0),
        /** Added to every order, in the currency's minor unit (cents, paise). */
        fixedMinor: z.number().int().min(0).default(0),
      })
      .prefault({}),
  })
  .prefault({});

/** The SNS platform of each push platform, as its application ARN names it (`app/<PLATFORM>/<name>`). */
export const snsPlatformOf = { apns: 'APNS', apns_sandbox: 'APNS_SANDBOX', fcm: 'GCM' } as const;

const platformApplicationArn = (platform: keyof typeof snsPlatformOf) =>
  z
    .string()
    .regex(
      new RegExp(`^arn:aws:sns:[a-z0-9-]+:\\d{12}:app/${snsPlatformOf[platform]}/[A-Za-z0-9_.-]{1,256}$`),
      `must be the ARN of an SNS platform application of ${snsPlatformOf[platform]} (arn:aws:sns:<region>:<account>:app/${snsPlatformOf[platform]}/<name>)`,
    )
    .optional();

/**
 * Notifications: the SES identity email is sent from, and the SNS platform applications of mobile
 * push (docs/notifications.md, "Devices"): devices register only for the platforms named here.
 */
const notificationsSchema = z
  .strictObject({
    fromEmail: z.email().optional(),
    push: z
      .strictObject({
        apns: platformApplicationArn('apns'),
        apns_sandbox: platformApplicationArn('apns_sandbox'),
        fcm: platformApplicationArn('fcm'),
      })
      .optional(),
  })
  .prefault({});

/** A stage or route throttle: steady requests per second and the burst on top. */
const throttleSchema = (rateLimit: number, burstLimit: number) =>
  z
    .strictObject({
      rateLimit: z.number().positive().default(rateLimit),
      burstLimit: z.number().int().positive().default(burstLimit),
    })
    .prefault({});

const functionNames = Object.keys(functionDefinitions) as [FunctionName, ...FunctionName[]];

/**
 * Lambda's default concurrency quota per account and region is 1,000, of which 100 must stay
 * unreserved: what the tenants of one account reserve together must fit in the rest.
 */
export const maxReservedPerAccount = 900;

/** A queue consumer reserved below its event sources' maximum concurrency would throttle its own queues. */
const reservedCoversQueues = (
  functions: Partial<Record<FunctionName, { reservedConcurrency: number }>>,
  ctx: z.core.$RefinementCtx,
): void => {
  for (const [name, settings] of Object.entries(functions)) {
    const needed = queueDefinitions
      .filter((q) => q.consumer === name)
      .reduce((sum, q) => sum + q.maxConcurrency, 0);
    if (settings && settings.reservedConcurrency < needed) {
      ctx.addIssue({
        code: 'custom',
        path: ['functions', name, 'reservedConcurrency'],
        message: `must be at least ${needed}, the maximum concurrency of the queues it consumes`,
      });
    }
  }
  const total = Object.values(functions).reduce((sum, f) => sum + (f?.reservedConcurrency ?? 0), 0);
  if (total > maxReservedPerAccount) {
    ctx.addIssue({
      code: 'custom',
      path: ['functions'],
      message: `reserves ${total} in total; at most ${maxReservedPerAccount} may be reserved per account`,
    });
  }
};

/** The functions call SNS in the stack's region and account: the platform applications must be there. */
const pushAppsInTheStack = (
  config: {
    region: string;
    account: string;
    notifications: { push?: Record<string, string | undefined> | undefined };
  },
  ctx: z.core.$RefinementCtx,
): void => {
  for (const [platform, arn] of Object.entries(config.notifications.push ?? {})) {
    if (arn && !arn.startsWith(`arn:aws:sns:${config.region}:${config.account}:`))
      ctx.addIssue({
        code: 'custom',
        path: ['notifications', 'push', platform],
        message: `must be a platform application in the tenant's region and account (arn:aws:sns:${config.region}:${config.account}:...)`,
      });
  }
};

export const tenantConfigSchema = z
  .strictObject({
    tenantId: tenantIdSchema,
    /**
     * Required: a tenant deploys into the account its file names, never into whatever account the
     * CLI's credentials happen to point at.
     */
    account: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id'),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as eu-west-1'),
    /**
     * Who signs users in (docs/identity.md). `phone-otp` (the default when `auth` is left out): the
     * tenant's own Cognito user pool, phone numbers and one-time codes by SMS, made by the stack.
     * `oidc` (implied by an `issuer`, so files written before phone sign-in keep their provider):
     * any OIDC provider (Cognito, Keycloak, Auth0, ...), API Gateway validates tokens against it.
     */
    auth: z.preprocess(
      (auth) => {
        if (auth === undefined) return { mode: 'phone-otp' };
        if (typeof auth === 'object' && auth !== null && !('mode' in auth)) return { mode: 'oidc', ...auth };
        return auth;
      },
      z.discriminatedUnion('mode', [
        z.strictObject({
          mode: z.literal('oidc'),
          issuer: z.url({ protocol: /^https$/, error: 'must be an https URL' }),
          audiences: z.array(z.string().min(1)).min(1, 'must list at least one audience'),
        }),
        z.strictObject({ mode: z.literal('phone-otp') }),
      ]),
    ),
    orgCreation: orgCreationSchema,
    /** The tenant's catalog of interests (docs/discovery.md); without it, the default catalog. */
    interests: interestCatalogSchema.optional(),
    logRetentionDays: z
      .number()
      .int()
      .refine((d) => retentionValues.has(d), {
        message: `must be one of the CloudWatch Logs retention periods: ${[...retentionValues].join(', ')}`,
      }),
    logLevel: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']).default('INFO'),
    /** Receives alarm notifications (dead letters, function errors); alarms exist without it too. */
    alarmEmail: z.email().optional(),
    cors: z.strictObject({ allowedOrigins: z.array(originSchema).default([]) }).prefault({}),
    api: z
      .strictObject({
        maxBodyBytes: z
          .number()
          .int()
          .positive()
          .max(6 * 1024 * 1024, 'must not exceed the 6 MB Lambda payload limit')
          .default(64 * 1024),
        throttle: throttleSchema(100, 200),
        /**
         * Tighter limits on the write-heavy routes (the route manifest's `throttleClass`): a burst of
         * bookings or webhooks cannot take the whole stage's budget from every other route.
         */
        routeThrottles: z
          .strictObject({
            bookings: throttleSchema(50, 100),
            webhooks: throttleSchema(50, 100),
          })
          .prefault({}),
      })
      .prefault({}),
    /**
     * Reserved concurrency per function (at most that many instances at once, and always that many
     * available): tenants sharing an account cannot starve each other. Unset: the function shares
     * the account's unreserved pool.
     */
    functions: z
      .partialRecord(
        z.enum(functionNames),
        z.strictObject({ reservedConcurrency: z.number().int().min(1).max(maxReservedPerAccount) }),
      )
      .default({}),
    /**
     * How a session's places are split over counter items so that an on-sale is not capped by one
     * item's write limit (docs/performance.md, "Sharded counters"): one item per `placesPerShard`
     * places, at most `maxShards` (1 turns it off).
     */
    counterShards: z
      .strictObject({
        maxShards: z.number().int().min(1).max(64).default(64),
        placesPerShard: z.number().int().min(1).default(50),
      })
      .prefault({}),
    /**
     * When the nightly run (docs/nightly.md: counter recounts, forecasts, audit summaries) starts,
     * in UTC, and how many days ahead it forecasts sessions.
     */
    nightly: z
      .strictObject({
        hourUtc: z.number().int().min(0).max(23).default(2),
        minuteUtc: z.number().int().min(0).max(59).default(0),
        forecastDays: z.number().int().min(1).max(365).default(30),
      })
      .prefault({}),
    /**
     * The audit trail (docs/audit.md): records are kept this many days, then DynamoDB's TTL removes
     * them (with whole days of their hash chains).
     */
    audit: z.strictObject({ retentionDays: z.number().int().min(30).max(3650).default(400) }).prefault({}),
    /**
     * The tenant's event bus of public domain events (docs/events/): how long its archive keeps
     * every event for replay, in days (0: for ever).
     */
    events: z
      .strictObject({ archiveRetentionDays: z.number().int().min(0).max(3650).default(365) })
      .prefault({}),
    /**
     * AI agents (docs/agents.md): who writes their drafts. `template` (the default) is the built-in
     * deterministic drafter; `external` names a model provider that is not built: drafts are refused (503).
     */
    agents: z.strictObject({ provider: z.enum(['template', 'external']).default('template') }).prefault({}),
    notifications: notificationsSchema,
    payments: paymentsSchema,
    /** Thresholds of the alarms a tenant may tune (docs/alarms.md); the rest are fixed. */
    alarms: z
      .strictObject({
        /** Share of API requests answered 5xx, in percent (also the gradual deployments' rollback alarm). */
        apiServerErrorRatePercent: z
          .number()
          .positive()
          .max(100, 'must be a percentage (at most 100)')
          .default(5),
        /** The API's p99 latency, in ms. */
        apiLatencyP99Ms: z
          .number()
          .int()
          .positive()
          .max(30_000, 'must not exceed the 30 s API Gateway waits for a function')
          .default(2000),
        /** The account's SMS spend this calendar month, in USD (an account-wide figure). */
        smsMonthToDateSpendUsd: z.number().positive().default(50),
      })
      .prefault({}),
    tags: z.record(z.string().min(1), z.string()).default({}),
  })
  .superRefine((config, ctx) => {
    reservedCoversQueues(config.functions, ctx);
    pushAppsInTheStack(config, ctx);
  });

export type TenantConfig = z.infer<typeof tenantConfigSchema>;

/** A tenant file is missing, unreadable or invalid; the message says which file and which fields. */
export class TenantConfigError extends Error {
  override readonly name = 'TenantConfigError';
}

const fieldName = (segments: readonly PropertyKey[]): string =>
  segments.length > 0 ? segments.map(String).join('.') : '(file)';

/** One line per invalid field; unknown keys get a line each so a typo is named, not just counted. */
const describeIssues = (issues: readonly z.core.$ZodIssue[]): string =>
  issues
    .flatMap((i) =>
      i.code === 'unrecognized_keys'
        ? i.keys.map((k) => `${fieldName([...i.path, k])}: unknown field`)
        : [`${fieldName(i.path)}: ${i.message}`],
    )
    .map((line) => `  - ${line}`)
    .join('\n');

/**
 * Validates an already-read tenant document. `source` names it in the error; `expectedTenantId`
 * (the file name) must equal `tenantId`, so a copied file cannot deploy over another tenant's stacks.
 */
export const parseTenantConfig = (
  input: unknown,
  source: string,
  expectedTenantId?: string,
): TenantConfig => {
  const schema =
    expectedTenantId === undefined
      ? tenantConfigSchema
      : tenantConfigSchema.refine((c) => c.tenantId === expectedTenantId, {
          message: `must equal the file name "${expectedTenantId}"`,
          path: ['tenantId'],
          when: (payload) => payload.issues.every((i) => i.path?.[0] !== 'tenantId'),
        });
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new TenantConfigError(`Invalid tenant config ${source}:\n${describeIssues(parsed.error.issues)}`);
  }
  return parsed.data;
};

const readJson = (file: string, shown: string): unknown => {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new TenantConfigError(
      `Tenant config not found: ${shown} (create it, or pass -c tenant=<id> for an existing file)`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new TenantConfigError(`Tenant config ${shown} is not valid JSON: ${(e as Error).message}`);
  }
};

/** Loads and validates `<dir>/<tenantId>.json`; every problem is named by path and field. */
export const loadTenantConfig = (tenantId: string, dir: string = defaultTenantsDir): TenantConfig => {
  const id = tenantIdSchema.safeParse(tenantId);
  if (!id.success) {
    // Checked before touching the file system so "-c tenant=../x" cannot read outside the directory.
    throw new TenantConfigError(
      `Invalid tenant id "${tenantId}": ${id.error.issues[0]?.message ?? 'invalid'}`,
    );
  }
  const file = path.join(dir, `${tenantId}.json`);
  const shown = path.relative(process.cwd(), file) || file;
  return parseTenantConfig(readJson(file, shown), shown, tenantId);
};

/** The tenant's own OIDC provider (`auth.mode: 'oidc'`); a phone sign-in tenant's issuer is its user pool. */
export const jwtOf = (config: TenantConfig): { issuer: string; audiences: readonly string[] } => {
  if (config.auth.mode !== 'oidc')
    throw new Error(`${config.tenantId}: signs in by phone, its issuer is its user pool`);
  return { issuer: config.auth.issuer, audiences: config.auth.audiences };
};
