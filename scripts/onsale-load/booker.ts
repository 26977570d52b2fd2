import { functionDefinitions } from '../../functions/app/function-definitions.js';
import type { BookableSession } from '../booking-load/catalog-fixture.js';
import { bookingFunction, type HttpHandler } from '../handler-load/booking-world.js';
import { lambdaContext } from '../local/lambda-context.js';
import type { Book } from './crowd.js';
import { buyEvent, type Crowd } from './world.js';

/**
 * A buyer's request: the booking function's handler invoked as Lambda invokes it, with the API
 * Gateway v2 event of `POST .../bookings` (the authorizer's claims in it), its answer read as a
 * client reads it.
 */

/**
 * The invocation's deadline. Lambda gives each request a container of its own; here hundreds of
 * invocations share one process, so each one's wall time holds the wait for that process's CPU,
 * which would run past the function's own timeout and cut bookings off mid-way.
 */
const invocationLimits = { memoryMb: functionDefinitions[bookingFunction].memoryMb, timeoutSeconds: 300 };

export const booker =
  (handler: HttpHandler, crowd: Crowd, session: BookableSession): Book =>
  async (buyer, seats) => {
    try {
      const event = buyEvent(crowd, session, crowd.buyers[buyer]!, seats);
      const answer = await handler(event, lambdaContext(bookingFunction, invocationLimits));
      const body = JSON.parse(answer.body ?? '{}') as { code?: string; status?: string };
      if (answer.statusCode === 201)
        return body.status === 'confirmed'
          ? { status: 201 }
          : { status: 201, code: `booking ${body.status}` };
      const retryAfter = Number(answer.headers?.['retry-after']);
      return {
        status: answer.statusCode ?? 0,
        ...(body.code ? { code: body.code } : {}),
        ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
      };
    } catch (error) {
      // The handler answers every domain error itself: a throw is the run's failure to report.
      return { status: 0, code: (error as Error).message };
    }
  };
