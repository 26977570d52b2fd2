import { parseArgs } from 'node:util';
import { fail } from '../local/cli.js';

/** `npm run bench:soak -- [--minutes 6] [--rate 73] [--seed 1] [--drain-seconds 60] [--max-in-flight 256] [--json] [--no-write]` */

export interface SoakOptions {
  minutes: number;
  rate: number;
  seed: number;
  drainSeconds: number;
  maxInFlight: number;
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
    json: values.json,
    write: !values['no-write'],
  };
};
