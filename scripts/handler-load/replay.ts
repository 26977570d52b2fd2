import { randomInt } from 'node:crypto';
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';

/**
 * The booking's own transaction, replayed: the `TransactItems` the handler sent for one booking,
 * captured as sent, copied with a fresh booking id wherever the old one appears (keys, attributes,
 * payloads), so that each copy is a new booking the same conditions accept. Sent with the plain
 * SDK it is "the raw transaction the handler sends", with no handler around it: same items, same
 * sizes, same conditions, same DynamoDB work.
 */

const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** An id of the same prefix and length (`bkg_` + random), so the items keep their sizes. */
export const sameShapeId = (id: string): string => {
  const cut = id.indexOf('_') + 1;
  const tail = Array.from({ length: id.length - cut }, () => alphabet[randomInt(alphabet.length)]).join('');
  return `${id.slice(0, cut)}${tail}`;
};

const replaced = <T>(value: T, from: string, to: string): T => {
  if (typeof value === 'string') return value.replaceAll(from, to) as T;
  if (Array.isArray(value)) return value.map((v) => replaced(v, from, to)) as T;
  if (value instanceof Uint8Array || value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [replaced(k, from, to), replaced(v, from, to)]),
  ) as T;
};

/** The booking ids the transaction's puts carry (an item's `bookingId` attribute). */
export const bookingIdsOf = (entries: readonly TransactWriteItem[]): string[] => [
  ...new Set(entries.flatMap((e) => e.Put?.Item?.bookingId?.S ?? [])),
];

/** Copies of `entries`, each with a fresh booking id in place of the captured one. */
export const replayTemplate = (entries: readonly TransactWriteItem[]) => {
  const [bookingId, ...more] = bookingIdsOf(entries);
  if (!bookingId || more.length > 0)
    throw new Error(`expected one booking id in the transaction, found ${[bookingId, ...more].join(', ')}`);
  return {
    bookingId,
    fresh: (): TransactWriteItem[] => replaced([...entries], bookingId, sameShapeId(bookingId)),
  };
};
