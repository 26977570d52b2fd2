import { ApiError } from './http-io.js';
import type { StripePaymentIntent } from './types.js';

/** Stripe's error answers: `{ error: { type, code, message, param, doc_url } }` with its statuses. */

interface StripeErrorBody {
  type: 'invalid_request_error' | 'idempotency_error';
  message: string;
  code?: string;
  param?: string;
  doc_url?: string;
  payment_intent?: StripePaymentIntent;
}

const docUrl = (code: string): string => `https://stripe.com/docs/error-codes/${code.replaceAll('_', '-')}`;

const invalid = (
  status: number,
  message: string,
  extra: Omit<StripeErrorBody, 'type' | 'message'> = {},
  saved = true,
): ApiError =>
  new ApiError(
    status,
    {
      error: {
        type: 'invalid_request_error',
        message,
        ...extra,
        ...(extra.code ? { doc_url: docUrl(extra.code) } : {}),
      },
    },
    saved,
  );

/** Parameter errors: found before the operation runs, so never saved under an idempotency key. */
export const paramError = (param: string, message: string, code?: string): ApiError =>
  invalid(400, message, code ? { code, param } : { param }, false);

export const missingParam = (param: string): ApiError =>
  paramError(param, `Missing required param: ${param}.`, 'parameter_missing');

export const unknownParam = (param: string): ApiError =>
  paramError(param, `Received unknown parameter: ${param}`, 'parameter_unknown');

export const invalidInteger = (param: string, value: string): ApiError =>
  paramError(param, `Invalid integer: ${value}`, 'parameter_invalid_integer');

export const notFound = (kind: string, id: string, param: string): ApiError =>
  invalid(404, `No such ${kind}: '${id}'`, { code: 'resource_missing', param }, false);

export const unrecognizedUrl = (method: string, path: string): ApiError =>
  invalid(
    404,
    `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    {},
    false,
  );

const redact = (key: string): string =>
  `${key.slice(0, 8)}${'*'.repeat(Math.max(key.length - 12, 0))}${key.slice(-4)}`;

export const unauthorized = (key: string | null): ApiError =>
  invalid(
    401,
    key === null
      ? "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/."
      : `Invalid API Key provided: ${redact(key)}`,
    {},
    false,
  );

export const idempotencyMismatch = (key: string, sameEndpoint: boolean): ApiError =>
  new ApiError(
    400,
    {
      error: {
        type: 'idempotency_error',
        message: sameEndpoint
          ? `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`
          : `Keys for idempotent requests can only be used for the same endpoint they were first used for. Try using a key other than '${key}' if you meant to execute a different request.`,
      },
    },
    false,
  );

export const unexpectedState = (intent: StripePaymentIntent, action: string, allowed: string[]): ApiError =>
  invalid(
    400,
    `You cannot ${action} this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be ${action === 'cancel' ? 'canceled' : 'used'}: ${allowed.join(', ')}.`,
    { code: 'payment_intent_unexpected_state', payment_intent: intent },
  );

export const businessError = (message: string, code: string | undefined, param: string): ApiError =>
  invalid(400, message, code ? { code, param } : { param });
