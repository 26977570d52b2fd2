import type { MiddlewareObj } from '@middy/core';

/**
 * X-Ray through the Powertools tracer, in the functions whose definition says `tracesCalls`: their
 * handler and each AWS SDK and HTTPS call become subsegments. The others' bundles are built with
 * EVENTLY_TRACES_CALLS 'false' (lib/constructs/bundling.ts) and carry no X-Ray SDK at all: no
 * import at cold start, no async hook on every promise, no subsegment per DynamoDB call. Lambda's
 * active tracing still records each of their invocations. Run from source the tracer is loaded and
 * follows POWERTOOLS_TRACE_ENABLED (the local runtime turns it off).
 */
const loadTracer = async () => {
  const [{ Tracer }, { captureLambdaHandler }] = await Promise.all([
    import('@aws-lambda-powertools/tracer'),
    import('@aws-lambda-powertools/tracer/middleware'),
  ]);
  const tracer = new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'evently' });
  return { tracer, middleware: captureLambdaHandler(tracer, { captureResponse: false }) };
};

// The condition stays inline: the bundle's constant must meet it here for the import to go.
const loaded = process.env.EVENTLY_TRACES_CALLS === 'false' ? undefined : await loadTracer();

/** `client` with each of its calls traced, where this function traces its calls. */
export const traceClient = <C>(client: C): C => (loaded ? loaded.tracer.captureAWSv3Client(client) : client);

/** The handler's subsegment, where this function traces its calls; none elsewhere. */
export const tracingMiddlewares = (): MiddlewareObj[] => (loaded ? [loaded.middleware] : []);
