/** The teams module's entry: an event's team places (docs/teams.md). */
export type { TeamPlace } from './domain/model.js';
