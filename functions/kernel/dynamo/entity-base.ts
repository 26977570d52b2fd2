import { skipModelValidationAtRunTime } from './model-validation.js';

// Every entity file imports this one, so this runs before any entity is built (see the function).
skipModelValidationAtRunTime();

/** Shared ElectroDB model fields: every entity lives in the one service, versioned for migrations. */
export const entityBase = { service: 'evently', version: '1' } as const;

/**
 * The value of an index-only attribute that keeps the item out of its sparse index (every entity
 * with a sparse index uses it).
 */
export const unlisted = 'none';

/**
 * `{ [key]: value }`, or nothing for null: ElectroDB stores an absent attribute, never a null one.
 * The cast: TypeScript types an object with a computed key `K` as a string index, not as `K`.
 */
export const optional = <K extends string>(key: K, value: string | null) =>
  (value === null ? {} : { [key]: value }) as Partial<Record<K, string>>;

/** A required string written once and never changed: an id, a creation time, a recorded fact. */
const fixedString = { type: 'string', required: true, readOnly: true } as const;

/**
 * One `fixedString` attribute per name, in order (most entities open with a run of ids).
 * The cast: `Object.fromEntries` types its result as a string index, not as the names given.
 */
export const fixedStrings = <const K extends string>(...names: K[]) =>
  Object.fromEntries(names.map((name) => [name, fixedString])) as Record<K, typeof fixedString>;
