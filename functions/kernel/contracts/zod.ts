import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { ZodType } from 'zod';

// Every contract imports zod from here (`import * as z from './zod.js'`) so that `.openapi()`
// metadata is always available. The extension only patches `ZodType.prototype`. Importing zod as a
// namespace (never as the `z` object) lets esbuild drop what is unused: handing the whole `z`
// object around keeps all of zod, every locale included, about 360 KB more in each Lambda bundle.
// Only the function that serves the document needs the metadata: the others' bundles are built
// with EVENTLY_SERVES_OPENAPI 'false' (lib/constructs/bundling.ts), and there `.openapi()` leaves a
// schema as it is instead of copying it with its metadata (each call builds a new schema).
if (process.env.EVENTLY_SERVES_OPENAPI === 'false') {
  const unchanged = function (this: ZodType) {
    return this;
  };
  Object.assign(ZodType.prototype, { openapi: unchanged });
} else extendZodWithOpenApi({ ZodType } as unknown as Parameters<typeof extendZodWithOpenApi>[0]);

export * from 'zod';
