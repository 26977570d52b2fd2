import { DomainError } from '../../../kernel/domain/errors.js';

/**
 * A provider's answer as a domain error: a 4xx is the provider refusing what was asked (kept on
 * the refund request), anything else (5xx, no answer) is worth retrying with the same request id.
 */
export const providerFailure = (provider: string, err: unknown): DomainError => {
  const e = err as { statusCode?: unknown; message?: unknown; error?: { description?: unknown } };
  const status = typeof e.statusCode === 'number' ? e.statusCode : Number(e.statusCode);
  const message = String(e.error?.description ?? e.message ?? 'no message');
  if (status >= 400 && status < 500) {
    return new DomainError('REFUND_REFUSED', `${provider} refused: ${message}`, { provider }, { cause: err });
  }
  return new DomainError(
    'TEMPORARILY_UNAVAILABLE',
    `${provider} did not answer; retry with the same requestId`,
    {},
    { cause: err },
  );
};
