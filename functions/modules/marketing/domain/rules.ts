import { randomInt } from 'node:crypto';
import { validationFailed } from '../../../kernel/domain/errors.js';
import {
  type Campaign,
  type CampaignResults,
  feeCounts,
  type InfluencerCampaign,
  type Money,
} from './model.js';

/** Pure rules of marketing: tracking codes, tracked links, periods and a campaign's results. */

/** Letters and digits that cannot be misread (no 0/O, 1/I/L). */
const codeAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A tracking code as stored and compared: the given one in upper case. */
export const normalTrackingCode = (code: string): string => code.trim().toUpperCase();

/** `MK-` and 8 characters: about 40 bits, and a clash is refused by the claim, then tried again. */
export const newTrackingCode = (): string => {
  let out = 'MK-';
  for (let i = 0; i < 8; i++) out += codeAlphabet[randomInt(codeAlphabet.length)];
  return out;
};

/** The query parameter a post's link carries the code in (the booking request's field is named alike). */
export const trackingParam = 'trackingCode';

/** The link with the campaign's code as a query parameter (replacing one already there). */
export const trackedLink = (link: string, code: string): string => {
  const url = new URL(link);
  url.searchParams.set(trackingParam, code);
  return url.toString();
};

/** A period ends after it starts; a refusal names `endsAt`. */
export const assertPeriod = (startsAt: string, endsAt: string): void => {
  if (new Date(endsAt).getTime() <= new Date(startsAt).getTime())
    throw validationFailed([{ field: 'endsAt', message: 'must be after startsAt' }]);
};

/** Amounts added up per currency, in the order the currencies first appear. */
export const sumByCurrency = (amounts: readonly Money[]): Money[] => {
  const totals = new Map<string, number>();
  for (const { amountMinor, currency } of amounts)
    totals.set(currency, (totals.get(currency) ?? 0) + amountMinor);
  return [...totals].map(([currency, amountMinor]) => ({ amountMinor, currency }));
};

/** What results read of a booking and of a payment order (the bookings' and payments' own types fit). */
export interface TrackedBooking {
  bookingId: string;
  status: string;
  seats: number;
  trackingCode?: string | undefined;
}
export interface TrackedOrder {
  bookingId: string;
  paidAmount: number;
  refundedAmount: number;
  quote: { currency: string };
}

/**
 * A campaign's results from the event's bookings and orders: the bookings that carry its code,
 * by status; their places (live ones: held and confirmed); the money their orders received less
 * refunds; the cost (budget and the fees of influencer agreements not cancelled); and the cost
 * per confirmed booking, rounded to the minor unit.
 */
export const campaignResults = (
  campaign: Campaign,
  influencers: readonly InfluencerCampaign[],
  bookings: readonly TrackedBooking[],
  orders: readonly TrackedOrder[],
  now: Date,
): CampaignResults => {
  const tracked = bookings.filter((b) => b.trackingCode === campaign.trackingCode);
  const ids = new Set(tracked.map((b) => b.bookingId));
  const byStatus: Record<string, number> = {};
  for (const b of tracked) byStatus[b.status] = (byStatus[b.status] ?? 0) + 1;
  const places = tracked
    .filter((b) => b.status === 'held' || b.status === 'confirmed')
    .reduce((n, b) => n + b.seats, 0);
  const revenue = sumByCurrency(
    orders
      .filter((o) => ids.has(o.bookingId) && o.paidAmount > 0)
      .map((o) => ({ amountMinor: o.paidAmount - o.refundedAmount, currency: o.quote.currency })),
  );
  const cost = sumByCurrency([
    campaign.budget,
    ...influencers.filter((i) => feeCounts(i.status)).map((i) => i.fee),
  ]);
  const confirmed = byStatus.confirmed ?? 0;
  return {
    campaignId: campaign.campaignId,
    trackingCode: campaign.trackingCode,
    bookings: { total: tracked.length, byStatus, places },
    revenue,
    cost,
    costPerBooking:
      confirmed > 0
        ? cost.map((c) => ({ amountMinor: Math.round(c.amountMinor / confirmed), currency: c.currency }))
        : null,
    computedAt: now.toISOString(),
  };
};

/** The last 4 characters of a token and a digest prefix: stored instead of the token. */
export const tokenMarks = (token: string, digest: (text: string) => string) => ({
  last4: token.slice(-4),
  fingerprint: digest(token).slice(0, 16),
});
