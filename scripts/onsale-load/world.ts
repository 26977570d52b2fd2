import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import {
  type BookableSession,
  createBookableSession,
  createOrganizer,
  createSelfBookers,
  type Organizer,
} from '../booking-load/catalog-fixture.js';
import { bookingRoute } from '../handler-load/booking-world.js';
import { api } from '../local/api-client.js';
import { authorizerClaims, invokeEvent } from '../local/invoke-event.js';
import type { LocalRuntime } from '../local/runtime.js';

/**
 * The on-sale's people, made through the API once and kept across the runs of one invocation (each
 * run restarts the local runtime with its own function environment over the same table): an
 * organization and its buyers, signed-in users each with the attendee record linked to them. The
 * sessions are made per run, by the runtime whose environment decides how their counters split.
 */

const OWNER = { sub: 'onsale-bench-owner', email: 'owner@onsale-bench.example' };

export interface Buyer {
  attendeeId: string;
  /** The authorizer's claims of the buyer's token: the function is invoked as API Gateway does. */
  claims: Record<string, string>;
}

export interface Crowd {
  orgId: string;
  buyers: Buyer[];
}

export const createCrowd = async (rt: LocalRuntime, buyers: number): Promise<Crowd> => {
  const organizer = await createOrganizer(api(rt.url), await rt.mintToken(OWNER), 'On-sale bench');
  const made = await createSelfBookers(organizer, rt.mintToken, buyers, 'onsale-bench');
  return {
    orgId: organizer.orgId,
    buyers: made.map((b) => ({ attendeeId: b.attendeeId, claims: authorizerClaims(b.token) })),
  };
};

/** The organization's owner on this runtime (each runtime signs with a key of its own). */
export const ownerOn = async (rt: LocalRuntime, crowd: Crowd): Promise<Organizer> => ({
  call: api(rt.url),
  token: await rt.mintToken(OWNER),
  orgId: crowd.orgId,
});

/** A free, published, general-admission session of `places` places. */
export const createOnsaleSession = (owner: Organizer, places: number): Promise<BookableSession> =>
  createBookableSession(owner, { capacity: places });

/** The booking route's event: `buyer` books `seats` places for their own attendee record. */
export const buyEvent = (
  crowd: Crowd,
  session: BookableSession,
  buyer: Buyer,
  seats: number,
): APIGatewayProxyEventV2WithJWTAuthorizer =>
  invokeEvent(bookingRoute, {
    pathParameters: { orgId: crowd.orgId, sessionId: session.sessionId },
    claims: buyer.claims,
    body: seats === 1 ? { attendeeId: buyer.attendeeId } : { attendeeId: buyer.attendeeId, seats },
    caller: 'onsale-bench',
  });
