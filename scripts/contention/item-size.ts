import type { AttributeValue, WireItem } from './wire.js';

/**
 * Item sizes and write units by DynamoDB's billing rules ("DynamoDB item sizes and formats",
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html):
 * an attribute is its name's UTF-8 bytes plus its value; strings count their UTF-8 bytes, numbers
 * one byte per two significant digits plus one, binaries their raw bytes, null and booleans one
 * byte, a list or map 3 bytes plus one byte and the size of each element.
 */

const utf8 = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Leading and trailing zeros are trimmed; sign, point and exponent do not count. */
export const numberSize = (n: string): number => {
  const mantissa = n.replace(/^[+-]/, '').split(/[eE]/)[0] ?? '';
  const digits = mantissa.replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
};

const binarySize = (base64: string): number => Buffer.from(base64, 'base64').length;

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** The size of a value without its attribute name. */
export const valueSize = (v: AttributeValue): number => {
  if (v.S !== undefined) return utf8(v.S);
  if (v.N !== undefined) return numberSize(v.N);
  if (v.B !== undefined) return binarySize(v.B);
  if (v.SS) return sum(v.SS.map(utf8));
  if (v.NS) return sum(v.NS.map(numberSize));
  if (v.BS) return sum(v.BS.map(binarySize));
  if (v.M) return 3 + sum(Object.entries(v.M).map(([name, e]) => 1 + utf8(name) + valueSize(e)));
  if (v.L) return 3 + sum(v.L.map((e) => 1 + valueSize(e)));
  return 1; // NULL, BOOL
};

export const itemSize = (item: WireItem): number =>
  sum(Object.entries(item).map(([name, v]) => utf8(name) + valueSize(v)));

const KB = 1024;

/**
 * Write units of one item write: one per started KB, at least one; a transactional write is two
 * (prepare and commit), "Capacity management for transactions",
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html.
 */
export const writeUnits = (bytes: number, transactional: boolean): number =>
  Math.max(1, Math.ceil(bytes / KB)) * (transactional ? 2 : 1);
