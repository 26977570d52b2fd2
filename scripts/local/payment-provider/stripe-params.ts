import type { FormObject, FormValue } from './form-body.js';
import { invalidInteger, missingParam, paramError, unknownParam } from './stripe-errors.js';
import type { Metadata } from './types.js';

/** Reading Stripe's form parameters with the checks and messages Stripe answers them with. */

/** Stripe refuses parameters it does not know: a misspelt one fails instead of being dropped. */
export const checkKnown = (params: FormObject, allowed: readonly string[]): void => {
  for (const key of Object.keys(params)) if (!allowed.includes(key)) throw unknownParam(key);
};

const show = (value: FormValue): string => (typeof value === 'string' ? value : JSON.stringify(value));

export const optionalString = (params: FormObject, name: string): string | null => {
  const value = params[name];
  if (value === undefined) return null;
  if (typeof value !== 'string') throw paramError(name, `Invalid string: ${show(value)}`);
  return value;
};

export const requiredString = (params: FormObject, name: string): string => {
  const value = optionalString(params, name);
  if (value === null || value === '') throw missingParam(name);
  return value;
};

export const optionalInteger = (params: FormObject, name: string): number | null => {
  const value = params[name];
  if (value === undefined) return null;
  if (typeof value !== 'string' || !/^-?\d+$/.test(value)) throw invalidInteger(name, show(value));
  return Number(value);
};

export const positiveInteger = (params: FormObject, name: string): number | null => {
  const value = optionalInteger(params, name);
  if (value !== null && value <= 0)
    throw paramError(name, 'This value must be greater than or equal to 1.', 'parameter_invalid_integer');
  return value;
};

export const oneOf = (params: FormObject, name: string, values: readonly string[]): string | null => {
  const value = optionalString(params, name);
  if (value !== null && !values.includes(value))
    throw paramError(name, `Invalid ${name}: must be one of ${values.join(', ')}`);
  return value;
};

export const currencyOf = (params: FormObject): string => {
  const currency = requiredString(params, 'currency').toLowerCase();
  if (!/^[a-z]{3}$/.test(currency)) throw paramError('currency', `Invalid currency: ${currency}.`);
  return currency;
};

/** Stripe's limits: 50 keys, keys up to 40 characters, values up to 500; `metadata=` empties it. */
export const metadataOf = (params: FormObject): Metadata => {
  const value = params.metadata;
  if (value === undefined || value === '') return {};
  if (typeof value === 'string' || Array.isArray(value))
    throw paramError('metadata', 'Invalid object', 'parameter_invalid_empty');
  const entries = Object.entries(value);
  if (entries.length > 50) throw paramError('metadata', 'You can specify up to 50 keys in metadata.');
  const metadata: Metadata = {};
  for (const [key, item] of entries) {
    const param = `metadata[${key}]`;
    if (typeof item !== 'string') throw paramError(param, `Invalid string: ${show(item)}`);
    if (key.length > 40) throw paramError(param, 'Metadata keys can be up to 40 characters long.');
    if (item.length > 500) throw paramError(param, 'Metadata values can be up to 500 characters long.');
    metadata[key] = item;
  }
  return metadata;
};
