import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Service } from 'electrodb';
import { auditEntity } from '../../modules/bookings/adapters/entities/audit.js';
import { bookingEntity } from '../../modules/bookings/adapters/entities/booking.js';
import { bookingHistoryEntity } from '../../modules/bookings/adapters/entities/booking-history.js';
import { bookingSeatEntity } from '../../modules/bookings/adapters/entities/booking-seat.js';
import { waitlistEntryEntity } from '../../modules/bookings/adapters/entities/waitlist-entry.js';
import {
  waitlistHolderEntity,
  waitlistMetaEntity,
  waitlistSlotEntity,
} from '../../modules/bookings/adapters/entities/waitlist-line.js';
import { eventEntity } from '../../modules/catalog/adapters/entities/event.js';
import { eventListingEntity } from '../../modules/catalog/adapters/entities/event-listing.js';
import { roomSlotEntity, roomVersionEntity } from '../../modules/catalog/adapters/entities/room-schedule.js';
import { sessionEntity } from '../../modules/catalog/adapters/entities/session.js';
import { sessionCounterEntity } from '../../modules/catalog/adapters/entities/session-counter.js';
import { sessionCounterShardEntity } from '../../modules/catalog/adapters/entities/session-counter-shard.js';
import { venueEntity } from '../../modules/catalog/adapters/entities/venue.js';
import { deletionEntity } from '../../modules/deletions/adapters/entities/deletion.js';
import { notificationPreferenceEntity } from '../../modules/notifications/adapters/entities/notification-preference.js';
import { outboxEntity } from '../../modules/notifications/adapters/entities/outbox.js';
import { inviteEntity } from '../../modules/organizations/adapters/entities/invite.js';
import { memberEntity } from '../../modules/organizations/adapters/entities/member.js';
import { organizationEntity } from '../../modules/organizations/adapters/entities/organization.js';
import { paymentOrderEntity } from '../../modules/payments/adapters/entities/payment-order.js';
import { paymentTransactionEntity } from '../../modules/payments/adapters/entities/payment-transaction.js';
import { refundRequestEntity } from '../../modules/payments/adapters/entities/refund-request.js';
import { webhookReceiptEntity } from '../../modules/payments/adapters/entities/webhook-receipt.js';
import { attendeeEntity } from '../../modules/people/adapters/entities/attendee.js';
import { attendeeUniqueEntity } from '../../modules/people/adapters/entities/attendee-unique.js';
import { partyEntity } from '../../modules/people/adapters/entities/party.js';
import { admissionEntity } from '../../modules/tickets/adapters/entities/admission.js';
import { checkinConflictEntity } from '../../modules/tickets/adapters/entities/checkin-conflict.js';
import { checkinListEntity } from '../../modules/tickets/adapters/entities/checkin-list.js';
import { checkinOtpEntity } from '../../modules/tickets/adapters/entities/checkin-otp.js';
import { checkinScanEntity } from '../../modules/tickets/adapters/entities/checkin-scan.js';
import { idempotencyEntity } from './idempotency-entity.js';

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
      sessionCounterShard: sessionCounterShardEntity,
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
      paymentOrder: paymentOrderEntity,
      paymentTransaction: paymentTransactionEntity,
      webhookReceipt: webhookReceiptEntity,
      refundRequest: refundRequestEntity,
      admission: admissionEntity,
      checkinScan: checkinScanEntity,
      checkinList: checkinListEntity,
      checkinConflict: checkinConflictEntity,
      checkinOtp: checkinOtpEntity,
    },
    { client, table },
  );

export type EventlyService = ReturnType<typeof createService>;
