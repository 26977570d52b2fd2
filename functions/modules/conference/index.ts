/** The conference module's entry: speakers, sponsors and agendas of events (docs/conference.md). */
export type { AgendaEntry, Speaker, Sponsor } from './domain/model.js';
