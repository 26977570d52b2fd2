/** Shared ElectroDB model fields: every entity lives in the one service, versioned for migrations. */
export const entityBase = { service: 'evently', version: '1' } as const;

/**
 * The value of an index-only attribute that keeps the item out of its sparse index (every entity
 * with a sparse index uses it).
 */
export const unlisted = 'none';
