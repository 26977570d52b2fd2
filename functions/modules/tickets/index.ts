/**
 * The tickets module's public entry: tickets of confirmed bookings, their codes, the door
 * (check-in) and admissions. Nothing imports it yet but the composition root.
 */

export type { Admission, ScanRecord, Ticket } from './domain/model.js';
export { ticketsOf } from './domain/tickets.js';
