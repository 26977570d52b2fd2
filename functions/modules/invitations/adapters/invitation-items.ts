import type { EntityItem } from 'electrodb';
import { unlisted } from '../../../kernel/dynamo/entity-base.js';
import { fromStored, toStored } from '../../../kernel/dynamo/stored.js';
import type { TxEntities } from '../../../kernel/dynamo/transactions.js';
import { notificationRecord } from '../../notifications/index.js';
import type { EventInvite, EventPass, JoinRequest } from '../domain/model.js';
import type { eventInviteEntity } from './entities/event-invite.js';
import type { eventPassEntity } from './entities/event-pass.js';
import type { joinRequestEntity } from './entities/join-request.js';

/** Between the invitations module's domain objects and their items (null fields left out). */

export const toEventInvite = fromStored<EventInvite, EntityItem<typeof eventInviteEntity>>({
  nullable: { attendeeId: true, email: true, phone: true, tokenHash: true, expiresAt: true, maxUses: true },
  itemOnly: { listedAttendee: true },
});

export const toEventPass = fromStored<EventPass, EntityItem<typeof eventPassEntity>>({
  nullable: { userId: true, inviteId: true },
  itemOnly: {},
});

export const toJoinRequest = fromStored<JoinRequest, EntityItem<typeof joinRequestEntity>>({
  nullable: {
    userId: true,
    message: true,
    hostMessage: true,
    bookingId: true,
    waitlistEntryId: true,
    holdExpiresAt: true,
    decidedBy: true,
  },
  itemOnly: { listedAttendee: true },
});

/** The attendee an invite is listed under while it holds their email or phone (the erasure's index). */
const listedAttendeeOf = (attendeeId: string | null, ...contacts: (string | null)[]) =>
  attendeeId !== null && contacts.some((c) => c !== null) ? attendeeId : unlisted;

export const storedInvite = (i: EventInvite) => ({
  ...toStored(i),
  listedAttendee: listedAttendeeOf(i.attendeeId, i.email, i.phone),
});
export const storedPass = (p: EventPass) => toStored(p);
export const storedRequest = (r: JoinRequest) => ({
  ...toStored(r),
  listedAttendee: listedAttendeeOf(r.attendeeId, r.message, r.hostMessage),
});

/**
 * The wire form of a request's listing under its attendee (gsi2, entities/join-request.ts), for
 * writers that set a request's `hostMessage` in a low-level transaction (the reservation's).
 */
export const requestListingWire = (r: Pick<JoinRequest, 'orgId' | 'attendeeId' | 'requestId'>) => ({
  listedAttendee: r.attendeeId,
  gsi2pk: `${r.orgId}#attendee#${r.attendeeId}#join-requests`,
  gsi2sk: r.requestId,
});

/** What a request's notifications say of it. */
export const requestSummary = (r: JoinRequest) => ({
  requestId: r.requestId,
  eventId: r.eventId,
  attendeeId: r.attendeeId,
  partySize: r.partySize,
  status: r.status,
  hostMessage: r.hostMessage,
  bookingId: r.bookingId,
  holdExpiresAt: r.holdExpiresAt,
});

/** The attendee told of a request's new status (`request.<status>`), once per status. */
export const requestNotification = (tx: TxEntities, r: JoinRequest) =>
  notificationRecord(tx, {
    orgId: r.orgId,
    sessionId: r.sessionId,
    key: `${r.requestId}#${r.status}`,
    at: r.updatedAt,
    type: `request.${r.status}`,
    recipientId: r.attendeeId,
    userId: r.userId,
    payload: requestSummary(r),
  });
