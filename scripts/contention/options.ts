/**
 * The knobs of the contention model. Defaults follow DynamoDB's published limits; `holdMs` is an
 * assumption (docs/performance.md, "The contention model", says why).
 */
export interface ContentionOptions {
  /**
   * How long a transaction holds its items, from when the proxy receives it: it stands for the
   * service's own prepare-to-commit time. Its answer is never sent before the hold ends.
   */
  holdMs: number;
  /**
   * `hold`: a transaction holds its items for `holdMs` only (as in AWS, where a transaction's
   * time does not grow with unrelated traffic). `answer`: until DynamoDB Local answers as well,
   * which includes its queue, so overlap grows with the machine's load (a stress setting).
   */
  window: 'hold' | 'answer';
  /** Write units one item (or partition, see `scope`) takes per second. */
  writeUnitsPerSecond: number;
  /** What the throughput limit applies to: each item, or all items of a partition key. */
  scope: 'item' | 'partition';
  /** The error a throttled write gets: on-demand tables and provisioned ones answer differently. */
  capacityMode: 'on-demand' | 'provisioned';
}

export const defaultContentionOptions: ContentionOptions = {
  holdMs: 10,
  window: 'hold',
  writeUnitsPerSecond: 1000,
  scope: 'item',
  capacityMode: 'on-demand',
};

/** The environment variable that turns the model on for a test run. */
export const CONTENTION_ENV = 'DYNAMODB_CONTENTION';

type Env = Record<string, string | undefined>;

export const contentionRequested = (env: Env = process.env): boolean =>
  ['1', 'on', 'true'].includes((env[CONTENTION_ENV] ?? '').toLowerCase());

const oneOf = <T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  name: string,
): T | undefined => {
  if (value === undefined || value === '') return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new Error(`${name} must be one of ${allowed.join(', ')} (got ${value})`);
};

const positive = (value: string | undefined, name: string): number | undefined => {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number >= 0 (got ${value})`);
  return n;
};

/** Knobs from `DYNAMODB_CONTENTION_*` variables, each falling back to its default. */
export const contentionOptionsFromEnv = (env: Env = process.env): ContentionOptions => {
  const v = (suffix: string) => env[`${CONTENTION_ENV}_${suffix}`];
  return {
    holdMs: positive(v('HOLD_MS'), `${CONTENTION_ENV}_HOLD_MS`) ?? defaultContentionOptions.holdMs,
    window:
      oneOf(v('WINDOW'), ['hold', 'answer'], `${CONTENTION_ENV}_WINDOW`) ?? defaultContentionOptions.window,
    writeUnitsPerSecond:
      positive(v('WCU_PER_SECOND'), `${CONTENTION_ENV}_WCU_PER_SECOND`) ??
      defaultContentionOptions.writeUnitsPerSecond,
    scope:
      oneOf(v('SCOPE'), ['item', 'partition'], `${CONTENTION_ENV}_SCOPE`) ?? defaultContentionOptions.scope,
    capacityMode:
      oneOf(v('CAPACITY_MODE'), ['on-demand', 'provisioned'], `${CONTENTION_ENV}_CAPACITY_MODE`) ??
      defaultContentionOptions.capacityMode,
  };
};
