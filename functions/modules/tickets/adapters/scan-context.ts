import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EntityItem } from 'electrodb';
import { batchGet, keyOf, type ParsingEntity, parsedItemOf } from '../../../kernel/dynamo/batch-get.js';
import { boundedMap } from '../../../kernel/dynamo/bounded-map.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { toBooking } from '../../bookings/index.js';
import { toEvent, toSession } from '../../catalog/index.js';
import { toTeamPlace } from '../../teams/index.js';
import { displayName } from '../domain/model.js';
import type { ScanContext, ScanContextQuery } from '../domain/ports.js';
import { toAdmission, toScan } from './admission-store.js';

/**
 * A scan's reads in one BatchGetItem, strongly consistent: the organization, the caller's
 * membership, the session, its event and the caller's place on its team, the nonce's scan record,
 * and, for a code, the booking and the ticket's admission and its attendee (a code names them).
 * Each DynamoDB call costs more CPU than the rest of a scan, so a door scan makes two: this read
 * and the transaction. The event's key comes from the session: the link never changes (a session's
 * `eventId` is read-only), so it is kept in memory and only the first scan of a session in a
 * container reads the event and the team place separately (together).
 */
const eventOfSession = boundedMap<string>();

export const scanContextReader = (service: EventlyService, client: DynamoDBDocumentClient, table: string) => {
  const { organization, member, session, event, teamPlace, checkinScan, booking, admission, attendee } =
    service.entities;
  return async (q: ScanContextQuery): Promise<ScanContext> => {
    const sessionKey = `${q.orgId}#${q.sessionId}`;
    const knownEventId = eventOfSession.get(sessionKey);
    const ref = { orgId: q.orgId, sessionId: q.sessionId };
    const keys = [
      keyOf(organization.get({ orgId: q.orgId }).params()),
      keyOf(member.get({ orgId: q.orgId, userId: q.userId }).params()),
      keyOf(session.get(ref).params()),
      keyOf(checkinScan.get({ ...ref, nonce: q.nonce }).params()),
      ...(knownEventId
        ? [
            keyOf(event.get({ orgId: q.orgId, eventId: knownEventId }).params()),
            keyOf(teamPlace.get({ orgId: q.orgId, eventId: knownEventId, userId: q.userId }).params()),
          ]
        : []),
      ...(q.ticket
        ? [
            keyOf(booking.get({ ...ref, bookingId: q.ticket.bookingId }).params()),
            keyOf(admission.get(q.ticket.ref).params()),
            ...(q.ticket.attendeeId
              ? [keyOf(attendee.get({ orgId: q.orgId, attendeeId: q.ticket.attendeeId }).params())]
              : []),
          ]
        : []),
    ];
    const items = await batchGet(client, table, keys, { consistent: true });
    const parse = <T>(entity: ParsingEntity<T>, name: string) => parsedItemOf(items, entity, name);
    const s = parse<EntityItem<typeof session>>(session, 'session');
    let e = parse<EntityItem<typeof event>>(event, 'event');
    let place = parse<EntityItem<typeof teamPlace>>(teamPlace, 'teamPlace');
    if (s && s.eventId !== knownEventId) {
      eventOfSession.set(sessionKey, s.eventId);
      const eventKey = { orgId: q.orgId, eventId: s.eventId };
      const [read, placed] = await Promise.all([
        event.get(eventKey).go({ consistent: true }),
        teamPlace.get({ ...eventKey, userId: q.userId }).go({ consistent: true }),
      ]);
      e = read.data ?? undefined;
      place = placed.data ?? undefined;
    }
    const m = parse<EntityItem<typeof member>>(member, 'member');
    const scan = parse<EntityItem<typeof checkinScan>>(checkinScan, 'checkinScan');
    const b = parse<EntityItem<typeof booking>>(booking, 'booking');
    const a = parse<EntityItem<typeof admission>>(admission, 'admission');
    const org = parse<EntityItem<typeof organization>>(organization, 'organization');
    const who = parse<EntityItem<typeof attendee>>(attendee, 'attendee');
    return {
      org: org ? { status: org.status } : undefined,
      member: m ? { role: m.role, status: m.status } : undefined,
      place: place ? toTeamPlace(place) : undefined,
      session: s ? toSession(s) : undefined,
      event: e ? toEvent(e) : undefined,
      scan: scan ? toScan(scan) : undefined,
      booking: b ? toBooking(b) : undefined,
      admission: a ? toAdmission(a) : undefined,
      attendee: who ? { attendeeId: who.attendeeId, name: displayName(who) } : undefined,
    };
  };
};
