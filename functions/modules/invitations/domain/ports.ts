import type { Page, PageRequest } from '../../../kernel/domain/types.js';
import type { EventInvite, EventPass, JoinRequest, JoinRequestStatus, RequestCounts } from './model.js';

/** Why a link gave no pass: it was revoked, has expired, or every use is taken. */
export type RedeemRefusal = 'revoked' | 'expired' | 'used-up';

export interface EventInviteStore {
  create(invite: EventInvite): Promise<void>;
  get(orgId: string, eventId: string, inviteId: string): Promise<EventInvite | undefined>;
  list(orgId: string, eventId: string, page: PageRequest): Promise<Page<EventInvite>>;
  /** Marks the invite revoked (passes it gave stay). */
  revoke(invite: EventInvite, at: string): Promise<void>;
  /**
   * Gives `pass` through the invite in one transaction: the pass where the holder has none, and
   * (a link) one use counted while `uses < maxUses`, the invite active and not expired at `at`.
   * The holder's existing pass (a retry, or a pass given before) is answered as it is, counting
   * nothing.
   */
  givePass(
    invite: EventInvite,
    pass: EventPass,
    at: string,
  ): Promise<{ pass: EventPass } | { refused: RedeemRefusal }>;
  /**
   * Removes the email and phone of up to `limit` direct invites to the attendee (an account's
   * erasure); each leaves the attendee's index. True when more may be left.
   */
  eraseContactsOf(orgId: string, attendeeId: string, limit: number): Promise<boolean>;
  /** Deletes up to `limit` invites and passes of the event (cascade deletes); fewer means none are left. */
  purgeEvent(orgId: string, eventId: string, limit: number): Promise<number>;
}

export interface EventPassStore {
  get(orgId: string, eventId: string, attendeeId: string): Promise<EventPass | undefined>;
}

export interface JoinRequestStore {
  /** Writes the request and its attendee's open-request mark; false when one is open already. */
  create(request: JoinRequest): Promise<boolean>;
  get(orgId: string, sessionId: string, requestId: string): Promise<JoinRequest | undefined>;
  list(
    orgId: string,
    sessionId: string,
    status: JoinRequestStatus | undefined,
    page: PageRequest,
  ): Promise<Page<JoinRequest>>;
  /** How many requests of the session are in each status (strongly consistent, every page). */
  counts(orgId: string, sessionId: string): Promise<RequestCounts>;
  /**
   * Replaces `current` by `next` if its status is still `current.status`, with the attendee's
   * notification; an ending status also frees the attendee's open-request mark. False when it moved.
   */
  decide(current: JoinRequest, next: JoinRequest): Promise<boolean>;
  /**
   * Removes `message` and `hostMessage` of up to `limit` requests of the attendee (an account's
   * erasure); each leaves the attendee's index. True when more may be left.
   */
  eraseMessagesOf(orgId: string, attendeeId: string, limit: number): Promise<boolean>;
}
