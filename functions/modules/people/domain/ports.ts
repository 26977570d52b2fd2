import type { Page, PageRequest } from '../../../kernel/domain/types.js';
import type { Attendee, Party, UniqueField } from './model.js';

/**
 * Ports of attendees and parties. Uniqueness (one attendee per email, phone and user in an
 * organization) and party membership (an attendee in at most one party) are enforced by
 * conditions inside each write transaction, never by a read before the write.
 */

/** A party as read and as it must be after a change (both states of the same party). */
export interface PartyChange {
  before: Party;
  after: Party;
}

export interface AttendeeStore {
  /** Throws ATTENDEE_EXISTS (naming the field and the attendee holding it) on a duplicate. */
  create(attendee: Attendee): Promise<void>;
  get(orgId: string, attendeeId: string): Promise<Attendee | undefined>;
  /** Looks an attendee up by a unique field; `email` must be normalized. */
  findBy(orgId: string, field: UniqueField, value: string): Promise<Attendee | undefined>;
  list(orgId: string, page: PageRequest): Promise<Page<Attendee>>;
  /**
   * Writes `next` if the attendee's unique fields are still as in `current`, moving their unique
   * values. Throws ATTENDEE_EXISTS, NOT_FOUND or CONFLICT.
   */
  update(current: Attendee, next: Attendee): Promise<void>;
  /** Deletes the attendee and its unique values; with `party`, also writes its party without it. */
  remove(attendee: Attendee, party?: PartyChange): Promise<void>;
  purgeOrg(orgId: string, limit: number): Promise<number>;
  /** The attendees linked to `userId`, in every organization (the user index of the unique values). */
  listByUser(userId: string, page: PageRequest): Promise<Page<Attendee>>;
  /**
   * Erases what the attendee says of their user (names become `anonymous`; email, phone, gender and
   * the user link go, with their unique values), conditional on the record still being that
   * user's. Bookings and parties keep the attendee id. Throws CONFLICT when it changed meanwhile.
   */
  anonymize(attendee: Attendee, at: string): Promise<void>;
  /**
   * Adds `tag` to the attendee's set of tags (an automation's action): `present` when it was
   * there already, `full` when the attendee has `max` others, `missing` when there is no attendee.
   */
  addTag(
    orgId: string,
    attendeeId: string,
    tag: string,
    max: number,
  ): Promise<'added' | 'present' | 'full' | 'missing'>;
}

export interface PartyStore {
  /** Puts the party and sets `partyId` on each member; throws NOT_FOUND or ALREADY_IN_PARTY. */
  create(party: Party): Promise<void>;
  get(orgId: string, partyId: string): Promise<Party | undefined>;
  list(orgId: string, page: PageRequest): Promise<Page<Party>>;
  /**
   * Writes `after` if the party is still at `before.version`, and sets or clears `partyId` on each
   * attendee who joins or leaves. Throws CONFLICT (details.stale) when the party changed meanwhile,
   * NOT_FOUND or ALREADY_IN_PARTY for a joining attendee.
   */
  save(change: PartyChange): Promise<Party>;
  /** Deletes the party and clears `partyId` on its members; the attendees stay. */
  remove(party: Party, at: string): Promise<void>;
  purgeOrg(orgId: string, limit: number): Promise<number>;
}
