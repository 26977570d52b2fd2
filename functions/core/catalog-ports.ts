import type { Event, Venue } from './model/catalog.js';

/**
 * Ports of the catalog context (venues, events, sessions, attendees, parties). Each store is
 * implemented over DynamoDB in functions/adapters/dynamo; every multi-item change is one
 * transaction inside the adapter. Every store can purge an organization's items in batches
 * (`purgeOrg` returns how many it deleted; fewer than `limit` means none are left).
 */

export interface VenueStore {
  get(orgId: string, venueId: string): Promise<Venue | undefined>;
  purgeOrg(orgId: string, limit: number): Promise<number>;
}

export interface EventStore {
  get(orgId: string, eventId: string): Promise<Event | undefined>;
  purgeOrg(orgId: string, limit: number): Promise<number>;
}
