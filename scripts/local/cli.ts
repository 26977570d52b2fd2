/** Small helpers shared by the command-line entry points in scripts/. */

/** Set before any AWS SDK client exists: the SDK's "Node 22 needed from 2027" warning is noise here. */
export const silenceSdkNodeWarning = (): void => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
};

/** Prints a message meant for humans (no stack trace) and exits. */
export const fail = (message: string, code = 1): never => {
  console.error(message);
  process.exit(code);
};

export const parsePort = (value: string | undefined, fallback: number): number => {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    return fail(`PORT must be a port number, got "${value}"`);
  return port;
};
