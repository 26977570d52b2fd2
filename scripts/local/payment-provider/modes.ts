import type { Mode, ModeOverrides } from './types.js';

/** Reading mode overrides from a JSON body or a checkout form (where every value is a string). */

export const DEFAULT_MODE: Mode = { outcome: 'succeed', delayMs: 0, duplicates: 0, hold: false };

export class ModeError extends Error {}

const count = (value: unknown, name: string): number => {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 0)
    throw new ModeError(`${name} must be a whole number of 0 or more`);
  return number;
};

const flag = (value: unknown, name: string): boolean => {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new ModeError(`${name} must be true or false`);
};

export const parseModeOverrides = (input: Record<string, unknown>): ModeOverrides => {
  const known = ['outcome', 'delayMs', 'duplicates', 'hold'];
  const unknown = Object.keys(input).filter((k) => !known.includes(k));
  if (unknown.length > 0) throw new ModeError(`unknown mode fields: ${unknown.join(', ')}`);
  const overrides: ModeOverrides = {};
  if (input.outcome !== undefined) {
    if (input.outcome !== 'succeed' && input.outcome !== 'fail')
      throw new ModeError("outcome must be 'succeed' or 'fail'");
    overrides.outcome = input.outcome;
  }
  if (input.delayMs !== undefined) overrides.delayMs = count(input.delayMs, 'delayMs');
  if (input.duplicates !== undefined) overrides.duplicates = count(input.duplicates, 'duplicates');
  if (input.hold !== undefined) overrides.hold = flag(input.hold, 'hold');
  return overrides;
};
