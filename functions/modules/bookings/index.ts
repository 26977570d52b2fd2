/**
 * The bookings module's public entry: what other modules may use. Everything else in the folder
 * is the module's own.
 */
export { confirmedBookingCheck } from './adapters/booking-checks.js';
export { toBooking } from './adapters/booking-items.js';
export { placesRefused, transitionItems } from './adapters/booking-transition.js';
export type { LocalScheduleStore } from './adapters/local-schedule-store.js';
export { bookingParams } from './contracts/bookings.js';
export type { AuditRecords } from './domain/audit-ports.js';
export { readOwnBooking } from './domain/bookings-access.js';
export { confirmStep, refundedStep, reviveStep } from './domain/bookings-changes.js';
export { reconcileSession, type SessionDrift } from './domain/counter-reconciliation.js';
export type { Booking, BookingRef } from './domain/model.js';
export type { BookingPayment, BookingPayments, BookingTransition } from './domain/ports.js';
export type { WaitlistEntry } from './domain/waitlist-model.js';
