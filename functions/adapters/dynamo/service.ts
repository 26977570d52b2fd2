import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Service } from 'electrodb';
import { attendeeEntity } from './entities/attendee.js';
import { attendeeUniqueEntity } from './entities/attendee-unique.js';
import { auditEntity } from './entities/audit.js';
import { bookingEntity } from './entities/booking.js';
import { bookingHistoryEntity } from './entities/booking-history.js';
import { bookingSeatEntity } from './entities/booking-seat.js';
import { deletionEntity } from './entities/deletion.js';
import { eventEntity } from './entities/event.js';
import { eventListingEntity } from './entities/event-listing.js';
import { idempotencyEntity } from './entities/idempotency.js';
import { inviteEntity } from './entities/invite.js';
import { memberEntity } from './entities/member.js';
import { notificationPreferenceEntity } from './entities/notification-preference.js';
import { organizationEntity } from './entities/organization.js';
import { outboxEntity } from './entities/outbox.js';
import { partyEntity } from './entities/party.js';
import { roomSlotEntity, roomVersionEntity } from './entities/room-schedule.js';
import { sessionEntity } from './entities/session.js';
import { sessionCounterEntity } from './entities/session-counter.js';
import { venueEntity } from './entities/venue.js';
import { waitlistEntryEntity } from './entities/waitlist-entry.js';
import { waitlistHolderEntity, waitlistMetaEntity, waitlistSlotEntity } from './entities/waitlist-line.js';

export const createService = (client: DynamoDBDocumentClient, table: string) =>
  new Service(
    {
      organization: organizationEntity,
      member: memberEntity,
      invite: inviteEntity,
      idempotency: idempotencyEntity,
      deletion: deletionEntity,
      attendee: attendeeEntity,
      attendeeUnique: attendeeUniqueEntity,
      party: partyEntity,
      venue: venueEntity,
      event: eventEntity,
      eventListing: eventListingEntity,
      session: sessionEntity,
      sessionCounter: sessionCounterEntity,
      roomSlot: roomSlotEntity,
      roomVersion: roomVersionEntity,
      booking: bookingEntity,
      bookingSeat: bookingSeatEntity,
      bookingHistory: bookingHistoryEntity,
      audit: auditEntity,
      outbox: outboxEntity,
      notificationPreference: notificationPreferenceEntity,
      waitlistEntry: waitlistEntryEntity,
      waitlistSlot: waitlistSlotEntity,
      waitlistMeta: waitlistMetaEntity,
      waitlistHolder: waitlistHolderEntity,
    },
    { client, table },
  );

export type EventlyService = ReturnType<typeof createService>;
