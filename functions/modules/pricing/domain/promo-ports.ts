import type { Page, PageRequest } from '../../../kernel/domain/types.js';
import type { PromoCode, RedemptionRefusal } from './promo-model.js';

/** An event's promo codes, as organizers set them up. */
export interface PromoCodeStore {
  /**
   * Puts the code if its event exists and is not being deleted (checked in the same transaction).
   * Throws PROMO_CODE_EXISTS when the event has the code, NOT_FOUND or EVENT_DELETING.
   */
  create(promo: PromoCode): Promise<void>;
  get(orgId: string, eventId: string, code: string): Promise<PromoCode | undefined>;
  /** The event's codes in code order. */
  list(orgId: string, eventId: string, page: PageRequest): Promise<Page<PromoCode>>;
  /**
   * Writes the terms of `next` (never `used`, which redemptions move meanwhile) if the code is still
   * at `current.updatedAt` and its live uses fit `next.maxUses`; answers the code as written.
   * Throws NOT_FOUND, PROMO_CODE_IN_USE (details.field `maxUses`) or CONFLICT.
   */
  update(current: PromoCode, next: PromoCode): Promise<PromoCode>;
  /**
   * Deletes the code if no live redemption holds it (`used` = 0), with what is left of its per-person
   * counts and unfinished redemption records. Throws PROMO_CODE_IN_USE; false when it was gone (what
   * a deletion that died half-way left is removed then too).
   */
  remove(orgId: string, eventId: string, code: string): Promise<boolean>;
  /**
   * Deletes up to about `limit` items of the event's codes (each code's redemption records and
   * per-person counts, then the code); answers how many, fewer than `limit` when none are left.
   */
  purgeEvent(orgId: string, eventId: string, limit: number): Promise<number>;
}

export interface RedeemInput {
  orgId: string;
  eventId: string;
  /** As the client typed it: any case. */
  code: string;
  /** The attendee (or party) the booking is for: whose per-person limit the use counts against. */
  personKey: string;
  /** The booking that redeems the code: one use per booking, however often it is asked. */
  bookingId: string;
  /** The instant the validity window is checked at (ISO 8601). */
  at: string;
}

export type ReleaseInput = Omit<RedeemInput, 'at'>;

export type RedeemOutcome = { ok: true; promo: PromoCode } | { ok: false; reason: RedemptionRefusal };

/**
 * The uses of promo codes, called by the booking path before its transaction. A code is shared by
 * every session of its event, so it is never an item of a booking's transaction: each step here is
 * a single conditional write of its own.
 */
export interface PromoRedemptions {
  /**
   * One use of the code by `bookingId`: its redemption record (created once), the person's count
   * (below `maxUsesPerPerson`), then the code's count (below `maxUses`, while active and in its
   * window), each a conditional write; a refused step takes back the earlier ones. Asked again for
   * the same booking it answers ok without counting again (an interrupted try is finished).
   */
  redeem(input: RedeemInput): Promise<RedeemOutcome>;
  /**
   * Gives a booking's use back (it expired, was cancelled or its transaction failed): one
   * transaction deleting its redemption record and returning both counts. True when this call gave
   * it back; false when the booking held no use of the code (a second call does nothing).
   */
  release(input: ReleaseInput): Promise<boolean>;
}

/**
 * Which of the category ids a code names are not ticket categories of its event. The seam where
 * the event's categories are read (CategoryStore, through `categoryCheckOver`).
 */
export interface PromoCategoryCheck {
  unknownIds(orgId: string, eventId: string, categoryIds: readonly string[]): Promise<string[]>;
}
