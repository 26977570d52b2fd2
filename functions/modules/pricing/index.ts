/** The pricing module's entry: what other modules may use of it. */
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
