import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, validationFailed } from '../../../kernel/domain/errors.js';
import type { Event } from '../../catalog/index.js';
import {
  type BookingTicket,
  type DiscountInput,
  discountOf,
  priceQuote,
  type RedemptionRefusal,
  ticketLinesOf,
} from '../../pricing/index.js';

/**
 * A booking's promo code: one use counted (pricing's redemptions: single conditional writes, as a
 * code is shared by every session of its event) before the booking's transaction, and given back
 * when that transaction does not commit. The booking keeps the discount as it stood.
 */

const refusals: Record<RedemptionRefusal, () => DomainError> = {
  NOT_FOUND: () => validationFailed([{ field: 'promoCode', message: 'is not a promo code of this event' }]),
  INACTIVE: () => validationFailed([{ field: 'promoCode', message: 'is switched off' }]),
  NOT_YET_VALID: () => validationFailed([{ field: 'promoCode', message: 'is not valid yet' }]),
  EXPIRED: () => validationFailed([{ field: 'promoCode', message: 'has expired' }]),
  USED_UP: () => new DomainError('PROMO_CODE_USED_UP', 'the promo code has been used as often as it may'),
  PERSON_LIMIT: () =>
    new DomainError('PROMO_CODE_USED_UP', 'the promo code has been used as often as one person may', {
      perPerson: true,
    }),
};

export interface PromoUse {
  orgId: string;
  eventId: string;
  code: string;
  /** The attendee or party the booking is for. */
  personKey: string;
  bookingId: string;
  at: string;
}

/** The discount of `use.code` on what the booking buys, its use counted; refused with the reason. */
export const redeemPromo = async (
  deps: Pick<Deps, 'promoRedemptions'>,
  use: PromoUse,
  bought: { seats: number; tickets: readonly BookingTicket[] },
  event: Pick<Event, 'price'>,
): Promise<DiscountInput> => {
  const outcome = await deps.promoRedemptions.redeem(use);
  if (!outcome.ok) throw refusals[outcome.reason]();
  const discount = discountOf(outcome.promo);
  const lines = ticketLinesOf(bought, event);
  const discounted =
    lines !== null &&
    priceQuote({ ...lines, discount, tax: null, fee: { basisPoints: 0, fixedMinor: 0 } }).lines.some(
      (l) => l.kind === 'discount' && l.amount < 0,
    );
  if (!discounted) {
    await deps.promoRedemptions.release(use);
    throw validationFailed([{ field: 'promoCode', message: 'takes nothing off what this booking buys' }]);
  }
  return discount;
};

/**
 * Runs the booking's write; a refusal (it surely did not commit) gives the code's use back. Any
 * other failure may have committed after all: the use then stays counted with the booking.
 */
export const withPromoGivenBack = async (
  deps: Pick<Deps, 'promoRedemptions'>,
  use: PromoUse | null,
  write: () => Promise<void>,
): Promise<void> => {
  try {
    await write();
  } catch (err) {
    if (use && err instanceof DomainError) await deps.promoRedemptions.release(use);
    throw err;
  }
};
