/**
 * The test files whose tests race requests against each other (many writers of one item at once,
 * a change racing a booking, duplicate deliveries): `npm run test:contention` runs exactly these
 * with the contention model in front of DynamoDB Local. Each must pass on both.
 */
export const raceTestFiles = [
  // Bookings, seats, capacity and the changes that must win against them.
  'test/e2e/booking-concurrency.test.ts',
  'test/integration/seating-races.test.ts',
  'test/integration/live-bookings.test.ts',
  'test/integration/table-bookings.test.ts',
  'test/integration/waitlist.test.ts',
  'test/integration/counter-shards.test.ts',
  'test/integration/counter-shard-races.test.ts',
  'test/integration/counter-claims.test.ts',
  'test/integration/session-cancellation.test.ts',
  'test/integration/sessions.test.ts',
  'test/integration/events.test.ts',
  // Organizations and people: exactly-one-winner creates, invites, owners, parties.
  'test/integration/idempotency.test.ts',
  'test/integration/attendees.test.ts',
  'test/integration/invites.test.ts',
  'test/integration/members.test.ts',
  'test/integration/parties.test.ts',
  'test/integration/cascade.test.ts',
  // Money: concurrent deliveries and retried refunds.
  'test/e2e/payment-webhooks.test.ts',
  'test/integration/payment-webhooks.test.ts',
  'test/integration/payment-refunds.test.ts',
  'test/integration/payment-chargebacks.test.ts',
  // Doors: simultaneous scans of one ticket or code.
  'test/e2e/checkin.test.ts',
  'test/integration/checkin-otp.test.ts',
  'test/integration/invariants-admissions.test.ts',
] as const;
