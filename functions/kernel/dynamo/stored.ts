/**
 * Between a domain object and its ElectroDB item. The domain spells a missing value `null`;
 * ElectroDB stores it as an absent attribute (it writes no nulls). Items may also carry attributes
 * the domain object does not have: index copies and fields stored flattened.
 */

/** The keys of `T` whose value may be null. */
export type NullableKeys<T> = { [K in keyof T]-?: null extends T[K] ? K : never }[keyof T];

/** `T` as stored: each nullable field is an optional attribute, never null. */
export type Stored<T> = Omit<T, NullableKeys<T>> & { [K in NullableKeys<T>]?: NonNullable<T[K]> };

/** The stored form of `value`: its null fields left out. Nested objects are the caller's to map. */
export const toStored = <T extends object>(value: T): Stored<T> => {
  const present: [string, unknown][] = Object.entries(value).filter(([, v]) => v !== null);
  // The entries of `value` less exactly the null ones, which `Stored<T>` makes optional.
  return Object.fromEntries(present) as Stored<T>;
};

/**
 * `value` without the fields `keys` names. A record rather than a list, so that a caller's type
 * annotation can demand every key (`Record<Exclude<keyof A, keyof B>, true>`).
 */
export const omit = <T extends object, K extends keyof T>(value: T, keys: Record<K, true>): Omit<T, K> => {
  const kept: [string, unknown][] = Object.entries(value).filter(([k]) => !Object.hasOwn(keys, k));
  // The entries of `value` less exactly the keys `K`.
  return Object.fromEntries(kept) as Omit<T, K>;
};

/**
 * The mapper from an item `I` back to `T`. Both key lists are records the compiler holds complete:
 * a new nullable field of `T`, or a new attribute of `I` that `T` lacks, fails to compile until it
 * is listed here; a new required field of `T` fails unless `I` has it.
 */
export const fromStored =
  <T extends object, I extends Stored<T>>(keys: {
    /** Every nullable field of `T`: absent in the item, null in the domain object. */
    nullable: Record<NullableKeys<T>, true>;
    /** Every attribute of `I` that `T` does not have: left out of the domain object. */
    itemOnly: Record<Exclude<keyof I, keyof T>, true>;
  }) =>
  (item: I): T => {
    const value: Record<string, unknown> = { ...omit(item, keys.itemOnly) };
    for (const key of Object.keys(keys.nullable)) value[key] ??= null;
    // `I extends Stored<T>` and the complete key lists make `value` a `T`.
    return value as T;
  };
