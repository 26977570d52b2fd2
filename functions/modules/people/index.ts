/**
 * The people module's public entry: what other modules may use. Everything else in the folder
 * is the module's own.
 */
export { staleParty } from './adapters/party-writes.js';
export type { Party } from './domain/model.js';
export { attendeeFromProfile } from './domain/my-attendee.js';
