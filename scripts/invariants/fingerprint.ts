import { createHash } from 'node:crypto';
import { type RawItem, sessionKeyOf, sessionOfItem } from './snapshot.js';

/**
 * A session's content as one short string: equal fingerprints mean the same items with the same
 * attributes, whatever order the Scan returned them in or the attributes came in.
 */

/**
 * The same text for the same value: map keys sorted; a set's members sorted (a set has no
 * order); sets and binaries tagged so that neither reads like a list or a map.
 */
const canonical = (value: unknown): string => {
  if (value instanceof Set) return `set[${[...value].map(canonical).sort().join(',')}]`;
  if (value instanceof Uint8Array) return `bin:${Buffer.from(value).toString('base64')}`;
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'bigint') return `${value}n`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
};

/** A hash of the items' canonical texts, sorted: independent of item order and of key order. */
export const fingerprintOf = (items: readonly RawItem[]): string => {
  const hash = createHash('sha256');
  // JSON escapes line breaks inside strings, so a newline cannot occur within one item's text.
  for (const text of items.map(canonical).sort()) hash.update(text).update('\n');
  return hash.digest('hex');
};

/** The fingerprint of every session's items (all those `toSnapshot` assigns to it), by session key. */
export const sessionFingerprints = (items: Iterable<RawItem>): Map<string, string> => {
  const bySession = new Map<string, RawItem[]>();
  for (const item of items) {
    const ref = sessionOfItem(item);
    if (!ref) continue;
    const key = sessionKeyOf(ref);
    const sessionItems = bySession.get(key);
    if (sessionItems) sessionItems.push(item);
    else bySession.set(key, [item]);
  }
  return new Map([...bySession].map(([key, sessionItems]) => [key, fingerprintOf(sessionItems)]));
};
