/** A tiny fetch wrapper for talking to the local API (used by the seed and by e2e tests). */

export interface ApiOptions {
  token?: string;
  /** Objects are sent as JSON; strings are sent as they are (for testing malformed bodies). */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  /** Parsed when the response is JSON (including problem+json), else undefined. */
  json: T;
  text: string;
}

export type ApiCall = <T = unknown>(
  method: string,
  path: string,
  options?: ApiOptions,
) => Promise<ApiResponse<T>>;

const requestHeaders = (options: ApiOptions): Record<string, string> => ({
  ...(options.body !== undefined && typeof options.body !== 'string'
    ? { 'content-type': 'application/json' }
    : {}),
  ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
  ...options.headers,
});

const encodeBody = (body: unknown): string | undefined =>
  body === undefined || typeof body === 'string' ? body : JSON.stringify(body);

const parseJson = (text: string, contentType: string | null): unknown =>
  text && contentType?.includes('json') ? JSON.parse(text) : undefined;

export const api =
  (baseUrl: string): ApiCall =>
  async <T>(method: string, path: string, options: ApiOptions = {}): Promise<ApiResponse<T>> => {
    const res = await fetch(new URL(path, baseUrl), {
      method,
      headers: requestHeaders(options),
      body: encodeBody(options.body),
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      json: parseJson(text, res.headers.get('content-type')) as T,
      text,
    };
  };
