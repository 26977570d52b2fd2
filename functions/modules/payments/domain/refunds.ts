import type { AccessDeps } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound, validationFailed } from '../../../kernel/domain/errors.js';
import type { Principal } from '../../../kernel/domain/types.js';
import { type BookingRef, readOwnBooking } from '../../bookings/index.js';
import type { PaymentOrder, RefundRequest } from './model.js';
import { refundOrder } from './refund-flow.js';

export interface RefundInput {
  requestId: string;
  amountMinor?: number | undefined;
  reason?: string | undefined;
}

export interface RefundAnswer {
  refund: RefundRequest;
  order: PaymentOrder;
}

type RefundDeps = Pick<
  Deps,
  'bookings' | 'clock' | 'events' | 'paymentProviders' | 'payments' | 'receipts' | 'sessions'
> &
  AccessDeps;

/** An attendee's own refund: the whole booking, and only until the event's refund cutoff. */
const assertAttendeeMay = async (deps: RefundDeps, ref: BookingRef, eventId: string, input: RefundInput) => {
  if (input.amountMinor !== undefined) {
    throw validationFailed([{ field: 'amountMinor', message: 'attendees are refunded the whole booking' }]);
  }
  const [session, event] = await Promise.all([
    deps.sessions.get(ref.orgId, ref.sessionId),
    deps.events.get(ref.orgId, eventId),
  ]);
  if (!session || !event) throw notFound('session');
  const cutoff = Date.parse(session.startsAt) - event.settings.refundCutoffMinutes * 60_000;
  if (deps.clock.now().getTime() > cutoff) {
    throw new DomainError(
      'CANCEL_CUTOFF_PASSED',
      `refunds can be asked until ${event.settings.refundCutoffMinutes} minutes before the session; ask the organizer`,
      { cutoffAt: new Date(cutoff).toISOString() },
    );
  }
};

/**
 * Refunds a paid booking: staff any amount at any time; the booking's owner the whole of it until
 * the event's refund cutoff. A full refund cancels a confirmed booking and offers its places to the
 * waitlist. The same `requestId` asked again refunds once and answers the same refund.
 */
export const refundBooking = async (
  deps: RefundDeps,
  principal: Principal,
  ref: BookingRef,
  input: RefundInput,
): Promise<RefundAnswer> => {
  const { booker, booking } = await readOwnBooking(deps, principal, ref, 'booking.manage');
  if (booker.kind === 'self' && !(await deps.payments.getRefund(ref, input.requestId))) {
    await assertAttendeeMay(deps, ref, booking.eventId, input);
  }
  const refund = await refundOrder(deps, ref, {
    requestId: input.requestId,
    amount: input.amountMinor ?? 'rest',
    reason: input.reason ?? (booker.kind === 'staff' ? 'refunded by staff' : 'cancelled by the attendee'),
    by: principal.sub,
  });
  const order = await deps.payments.getOrder(ref);
  if (!order) throw notFound('payment order');
  return { refund, order };
};
