/**
 * Stripe's request bodies and queries: application/x-www-form-urlencoded with bracket notation
 * (`metadata[orgId]=o1`, `expand[0]=latest_charge`), read back into nested values.
 */

export type FormValue = string | FormObject | FormValue[];
export interface FormObject {
  [key: string]: FormValue;
}

// Keys that would reach Object.prototype through plain-object assignment.
const UNSAFE = new Set(['__proto__', 'prototype', 'constructor']);

const KEY = /^([^[\]]+)((?:\[[^\]]*\])*)$/;

const segmentsOf = (key: string): string[] => {
  const match = KEY.exec(key);
  if (!match) return [key];
  const rest = [...(match[2] ?? '').matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] ?? '');
  return [match[1] ?? key, ...rest];
};

const assign = (target: FormObject, segments: string[], value: string): void => {
  let node = target;
  for (const [index, raw] of segments.entries()) {
    // `expand[]=a&expand[]=b` appends, as an indexed list would.
    const segment = raw === '' ? String(Object.keys(node).length) : raw;
    if (UNSAFE.has(segment)) return;
    if (index === segments.length - 1) {
      node[segment] = value;
      return;
    }
    const next = node[segment];
    if (next === undefined || typeof next === 'string' || Array.isArray(next)) node[segment] = {};
    node = node[segment] as FormObject;
  }
};

const isIndexed = (keys: string[]): boolean => keys.length > 0 && keys.every((k, i) => k === String(i));

/** Objects keyed 0..n-1 become lists, as the SDK encodes lists. */
const withLists = (value: FormValue): FormValue => {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  if (isIndexed(keys)) return keys.map((k) => withLists(value[k] as FormValue));
  const out: FormObject = {};
  for (const k of keys) out[k] = withLists(value[k] as FormValue);
  return out;
};

export const parseForm = (text: string): FormObject => {
  const root: FormObject = {};
  for (const [key, value] of new URLSearchParams(text)) assign(root, segmentsOf(key), value);
  const parsed = withLists(root);
  return typeof parsed === 'string' || Array.isArray(parsed) ? {} : parsed;
};
