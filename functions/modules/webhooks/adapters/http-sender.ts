import type { WebhookSender } from '../domain/ports.js';

/** Why an attempt failed, in words fit for the delivery log (never the receiver's body). */
const reasonOf = (error: unknown, timeoutMs: number): string => {
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return `timeout after ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message ?? (error as Error).message;
  return `network error: ${String(detail).slice(0, 200)}`;
};

/**
 * POSTs each delivery with fetch: within the attempt's timeout (connect, send and the answer's
 * status), no redirects followed (a 3xx is not a delivery), the answer's body discarded.
 */
export const httpWebhookSender = (): WebhookSender => ({
  async send(request) {
    try {
      const response = await fetch(request.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(request.timeoutMs),
      });
      // The body is not read: release the connection.
      await response.body?.cancel().catch(() => undefined);
      const ok = response.status >= 200 && response.status < 300;
      return { ok, statusCode: response.status, error: ok ? null : `HTTP ${response.status}` };
    } catch (error) {
      return { ok: false, statusCode: null, error: reasonOf(error, request.timeoutMs) };
    }
  },
});
