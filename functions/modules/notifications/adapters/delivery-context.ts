import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EntityItem } from 'electrodb';
import { batchGet, keyOf, parsedItemOf as parsed } from '../../../kernel/dynamo/batch-get.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import type { DeliveryContext, DeliveryContextQuery } from '../domain/ports.js';
import { type PreferenceItem, toPreferences } from './notification-items.js';

/**
 * What a delivery reads about its recipient (preferences, the attendee or party, the session's
 * time zone) in one BatchGetItem; a party's leader is a second read. Eventually consistent: a
 * contact changed within the last second may miss one notification, never a booking.
 */
export const deliveryContextReader = (
  service: EventlyService,
  client: DynamoDBDocumentClient,
  table: string,
) => {
  const { notificationPreference, attendee, party, session, member } = service.entities;

  return async (q: DeliveryContextQuery): Promise<DeliveryContext> => {
    const { orgId } = q;
    const items = await batchGet(
      client,
      table,
      [
        keyOf(session.get({ orgId, sessionId: q.sessionId }).params()),
        ...(q.userId ? [keyOf(notificationPreference.get({ orgId, userId: q.userId }).params())] : []),
        q.recipient.kind === 'party'
          ? keyOf(party.get({ orgId, partyId: q.recipient.id }).params())
          : q.recipient.kind === 'user'
            ? keyOf(member.get({ orgId, userId: q.recipient.id }).params())
            : keyOf(attendee.get({ orgId, attendeeId: q.recipient.id }).params()),
      ],
      { consistent: false },
    );
    const preferences = parsed<PreferenceItem>(items, notificationPreference, 'notificationPreference');
    const leaderId = parsed<EntityItem<typeof party>>(items, party, 'party')?.leaderId;
    // A user recipient (announcements) is reached at their member record's email, if a member.
    const asMember =
      q.recipient.kind === 'user' ? parsed<EntityItem<typeof member>>(items, member, 'member') : undefined;
    const contact = asMember
      ? { email: asMember.email, phone: null }
      : leaderId
        ? (await attendee.get({ orgId, attendeeId: leaderId }).go()).data
        : parsed<EntityItem<typeof attendee>>(items, attendee, 'attendee');
    return {
      preferences: preferences ? toPreferences(preferences) : undefined,
      contact: { email: contact?.email ?? null, phone: contact?.phone ?? null },
      timeZone: parsed<EntityItem<typeof session>>(items, session, 'session')?.timezone,
    };
  };
};
