import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * DynamoDB's item size, by the rules of "DynamoDB item sizes and formats"
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html):
 * an item's size is the sum of the lengths of its attribute names and values, where
 * - a string is its UTF-8 bytes, a binary its raw bytes (not the base64 sent);
 * - a number is about 1 byte per two significant digits plus 1 byte (leading and trailing zeroes
 *   trimmed);
 * - null and Boolean values are 1 byte;
 * - a List or Map is 3 bytes plus its elements, and each element 1 byte more (a Map element also
 *   counts its name).
 * Sets are not described there; they are sized as the sum of their elements.
 */

export type Item = Record<string, AttributeValue>;

const utf8 = (text: string): number => Buffer.byteLength(text, 'utf8');

/** "1 byte per two significant digits, plus 1 byte": sign, point and exponent are not digits. */
export const numberSize = (value: string): number => {
  const mantissa = value.trim().replace(/^[-+]/, '').split(/[eE]/)[0] ?? '';
  const digits = mantissa.replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(1, digits.length) / 2) + 1;
};

export const valueSize = (value: AttributeValue): number => {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) return numberSize(value.N);
  if (value.B !== undefined) return value.B.byteLength;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS !== undefined) return value.SS.reduce((sum, s) => sum + utf8(s), 0);
  if (value.NS !== undefined) return value.NS.reduce((sum, n) => sum + numberSize(n), 0);
  if (value.BS !== undefined) return value.BS.reduce((sum, b) => sum + b.byteLength, 0);
  if (value.L !== undefined) return 3 + value.L.reduce((sum, v) => sum + 1 + valueSize(v), 0);
  if (value.M !== undefined)
    return 3 + Object.entries(value.M).reduce((sum, [k, v]) => sum + 1 + utf8(k) + valueSize(v), 0);
  throw new Error(`unknown attribute value type: ${Object.keys(value).join(', ')}`);
};

export const itemSize = (item: Item): number =>
  Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + valueSize(value), 0);

/** Writes are billed per started kilobyte of the item; an absent (0-byte) item still costs one. */
export const kilobytesStarted = (bytes: number): number => Math.max(1, Math.ceil(bytes / 1024));
