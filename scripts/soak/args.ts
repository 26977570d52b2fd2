import { parseArgs } from 'node:util';
import { fail } from '../local/cli.js';

/**
 * `npm run bench:soak -- [--minutes 6] [--rate 73] [--seed 1] [--drain-seconds 60] [--max-in-flight 256]
 * [--find-rate [--ramp-from 45] [--ramp-step 4] [--ramp-seconds 60]] [--json] [--no-write]`
 */

export interface SoakOptions {
  minutes: number;
  rate: number;
  seed: number;
  drainSeconds: number;
  maxInFlight: number;
  /** Ramp up first and soak at the highest rate sustained, if below `rate`. */
  ramp: { from: number; step: number; stepSeconds: number } | undefined;
  json: boolean;
  write: boolean;
}

const numberArg = (name: string, raw: string, { integer = false, zero = false } = {}): number => {
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (!zero && value === 0) || (integer && !Number.isInteger(value)))
    return fail(
      `--${name} must be a ${zero ? 'non-negative' : 'positive'} ${integer ? 'integer' : 'number'}, got "${raw}"`,
      2,
    );
  return value;
};

export const parseSoakArgs = (argv: string[] = process.argv.slice(2)): SoakOptions => {
  const { values } = parseArgs({
    args: argv,
    options: {
      minutes: { type: 'string', default: '6' },
      rate: { type: 'string', default: '73' },
      seed: { type: 'string', default: '1' },
      'drain-seconds': { type: 'string', default: '60' },
      'max-in-flight': { type: 'string', default: '256' },
      'find-rate': { type: 'boolean', default: false },
      'ramp-from': { type: 'string', default: '45' },
      'ramp-step': { type: 'string', default: '4' },
      'ramp-seconds': { type: 'string', default: '60' },
      json: { type: 'boolean', default: false },
      'no-write': { type: 'boolean', default: false },
    },
  });
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) fail(`--seed must be an integer, got "${values.seed}"`, 2);
  return {
    minutes: numberArg('minutes', values.minutes),
    rate: numberArg('rate', values.rate),
    seed,
    drainSeconds: numberArg('drain-seconds', values['drain-seconds'], { zero: true }),
    maxInFlight: numberArg('max-in-flight', values['max-in-flight'], { integer: true }),
    ramp: values['find-rate']
      ? {
          from: numberArg('ramp-from', values['ramp-from']),
          step: numberArg('ramp-step', values['ramp-step']),
          stepSeconds: numberArg('ramp-seconds', values['ramp-seconds']),
        }
      : undefined,
    json: values.json,
    write: !values['no-write'],
  };
};
