/** The conference module's entry: speakers, sponsors and agendas of events (docs/conference.md). */
export type { AgendaEntry, Speaker, Sponsor, SponsorTier } from './domain/model.js';
export { sponsorTiers } from './domain/model.js';
