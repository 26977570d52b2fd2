import { DomainError } from '../../../kernel/domain/errors.js';

/**
 * Promo codes: a discount an event's organizers hand out by code, with limits on its uses (in
 * total and per person), a validity window and the ticket categories it applies to. Times are
 * ISO 8601 instants in UTC (`toISOString` form), so that they compare as strings.
 */

export type PromoKind = 'percent' | 'fixed';
export type PromoStatus = 'active' | 'disabled';

export interface PromoCode {
  orgId: string;
  eventId: string;
  /** Upper case, 3-32 of A-Z, 0-9, `_` and `-`; unique in its event. */
  code: string;
  kind: PromoKind;
  /** `percent` codes: 0 < percent <= 100, at most 2 decimals; null for `fixed` codes. */
  percent: number | null;
  /** `fixed` codes: minor units off each ticket (a whole number > 0); null for `percent` codes. */
  amountMinor: number | null;
  /** The ticket categories the discount applies to; null: every category. */
  categoryIds: string[] | null;
  /** Live redemptions the code allows in total; null: no limit. */
  maxUses: number | null;
  /** Live redemptions one person (attendee or party) may hold; null: no limit. */
  maxUsesPerPerson: number | null;
  /** Redeemable from this instant (inclusive); null: from its creation. */
  validFrom: string | null;
  /** Redeemable until this instant (exclusive); null: without end. */
  validUntil: string | null;
  status: PromoStatus;
  /** Live redemptions: bookings holding the code that have not expired, been cancelled or failed. */
  used: number;
  createdAt: string;
  updatedAt: string;
}

/** Why a code cannot be redeemed (by a booking that does not hold it yet). */
export type RedemptionRefusal =
  | 'NOT_FOUND'
  | 'INACTIVE'
  | 'NOT_YET_VALID'
  | 'EXPIRED'
  | 'USED_UP'
  | 'PERSON_LIMIT';

const codeShape = /^[A-Z0-9_-]{3,32}$/;

/**
 * A code as stored: trimmed and upper case, or null when it cannot be a code at all (a client
 * types codes in any case; they compare case-insensitively).
 */
export const normalizePromoCode = (code: string): string | null => {
  const upper = code.trim().toUpperCase();
  return codeShape.test(upper) ? upper : null;
};

export const promoCodeExists = (code: string): DomainError =>
  new DomainError('PROMO_CODE_EXISTS', `the event already has the promo code ${code}`, {
    code,
    errors: [{ field: 'code', message: 'the event already has this code' }],
  });

/** Live uses hold a code: it cannot be deleted (disable it instead), nor limited below them. */
export const promoCodeInUse = (code: string, used: number, field?: 'maxUses'): DomainError =>
  field
    ? new DomainError('PROMO_CODE_IN_USE', `maxUses cannot go below the ${used} live uses of ${code}`, {
        code,
        used,
        field,
        errors: [{ field, message: `must be at least the ${used} live uses` }],
      })
    : new DomainError(
        'PROMO_CODE_IN_USE',
        `${used} live bookings hold the promo code ${code}: disable it instead (status disabled)`,
        { code, used },
      );
