import { validationFailed } from '../domain/errors.js';
import type { Page, PageRequest } from '../domain/types.js';

/**
 * Cursors name the list they belong to, so a cursor of one organization's list cannot be replayed
 * against another's: it is refused as a bad `cursor` field instead.
 */
export const badCursor = () =>
  validationFailed([{ field: 'cursor', message: 'is not a cursor of this list' }]);

export const decodeCursor = (list: string, cursor: string | undefined): string | null => {
  if (!cursor) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const known = typeof value === 'object' && value && 'l' in value && 'c' in value;
    if (known && value.l === list && typeof value.c === 'string') return value.c;
  } catch {
    // falls through to the validation error
  }
  throw badCursor();
};

export const encodeCursor = (list: string, cursor: string | null): string | null =>
  cursor ? Buffer.from(JSON.stringify({ l: list, c: cursor })).toString('base64url') : null;

interface QueryResult<T> {
  data: T[];
  cursor: string | null;
}

/** Runs one ElectroDB query page for `list` and maps its items. */
export const queryPage = async <R, T>(
  list: string,
  page: PageRequest,
  run: (opts: { cursor: string | null; limit: number }) => Promise<QueryResult<R>>,
  map: (r: R) => T,
): Promise<Page<T>> => {
  const cursor = decodeCursor(list, page.cursor);
  let result: QueryResult<R>;
  try {
    result = await run({ cursor, limit: page.limit });
  } catch (err) {
    if (cursor) throw badCursor();
    throw err;
  }
  return { items: result.data.map(map), nextCursor: encodeCursor(list, result.cursor) };
};
