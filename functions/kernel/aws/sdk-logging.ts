/**
 * The AWS SDK's logger middleware builds a redacted copy of every request and response for its
 * logger even when none is configured (the default logs nothing): on the hot paths that is a few
 * percent of a function's CPU for nothing. Our own logs say what matters; the SDK's would be
 * off anyway.
 */
export const withoutSdkLogging = <C extends { middlewareStack: { remove(name: string): boolean } }>(
  client: C,
): C => {
  client.middlewareStack.remove('loggerMiddleware');
  return client;
};
