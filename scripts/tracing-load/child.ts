/**
 * One series of `npm run bench:tracing`, in a process of its own (the X-Ray SDK, once loaded,
 * hooks every promise of its process): loads the booking function's handler from its entry with
 * the environment the parent gave (traced as in Lambda, or built without the tracer), books once
 * per event of the file it is given, the first `warmup` unmeasured, and prints the process's CPU
 * per measured booking as JSON. Traced, each invocation gets a fresh sampled trace header, as
 * the Lambda runtime sets it.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { invokeBooking, loadBookingHandler } from '../handler-load/booking-world.js';
import { fail } from '../local/cli.js';

export interface ChildResult {
  bookings: number;
  cpuMsPerBooking: number;
}

const [eventsArg, warmupArg] = process.argv.slice(2);
const eventsFile = eventsArg ?? fail('usage: child.ts <events.json> <warmup>', 2);
const events = JSON.parse(readFileSync(eventsFile, 'utf8')) as APIGatewayProxyEventV2WithJWTAuthorizer[];
const warmup = Number(warmupArg ?? 0);
const traced = process.env.EVENTLY_TRACES_CALLS !== 'false';

/** `Root=1-<epoch hex>-<96 random bits>;Parent=<64 bits>;Sampled=1`, the header Lambda hands a sampled request. */
const traceHeader = (): string =>
  `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')};` +
  `Parent=${randomBytes(8).toString('hex')};Sampled=1`;

const handler = await loadBookingHandler();
const book = async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  if (traced) process.env._X_AMZN_TRACE_ID = traceHeader();
  await invokeBooking(handler, event);
};

for (const event of events.slice(0, warmup)) await book(event);
const measured = events.slice(warmup);
const before = process.cpuUsage();
for (const event of measured) await book(event);
const used = process.cpuUsage(before);
const result: ChildResult = {
  bookings: measured.length,
  cpuMsPerBooking: (used.user + used.system) / 1000 / measured.length,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
