import {
  type BookableSession,
  createBookableSession,
  createOrganizer,
  createSelfBookers,
  type Organizer,
  type SelfBooker,
} from '../booking-load/catalog-fixture.js';
import { runHttpBookings } from '../booking-load/http-booking.js';
import { api } from '../local/api-client.js';
import type { LocalRuntime } from '../local/runtime.js';

/**
 * What the delivery series deliver, made the public's way: users book a free session for
 * themselves over HTTP, and each booking's commit writes one notification, which the stream relay
 * puts on the (unconsumed) notifications queue as one message.
 */

/** Bookings in flight while a set is made. */
const bookingConcurrency = 16;

export interface NotifyWorld {
  organizer: Organizer;
  bookers: SelfBooker[];
}

export const buildNotifyWorld = async (rt: LocalRuntime, users: number): Promise<NotifyWorld> => {
  const token = await rt.mintToken({ sub: 'notify-owner', email: 'owner@notify.example', name: 'Notify' });
  const organizer = await createOrganizer(api(rt.url), token, 'Notify bench');
  const bookers = await createSelfBookers(organizer, rt.mintToken, users, 'notify');
  return { organizer, bookers };
};

/**
 * The first `count` users book a session of its own (so every set is new to the consumer too);
 * resolves once every booking answered 201, i.e. its message is on the queue.
 */
export const bookSet = async (world: NotifyWorld, count: number): Promise<BookableSession> => {
  const session = await createBookableSession(world.organizer, { capacity: count + 10 });
  const bookers = { kind: 'self', bookers: world.bookers.slice(0, count) } as const;
  const run = await runHttpBookings(world.organizer, session, bookers, bookingConcurrency);
  const failures = Object.entries(run.failures);
  if (failures.length > 0)
    throw new Error(`bookings failed: ${failures.map(([status, n]) => `${n} x HTTP ${status}`).join(', ')}`);
  return session;
};
