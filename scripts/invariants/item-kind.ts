import type * as z from 'zod';
import type { RawItem, SessionRef, SessionSnapshot } from './snapshot.js';

/**
 * A kind of item: how to decode it and where it goes in its session's snapshot. Its own file so
 * that the kinds of other files (money-items.ts) can be declared without importing snapshot.ts.
 */

export type Reading =
  | { ok: true; ref: SessionRef; addTo(s: SessionSnapshot): void }
  | { ok: false; error: z.ZodError };

export type Kind = (item: RawItem) => Reading;

export const kind =
  <T extends SessionRef>(schema: z.ZodType<T>, add: (s: SessionSnapshot, value: T) => void): Kind =>
  (item) => {
    const parsed = schema.safeParse(item);
    if (!parsed.success) return { ok: false, error: parsed.error };
    return { ok: true, ref: parsed.data, addTo: (s) => add(s, parsed.data) };
  };
