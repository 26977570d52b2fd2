import { parseArgs } from 'node:util';
import { defaultContentionOptions } from '../contention/options.js';

/** The knobs of `npm run bench:onsale`. */
export interface OnsaleOptions {
  /** Places of the session on sale. */
  places: number;
  /** Distinct signed-in users, each with their own attendee record. */
  buyers: number;
  /** Booking requests in flight at once (at most one per buyer). */
  concurrency: number;
  /** How long the contention model holds a transaction's items. */
  holdMs: number;
  /** Share of requests that ask for 2 to 4 places instead of 1. */
  groupShare: number;
  /** Sessions one organization sells at once, for the organization's projection. */
  orgSessions: number;
  seed: number;
  json: boolean;
  /** Write the onsale section of docs/performance.md. */
  write: boolean;
}

export const defaultOnsaleOptions = {
  places: 5_000,
  buyers: 500,
  holdMs: defaultContentionOptions.holdMs,
  groupShare: 0.1,
  orgSessions: 10,
  seed: 14,
} as const;

const whole = (value: string | undefined, name: string, min: number): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`--${name} must be an integer >= ${min} (got ${value})`);
  return n;
};

const share = (value: string | undefined, name: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1)
    throw new Error(`--${name} must be between 0 and 1 (got ${value})`);
  return n;
};

/** Parses the command line; throws with a message naming the flag on a bad value. */
export const parseOnsaleArgs = (args: readonly string[]): OnsaleOptions => {
  const d = defaultOnsaleOptions;
  const { values } = parseArgs({
    args: [...args],
    options: {
      places: { type: 'string', default: String(d.places) },
      buyers: { type: 'string', default: String(d.buyers) },
      concurrency: { type: 'string' },
      'hold-ms': { type: 'string', default: String(d.holdMs) },
      'group-share': { type: 'string', default: String(d.groupShare) },
      'org-sessions': { type: 'string', default: String(d.orgSessions) },
      seed: { type: 'string', default: String(d.seed) },
      json: { type: 'boolean', default: false },
      'no-write': { type: 'boolean', default: false },
    },
  });
  const buyers = whole(values.buyers, 'buyers', 1);
  // Every buyer has one request in flight by default, as on a real on-sale night.
  const concurrency = whole(values.concurrency ?? String(buyers), 'concurrency', 1);
  if (concurrency > buyers) throw new Error('--concurrency cannot exceed --buyers (one request per buyer)');
  const holdMs = Number(values['hold-ms']);
  if (!Number.isFinite(holdMs) || holdMs < 0)
    throw new Error(`--hold-ms must be >= 0 (got ${values['hold-ms']})`);
  return {
    places: whole(values.places, 'places', 1),
    buyers,
    concurrency,
    holdMs,
    groupShare: share(values['group-share'], 'group-share'),
    orgSessions: whole(values['org-sessions'], 'org-sessions', 1),
    seed: whole(values.seed, 'seed', 0),
    json: values.json,
    write: !values['no-write'],
  };
};
