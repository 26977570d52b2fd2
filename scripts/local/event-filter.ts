import type { FilterPattern } from '../../functions/app/stream-definitions.js';

/**
 * Lambda's event filtering as the local runtime applies it to stream records: a record matches a
 * pattern when every field the pattern names is there and equal to one of the values it lists,
 * nested objects matched the same way (the exact-match form of Lambda's filter rules, the only one
 * the stream definitions use). A pattern asking for any other rule (prefix, numeric, exists, ...)
 * is refused rather than matched differently than Lambda would.
 */

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const matchesValues = (allowed: readonly unknown[], value: unknown, path: string): boolean => {
  for (const rule of allowed) {
    if (typeof rule !== 'string' && typeof rule !== 'number')
      throw new Error(`filter rule at ${path} is not an exact value: the local runtime supports only those`);
  }
  return allowed.includes(value as string | number);
};

const matchesAt = (pattern: FilterPattern, value: unknown, path: string): boolean => {
  if (!isObject(value)) return false;
  return Object.entries(pattern).every(([field, rule]) => {
    const at = `${path}.${field}`;
    return Array.isArray(rule)
      ? matchesValues(rule, value[field], at)
      : matchesAt(rule as FilterPattern, value[field], at);
  });
};

/** Whether the record (as Lambda hands it to the function, in its JSON form) passes the filter. */
export const matchesFilter = (pattern: FilterPattern, record: unknown): boolean =>
  matchesAt(pattern, record, '$');
