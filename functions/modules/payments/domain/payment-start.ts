import type { AccessDeps } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound, validationFailed } from '../../../kernel/domain/errors.js';
import { newId } from '../../../kernel/domain/ids.js';
import type { Principal } from '../../../kernel/domain/types.js';
import { type Booking, type BookingRef, readOwnBooking } from '../../bookings/index.js';
import type { PaymentOrder, ProviderName } from './model.js';
import type { Checkout, PaymentProvider } from './ports.js';
import { bookingQuote } from './quote.js';

export interface StartPaymentInput {
  provider: ProviderName;
}

export interface PaymentStart {
  order: PaymentOrder;
  checkout: Checkout;
}

const nothingToPay = (booking: Booking, why: string) =>
  new DomainError('NOTHING_TO_PAY', why, { status: booking.status, paymentStatus: booking.paymentStatus });

/** Only a held booking waiting for its payment has something to pay. */
const assertPayable = (booking: Booking, now: Date): void => {
  if (booking.status === 'held' && booking.paymentStatus === 'pending') {
    if (booking.holdExpiresAt && Date.parse(booking.holdExpiresAt) <= now.getTime()) {
      throw new DomainError('HOLD_EXPIRED', `the hold ran out at ${booking.holdExpiresAt}`, {
        holdExpiresAt: booking.holdExpiresAt,
      });
    }
    return;
  }
  if (booking.paymentStatus === 'paid') throw nothingToPay(booking, 'the booking is paid');
  throw nothingToPay(booking, `the booking is ${booking.status} and waits for no payment`);
};

const providerFor = (
  deps: Pick<Deps, 'paymentProviders'>,
  wanted: ProviderName | undefined,
): ProviderName => {
  const enabled = deps.paymentProviders.enabled();
  const chosen = wanted ?? enabled[0];
  if (!chosen || !enabled.includes(chosen)) {
    throw validationFailed([
      {
        field: 'provider',
        message: `must be one of the providers turned on: ${enabled.join(', ') || 'none'}`,
      },
    ]);
  }
  return chosen;
};

/** The order of a held booking, priced now from the event's price and the organizer's tax. */
const newOrder = async (
  deps: Pick<Deps, 'clock' | 'events' | 'orgs' | 'paymentPolicy'>,
  booking: Booking,
  provider: ProviderName,
): Promise<PaymentOrder> => {
  const [event, org] = await Promise.all([
    deps.events.get(booking.orgId, booking.eventId),
    deps.orgs.get(booking.orgId),
  ]);
  if (!event || !org) throw notFound('event');
  const tax = org.settings.tax;
  const priced = bookingQuote(
    booking,
    event,
    tax ? { name: tax.name, ratePercent: tax.ratePercent, number: tax.number ?? null } : null,
    deps.paymentPolicy.fee,
  );
  if (!priced) throw nothingToPay(booking, 'what it booked is free');
  const at = deps.clock.now().toISOString();
  return {
    orgId: booking.orgId,
    sessionId: booking.sessionId,
    bookingId: booking.bookingId,
    eventId: booking.eventId,
    orderId: newId('pay'),
    provider,
    quote: priced,
    status: 'pending',
    providerOrderId: null,
    paidAmount: 0,
    refundedAmount: 0,
    refundPending: 0,
    failureReason: null,
    expiresAt: booking.holdExpiresAt ?? at,
    review: null,
    refundOwedSince: null,
    createdAt: at,
    updatedAt: at,
  };
};

/** Makes the provider's side of an order that has none yet (again after a crash: same order id). */
const withCheckout = async (
  deps: Pick<Deps, 'clock' | 'payments'>,
  provider: PaymentProvider,
  order: PaymentOrder,
): Promise<PaymentStart> => {
  if (order.providerOrderId !== null) {
    return {
      order,
      checkout: await provider.checkoutOf({ ...order, providerOrderId: order.providerOrderId }),
    };
  }
  const checkout = await provider.createCheckout(order);
  const at = deps.clock.now().toISOString();
  const stored = await deps.payments.setProviderOrder(order, checkout.providerOrderId, at);
  return { order: stored, checkout };
};

/** Reads the booking and its event, prices and stores the order, and asks the provider. */
type StartDeps = Pick<
  Deps,
  'bookings' | 'clock' | 'events' | 'paymentPolicy' | 'paymentProviders' | 'payments'
> &
  AccessDeps;

/**
 * The booking's owner (or staff) asks how to pay a held booking: one payment order per booking,
 * made on the first call and answered again on every later one (with the provider of the first).
 */
export const startPayment = async (
  deps: StartDeps,
  principal: Principal,
  ref: BookingRef,
  input: StartPaymentInput,
): Promise<PaymentStart> => {
  const { booking } = await readOwnBooking(deps, principal, ref, 'booking.manage');
  const existing = await deps.payments.getOrder(ref);
  if (!existing) assertPayable(booking, deps.clock.now());
  const order =
    existing ??
    (await deps.payments.createOrder(await newOrder(deps, booking, providerFor(deps, input.provider))));
  if (order.status !== 'pending' && order.status !== 'failed') {
    throw nothingToPay(booking, `the payment order is ${order.status}`);
  }
  return withCheckout(deps, await deps.paymentProviders.get(order.provider), order);
};
