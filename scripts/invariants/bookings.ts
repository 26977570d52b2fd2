import type { BookingItem } from './snapshot.js';

/** Held and confirmed bookings occupy places; cancelled and expired ones have released them. */
export const isLive = (b: BookingItem): boolean => b.status === 'held' || b.status === 'confirmed';

export const labelsOf = (b: BookingItem): string[] => b.seatLabels ?? [];

export const seatsIn = (bookings: readonly BookingItem[], status: BookingItem['status']): number =>
  bookings.filter((b) => b.status === status).reduce((sum, b) => sum + b.seats, 0);
