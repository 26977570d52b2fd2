import { describe, expect, it } from 'vitest';
import { fromStored, omit, type Stored, toStored } from '../../functions/kernel/dynamo/stored.js';
import {
  type BookingItem,
  toBooking,
  toBookingItem,
} from '../../functions/modules/bookings/adapters/booking-items.js';
import type { Booking } from '../../functions/modules/bookings/domain/model.js';
import { joinRequestEntity } from '../../functions/modules/invitations/adapters/entities/join-request.js';
import {
  requestListingWire,
  storedInvite,
  storedRequest,
  toEventInvite,
  toJoinRequest,
} from '../../functions/modules/invitations/adapters/invitation-items.js';
import type { EventInvite, JoinRequest } from '../../functions/modules/invitations/domain/model.js';

/** Domain objects spell a missing value null; their items leave it out and add index attributes. */

interface Thing {
  id: string;
  count: number;
  note: string | null;
  doneAt: string | null;
}

type ThingItem = Stored<Thing> & { shard: string };

const toThing = fromStored<Thing, ThingItem>({
  nullable: { note: true, doneAt: true },
  itemOnly: { shard: true },
});

describe('stored items', () => {
  it('toStored leaves out null fields and keeps every other value, falsy ones too', () => {
    const stored = toStored({ id: 't1', count: 0, note: '', doneAt: null });
    expect(stored).toEqual({ id: 't1', count: 0, note: '' });
    expect('doneAt' in stored).toBe(false);
  });

  it('fromStored turns absent nullable fields into null and drops item-only attributes', () => {
    const thing = toThing({ id: 't1', count: 2, note: 'hi', shard: '07' });
    expect(thing).toStrictEqual({ id: 't1', count: 2, note: 'hi', doneAt: null });
    expect('shard' in thing).toBe(false);
  });

  it('omit leaves out exactly the named fields', () => {
    expect(omit({ a: 1, b: null, c: 'x' }, { b: true })).toStrictEqual({ a: 1, c: 'x' });
  });

  it('a booking survives the trip to its item and back; the item carries its index attributes', () => {
    const booking: Booking = {
      orgId: 'org_1',
      sessionId: 'ses_1',
      eventId: 'evt_1',
      bookingId: 'bkg_1',
      attendeeId: 'att_1',
      partyId: null,
      seats: 2,
      seatLabels: [],
      tickets: [],
      discount: null,
      status: 'held',
      paymentStatus: 'pending',
      holdExpiresAt: '2030-01-01T10:15:00.000Z',
      bookedBy: 'user_1',
      userId: null,
      waitlistEntryId: null,
      createdAt: '2030-01-01T10:00:00.000Z',
      updatedAt: '2030-01-01T10:00:00.000Z',
    };
    const item: BookingItem = toBookingItem(booking);
    expect(item).toMatchObject({ holderId: 'att_1', dueAt: booking.holdExpiresAt, listedUser: 'none' });
    expect(item.dueShard).toMatch(/^\d\d$/);
    expect(['partyId', 'userId', 'waitlistEntryId'].filter((k) => k in item)).toEqual([]);
    expect(toBooking(item)).toStrictEqual(booking);

    // Once no longer held, the deadline is neither stored nor read back.
    const confirmed = toBookingItem({ ...booking, status: 'confirmed' });
    expect('holdExpiresAt' in confirmed).toBe(false);
    expect(confirmed.dueAt).toBe('none');
  });

  it("invites and join requests are listed under their attendee only while they hold the person's contact or words", () => {
    const invite: EventInvite = {
      orgId: 'org_1',
      eventId: 'evt_1',
      inviteId: 'evi_1',
      kind: 'direct',
      attendeeId: 'att_1',
      email: 'zed@example.com',
      phone: null,
      tokenHash: null,
      expiresAt: null,
      maxUses: null,
      uses: 0,
      skipApproval: false,
      unlocksCategoryIds: [],
      status: 'active',
      createdBy: 'user_1',
      createdAt: '2030-01-01T10:00:00.000Z',
      updatedAt: '2030-01-01T10:00:00.000Z',
    };
    expect(storedInvite(invite).listedAttendee).toBe('att_1');
    expect(toEventInvite(storedInvite(invite))).toStrictEqual(invite);
    // Named by attendee only (nothing to erase), or erased: out of the index.
    expect(storedInvite({ ...invite, email: null }).listedAttendee).toBe('none');
    expect(storedInvite({ ...invite, attendeeId: null }).listedAttendee).toBe('none');

    const request: JoinRequest = {
      orgId: 'org_1',
      sessionId: 'ses_1',
      eventId: 'evt_1',
      requestId: 'req_1',
      attendeeId: 'att_1',
      requestedBy: 'user_1',
      userId: 'user_1',
      partySize: 1,
      message: null,
      status: 'declined',
      hostMessage: 'Full, sorry',
      bookingId: null,
      waitlistEntryId: null,
      holdExpiresAt: null,
      decidedBy: 'user_2',
      createdAt: '2030-01-01T10:00:00.000Z',
      updatedAt: '2030-01-01T10:00:00.000Z',
    };
    expect(storedRequest(request).listedAttendee).toBe('att_1');
    expect(toJoinRequest(storedRequest(request))).toStrictEqual(request);
    expect(storedRequest({ ...request, hostMessage: null }).listedAttendee).toBe('none');
    // The reservation's low-level write lists a request as ElectroDB does.
    const { Item } = joinRequestEntity.put(storedRequest(request)).params<{ Item: object }>({ table: 't' });
    expect(Item).toMatchObject(requestListingWire(request));
  });

  it('the compiler holds the key lists complete', () => {
    // @ts-expect-error `doneAt` is nullable and not listed.
    fromStored<Thing, ThingItem>({ nullable: { note: true }, itemOnly: { shard: true } });
    // @ts-expect-error `shard` is an item-only attribute and not listed.
    fromStored<Thing, ThingItem>({ nullable: { note: true, doneAt: true }, itemOnly: {} });
    fromStored<Thing, ThingItem>({
      // @ts-expect-error `count` is not nullable.
      nullable: { note: true, doneAt: true, count: true },
      itemOnly: { shard: true },
    });
  });
});
