/** The pricing module's entry: what other modules may use of it. */

export { toCategory } from './adapters/category-items.js';
export { categoryCounterMoves, categoryOfferTakes, categoryTakes } from './adapters/category-takes.js';
export { dynamoPromoRedemptions } from './adapters/promo-redemptions.js';
export { admissionLineName, costsSomething, ticketLinesOf } from './domain/booking-lines.js';
export { type CategoryCount, categoryRoom, type TicketCategory } from './domain/category-model.js';
export {
  type DiscountInput,
  type FeeSetting,
  feeLineName,
  type PriceQuoteInput,
  priceQuote,
  type Quote,
  type QuoteLine,
  type TaxSetting,
  type TicketLineInput,
} from './domain/price.js';
export { type PriceStep, type UnitPrice, unitPriceOf } from './domain/price-steps.js';
export { categoryCheckOver, type EventCategories } from './domain/promo-categories.js';
export { normalizePromoCode, type PromoCode, type RedemptionRefusal } from './domain/promo-model.js';
export type {
  PromoCategoryCheck,
  PromoRedemptions,
  RedeemInput,
  RedeemOutcome,
  ReleaseInput,
} from './domain/promo-ports.js';
export { appliesToCategory, discountOf } from './domain/promo-rules.js';
export {
  type BookingTicket,
  bookingTicketOf,
  type ChosenTicket,
  chooseTickets,
  type TicketRequest,
} from './domain/ticket-choice.js';
