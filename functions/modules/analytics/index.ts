/**
 * The analytics module's public entry: what other modules may use (the nightly run's step).
 * Everything else in the folder is the module's own.
 */

export type { AnalyticsStore } from './domain/ports.js';
export { type NightlySession, refreshChunkAnalytics } from './domain/refresh.js';
