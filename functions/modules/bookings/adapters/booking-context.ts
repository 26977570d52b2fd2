import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EntityItem } from 'electrodb';
import { noteActorRole } from '../../../kernel/audit/audit-scope.js';
import { batchGet, keyOf, type ParsingEntity, parsedItemOf } from '../../../kernel/dynamo/batch-get.js';
import { boundedMap } from '../../../kernel/dynamo/bounded-map.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import type { Event, Session } from '../../catalog/index.js';
import { toEvent, toSession } from '../../catalog/index.js';
import { needsPass, toEventPass } from '../../invitations/index.js';
import { type CategoryCount, type TicketCategory, toCategory } from '../../pricing/index.js';
import type { BookingContext, BookingContextQuery } from '../domain/ports.js';

/**
 * The read of a booking: organization, the caller's membership, session, event, and the attendee
 * or party (plus the caller's own attendee link for a party) in one BatchGetItem, strongly
 * consistent. The event's key comes from the session, so it joins the batch once the session's
 * event id is known: the link never changes (a session's `eventId` is read-only), so it is kept in
 * memory and only the first booking of a session in a container reads the event separately.
 *
 * Each read is also remembered in the container, for self-service bookings that need no read at
 * all (`rememberedContext`): the booking transaction checks the session and the event's version
 * (on the session's counter, which the event's changes and the event's and organization's
 * deletion marks update) against what was read, and the attendee's link to the caller, so a remembered part that
 * went stale fails the transaction instead of being booked against; the booking then forgets it
 * and reads again. The caller is taken to book for themselves, the least a caller may do: staff
 * booking someone else's attendee fails that check and is read again, so callers last seen as
 * members of the organization go straight to the read.
 *
 * A private event, an event that admits by approval and one whose guest rules read the attendee's
 * gender are never booked on a remembered context: their booking needs the holder's pass (read
 * in the same batch once the session's event is known) or gender, which only a fresh read has.
 */

/** Whether a booking of the event needs what only a fresh read has (the pass, the gender). */
const needsFreshRead = (e: Event): boolean => needsPass(e) || e.settings.guestRules.allowedGenders !== null;

const eventOfSession = boundedMap<string>();
/** The session, event and categories the last read of a session found, in an active organization. */
const catalogOfSession = boundedMap<{
  session: Session;
  event: Event;
  categories: TicketCategory[];
  categoryCounts: ReadonlyMap<string, CategoryCount>;
}>();
/** Callers (`orgId#userId`) whose last read found them members of the organization. */
const members = boundedMap<true>();

const sessionKeyOf = (q: BookingContextQuery) => `${q.orgId}#${q.sessionId}`;
const callerKeyOf = (q: BookingContextQuery) => `${q.orgId}#${q.userId}`;

const rememberRead = (q: BookingContextQuery, ctx: BookingContext) => {
  if (ctx.member) members.set(callerKeyOf(q), true);
  else members.delete(callerKeyOf(q));
  if (ctx.orgStatus === 'active' && ctx.session && ctx.event) {
    const { session, event, categories, categoryCounts } = ctx;
    catalogOfSession.set(sessionKeyOf(q), { session, event, categories, categoryCounts });
  } else {
    catalogOfSession.delete(sessionKeyOf(q));
  }
};

export const rememberedContext = (q: BookingContextQuery): BookingContext | undefined => {
  if (!q.attendeeId || q.partyId) return undefined;
  const known = catalogOfSession.get(sessionKeyOf(q));
  if (!known || members.get(callerKeyOf(q)) || needsFreshRead(known.event)) return undefined;
  return {
    orgStatus: 'active',
    member: undefined,
    session: known.session,
    event: known.event,
    categories: known.categories,
    categoryCounts: known.categoryCounts,
    // Taken to be the caller's own: the transaction books it only if it is linked to them.
    attendee: { attendeeId: q.attendeeId, userId: q.userId },
    party: undefined,
    ownAttendeeId: undefined,
  };
};

export const forgetContext = (q: BookingContextQuery): void => {
  catalogOfSession.delete(sessionKeyOf(q));
};

export const bookingContextReader = (
  service: EventlyService,
  client: DynamoDBDocumentClient,
  table: string,
) => {
  const { organization, member, session, event, attendee, party, attendeeUnique, eventPass } =
    service.entities;
  const { ticketCategory, categoryCounter } = service.entities;

  /** The event's categories and the session's counters of them: two queries beside the batch. */
  const ticketingOf = async (orgId: string, eventId: string, sessionId: string) => {
    const [categories, counts] = await Promise.all([
      ticketCategory.query.byEvent({ orgId, eventId }).go({ consistent: true, pages: 'all' }),
      categoryCounter.query.bySession({ orgId, sessionId }).go({ consistent: true, pages: 'all' }),
    ]);
    return {
      categories: categories.data.map(toCategory).sort((x, y) => x.sortOrder - y.sortOrder),
      categoryCounts: new Map<string, CategoryCount>(
        counts.data.map((c) => [
          c.categoryId,
          { categoryId: c.categoryId, taken: c.taken, quota: c.quota, left: c.left },
        ]),
      ),
    };
  };

  /** The pass of `attendeeId` for the event, read alone (the event was not known before the batch). */
  const passOf = async (orgId: string, eventId: string, attendeeId: string) => {
    const { data } = await eventPass.get({ orgId, eventId, attendeeId }).go({ consistent: true });
    return data ? toEventPass(data) : undefined;
  };

  return async (q: BookingContextQuery): Promise<BookingContext> => {
    const sessionKey = sessionKeyOf(q);
    const knownEventId = eventOfSession.get(sessionKey);
    const keys = [
      keyOf(organization.get({ orgId: q.orgId }).params()),
      keyOf(member.get({ orgId: q.orgId, userId: q.userId }).params()),
      keyOf(session.get({ orgId: q.orgId, sessionId: q.sessionId }).params()),
      ...(knownEventId ? [keyOf(event.get({ orgId: q.orgId, eventId: knownEventId }).params())] : []),
      ...(q.attendeeId ? [keyOf(attendee.get({ orgId: q.orgId, attendeeId: q.attendeeId }).params())] : []),
      ...(knownEventId && q.attendeeId
        ? [keyOf(eventPass.get({ orgId: q.orgId, eventId: knownEventId, attendeeId: q.attendeeId }).params())]
        : []),
      ...(q.partyId
        ? [
            keyOf(party.get({ orgId: q.orgId, partyId: q.partyId }).params()),
            keyOf(attendeeUnique.get({ orgId: q.orgId, field: 'userId', value: q.userId }).params()),
          ]
        : []),
    ];
    const items = await batchGet(client, table, keys, { consistent: true });
    const parse = <T>(entity: ParsingEntity<T>, name: string) => parsedItemOf(items, entity, name);
    const org = parse<EntityItem<typeof organization>>(organization, 'organization');
    const m = parse<EntityItem<typeof member>>(member, 'member');
    if (m?.status === 'active') noteActorRole(m.userId, m.role);
    const s = parse<EntityItem<typeof session>>(session, 'session');
    let e = parse<EntityItem<typeof event>>(event, 'event');
    if (s && s.eventId !== knownEventId) {
      eventOfSession.set(sessionKey, s.eventId);
      e =
        (await event.get({ orgId: q.orgId, eventId: s.eventId }).go({ consistent: true })).data ?? undefined;
    }
    const a = parse<EntityItem<typeof attendee>>(attendee, 'attendee');
    const p = parse<EntityItem<typeof party>>(party, 'party');
    const own = parse<EntityItem<typeof attendeeUnique>>(attendeeUnique, 'attendeeUnique');
    const readPass = parse<EntityItem<typeof eventPass>>(eventPass, 'eventPass');
    const ev = e ? toEvent(e) : undefined;
    const batchHadPass =
      knownEventId !== undefined && q.attendeeId !== undefined && ev?.eventId === knownEventId;
    let pass = readPass && batchHadPass ? toEventPass(readPass) : undefined;
    let gender = a?.gender ?? null;
    const leaderId = p?.leaderId;
    if (ev && needsFreshRead(ev)) {
      // Read apart only when the batch could not hold it: the event was new here, or a party's
      // pass and gender are its leader's.
      const holderId = q.attendeeId ?? leaderId;
      if (holderId && !batchHadPass) pass = await passOf(q.orgId, ev.eventId, holderId);
      if (leaderId && !q.attendeeId) {
        const { data } = await attendee
          .get({ orgId: q.orgId, attendeeId: leaderId })
          .go({ consistent: true, attributes: ['gender'] });
        gender = data?.gender ?? null;
      }
    }
    // Two more queries only for an event that sells categories.
    const ticketing =
      s && ev && ev.categoryCount > 0
        ? await ticketingOf(q.orgId, ev.eventId, q.sessionId)
        : { categories: [], categoryCounts: new Map<string, CategoryCount>() };
    const ctx: BookingContext = {
      ...ticketing,
      orgStatus: org?.status,
      member: m ? { role: m.role, status: m.status } : undefined,
      session: s ? toSession(s) : undefined,
      event: ev,
      attendee: a ? { attendeeId: a.attendeeId, userId: a.userId ?? null } : undefined,
      party: p ? { ...p, leaderId: p.leaderId ?? null } : undefined,
      ownAttendeeId: own?.attendeeId,
      pass,
      gender,
    };
    rememberRead(q, ctx);
    return ctx;
  };
};
