/** Shared ElectroDB model fields: every entity lives in the one service, versioned for migrations. */
export const entityBase = { service: 'evently', version: '1' } as const;
