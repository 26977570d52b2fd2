/**
 * The catalog module's public entry: what other modules may use. Everything else in the folder
 * is the module's own.
 */

export { claimConsumed, claimDropped, claimPut } from './adapters/counter-claims.js';
export { counterShardStore, sameCount } from './adapters/counter-shard-store.js';
export type { CounterState, ShardPolicy } from './adapters/counter-shards.js';
export { aggregate, defaultShardPolicy, shardLimit } from './adapters/counter-shards.js';
export { counterStamps } from './adapters/counter-stamps.js';
export { toEvent } from './adapters/event-items.js';
export { toSession } from './adapters/session-items.js';
export { sessionParams } from './contracts/sessions.js';
export { changeableEvent, existingEvent } from './domain/event-guards.js';
export { withEventMarks } from './domain/event-marks.js';
export { markDeletingUnlessLive } from './domain/live-bookings.js';
export type { Admission, Event, EventSettings, GuestRules, Visibility } from './domain/model.js';
export { defaultEventSettings, maxSeatsPerBookingLimit } from './domain/model.js';
export type { Seating, Session, SessionCancellation, SessionTable } from './domain/session.js';
export { registrationClosed } from './domain/session.js';
export type { SessionScheduleGuard, SpeakerClash } from './domain/session-ports.js';
export { changeRegistrationDeadline, overbookSession } from './domain/sessions-change.js';
export { placeLabels, tableOf, tablePlaces } from './domain/sessions-seating.js';
export type { SessionDetail } from './domain/sessions-view.js';
export { sessionDetail } from './domain/sessions-view.js';
