import { ApiError } from './http-io.js';
import type { RazorpayNotes } from './types.js';

/** Razorpay's error answers and the checks of its JSON bodies. */

interface RazorpayErrorOptions {
  field?: string;
  /** Razorpay fills source/step/reason for business checks and answers "NA" for the rest. */
  business?: boolean;
}

export const razorpayError = (
  status: number,
  description: string,
  options: RazorpayErrorOptions = {},
): ApiError =>
  new ApiError(status, {
    error: {
      code: 'BAD_REQUEST_ERROR',
      description,
      source: options.business ? 'business' : 'NA',
      step: options.business ? 'payment_initiation' : 'NA',
      reason: options.business ? 'input_validation_failed' : 'NA',
      metadata: {},
      ...(options.field ? { field: options.field } : {}),
    },
  });

export const badRequest = (description: string, field?: string): ApiError =>
  razorpayError(400, description, field ? { field } : {});

/** Razorpay answers an unknown id with 400, not 404. */
export const idNotFound = (): ApiError =>
  razorpayError(400, 'The id provided does not exist', { business: true });

export const unauthorized = (): ApiError => razorpayError(401, 'Authentication failed');

export const urlNotFound = (): ApiError =>
  razorpayError(404, 'The requested URL was not found on the server.');

/** Razorpay refuses fields it does not take. */
export const checkKnown = (body: Record<string, unknown>, allowed: readonly string[]): void => {
  const extra = Object.keys(body).filter((k) => !allowed.includes(k));
  if (extra.length > 0)
    throw badRequest(`${extra.join(', ')} is/are not required and should not be sent`, extra[0]);
};

export const integerField = (
  body: Record<string, unknown>,
  name: string,
  required: boolean,
): number | null => {
  const value = body[name];
  if (value === undefined || value === null) {
    if (required) throw badRequest(`The ${name} field is required.`, name);
    return null;
  }
  // The SDK sends JSON numbers; Razorpay also takes digit strings.
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number))
    throw badRequest(`The ${name} must be an integer.`, name);
  return number;
};

export const stringField = (
  body: Record<string, unknown>,
  name: string,
  maxLength: number,
): string | null => {
  const value = body[name];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw badRequest(`The ${name} must be a string.`, name);
  if (value.length > maxLength)
    throw badRequest(`The ${name} may not be greater than ${maxLength} characters.`, name);
  return value;
};

/** Up to 15 notes of up to 256 characters each; answered as `[]` when empty. */
export const notesField = (body: Record<string, unknown>): RazorpayNotes => {
  const value = body.notes;
  if (value === undefined || value === null) return [];
  if (Array.isArray(value) && value.length === 0) return [];
  if (typeof value !== 'object' || Array.isArray(value))
    throw badRequest('The notes must be an object.', 'notes');
  const entries = Object.entries(value);
  if (entries.length > 15) throw badRequest('Number of notes cannot be more than 15', 'notes');
  if (entries.length === 0) return [];
  const notes: Record<string, string | number | boolean> = {};
  for (const [key, item] of entries) {
    if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean')
      throw badRequest(`The notes.${key} must be a string.`, 'notes');
    if (String(item).length > 256)
      throw badRequest(`The notes.${key} may not be greater than 256 characters.`, 'notes');
    notes[key] = item;
  }
  return notes;
};

export interface Paging {
  count: number;
  skip: number;
}

export const pagingOf = (query: URLSearchParams): Paging => {
  const count = Number(query.get('count') ?? 10);
  const skip = Number(query.get('skip') ?? 0);
  if (!Number.isInteger(count) || count < 1 || count > 100)
    throw badRequest('The count must be between 1 and 100.', 'count');
  if (!Number.isInteger(skip) || skip < 0) throw badRequest('The skip must be at least 0.', 'skip');
  return { count, skip };
};

export const collection = <T>(
  items: T[],
  paging: Paging,
): { entity: 'collection'; count: number; items: T[] } => {
  const page = items.slice(paging.skip, paging.skip + paging.count);
  return { entity: 'collection', count: page.length, items: page };
};
