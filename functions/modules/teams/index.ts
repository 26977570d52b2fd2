/** The teams module's entry: an event's team places (docs/teams.md). */
export { toTeamPlace } from './adapters/team-store.js';
export type { TeamPlace } from './domain/model.js';
