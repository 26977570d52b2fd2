import type { Principal } from '../../../kernel/domain/types.js';

/** The name a new member starts with: the token's `name`, else the email's local part, else the sub. */
export const displayName = (p: Principal): string => p.name?.trim() || p.email?.split('@')[0] || p.sub;

export const sameEmail = (a: string | undefined, b: string): boolean =>
  a !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();
