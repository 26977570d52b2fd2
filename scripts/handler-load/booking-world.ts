import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { functionDefinitions, type HttpFunctionName } from '../../functions/app/function-definitions.js';
import { routes } from '../../functions/app/routes.js';
import { maxBookingsPerAttendee } from '../../functions/modules/catalog/domain/model.js';
import {
  type BookableSession,
  createBookableSession,
  createOrganizer,
  createSelfBookers,
  type Organizer,
  type SelfBooker,
} from '../booking-load/catalog-fixture.js';
import { api } from '../local/api-client.js';
import { authorizerClaims, invokeEvent } from '../local/invoke-event.js';
import { lambdaContext } from '../local/lambda-context.js';
import type { LocalRuntime } from '../local/runtime.js';

/**
 * What the handler benchmark books, made through the API: an organization, one free published
 * general-admission session with room for every booking, and signed-in users each with the
 * attendee record linked to them (`POST /v1/orgs/{orgId}/me`), as the public books. Then the
 * function that serves `POST .../bookings` (whichever the route manifest names), loaded from its
 * Lambda entry and invoked directly with that route's API Gateway event.
 */

export type HttpHandler = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

const bookRoute = routes.find((r) => r.operationId === 'book');
if (!bookRoute) throw new Error('the manifest has no book route');
/** `POST /v1/orgs/{orgId}/sessions/{sessionId}/bookings` as the manifest defines it. */
export const bookingRoute = bookRoute;

/** The function the booking route is deployed on. */
export const bookingFunction: HttpFunctionName = bookRoute.function;

export interface BookingWorld {
  organizer: Organizer;
  session: BookableSession;
  /** Users who have not booked yet, handed out by `take`. */
  take(count: number): SelfBooker[];
}

export const buildBookingWorld = async (rt: LocalRuntime, bookers: number): Promise<BookingWorld> => {
  const token = await rt.mintToken({ sub: 'handler-bench-owner', email: 'owner@handler-bench.example' });
  const organizer = await createOrganizer(api(rt.url), token, 'Handler bench');
  // The raw series replays one captured booking with fresh ids: one attendee, many live bookings.
  const session = await createBookableSession(
    organizer,
    { capacity: 100_000 },
    { kind: 'free' },
    {
      bookingsPerAttendee: maxBookingsPerAttendee,
    },
  );
  const free = await createSelfBookers(organizer, rt.mintToken, bookers, 'handler-bench');
  return {
    organizer,
    session,
    take(count) {
      if (free.length < count) throw new Error(`only ${free.length} users without a booking left`);
      return free.splice(0, count);
    },
  };
};

/**
 * The booking function's handler, imported from its entry after the runtime set the functions'
 * environment (the entry's modules read it when they load).
 */
export const loadBookingHandler = async (): Promise<HttpHandler> => {
  const entry = resolve(import.meta.dirname, '../..', functionDefinitions[bookingFunction].entry);
  const mod = (await import(pathToFileURL(entry).href)) as { handler?: HttpHandler };
  if (typeof mod.handler !== 'function') throw new Error(`${entry} exports no handler`);
  return mod.handler;
};

const limits = {
  memoryMb: functionDefinitions[bookingFunction].memoryMb,
  timeoutSeconds: functionDefinitions[bookingFunction].timeoutSeconds,
};

/** The booking route's event for one user booking for their own attendee record. */
export const bookingEvent = (
  world: BookingWorld,
  booker: SelfBooker,
): APIGatewayProxyEventV2WithJWTAuthorizer =>
  invokeEvent(bookRoute, {
    pathParameters: { orgId: world.organizer.orgId, sessionId: world.session.sessionId },
    claims: authorizerClaims(booker.token),
    body: { attendeeId: booker.attendeeId },
    caller: 'handler-bench',
  });

/** One invocation, as the Lambda runtime makes it; anything but a confirmed 201 fails. */
export const invokeBooking = async (
  handler: HttpHandler,
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
): Promise<void> => {
  const response = await handler(event, lambdaContext(bookingFunction, limits));
  if (response.statusCode !== 201)
    throw new Error(`booking answered HTTP ${response.statusCode}: ${response.body}`);
  const { status } = JSON.parse(response.body ?? '{}') as { status?: string };
  if (status !== 'confirmed') throw new Error(`a free booking is ${status}, not confirmed`);
};
