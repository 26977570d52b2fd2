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
