import { randomInt } from 'node:crypto';
import type { WriteRequest } from './write-requests.js';

/**
 * The booking's own write requests, replayed: those the handler sent for one booking (for a free
 * general-admission booking its claim, the take of its places from a counter item, its
 * transaction), captured as sent, copied with a fresh booking id wherever the old one appears
 * (keys, attributes, payloads; the take carries none), so that each copy is a new booking the same
 * conditions accept. Sent in the same order with the plain SDK they are "the raw requests the
 * handler sends", with no handler around them: same items, same sizes, same conditions, same
 * DynamoDB work.
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

/** The items a request puts: a single put's, or each put of a transaction. */
const putItems = (request: WriteRequest) => {
  if (request.command === 'PutItem') return request.input.Item ? [request.input.Item] : [];
  if (request.command === 'TransactWriteItems')
    return (request.input.TransactItems ?? []).flatMap((e) => (e.Put?.Item ? [e.Put.Item] : []));
  return [];
};

/** The booking ids the requests' puts carry (an item's `bookingId` attribute). */
export const bookingIdsOf = (requests: readonly WriteRequest[]): string[] => [
  ...new Set(requests.flatMap(putItems).flatMap((item) => item.bookingId?.S ?? [])),
];

/** Copies of `requests`, each with one fresh booking id in place of the captured one, wherever it is. */
export const replayTemplate = (requests: readonly WriteRequest[]) => {
  const [bookingId, ...more] = bookingIdsOf(requests);
  if (!bookingId || more.length > 0)
    throw new Error(`expected one booking id in the requests, found ${[bookingId, ...more].join(', ')}`);
  return {
    bookingId,
    fresh: (): WriteRequest[] => replaced([...requests], bookingId, sameShapeId(bookingId)),
  };
};
