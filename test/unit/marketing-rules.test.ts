import { describe, expect, it } from 'vitest';
import type { Campaign, InfluencerCampaign } from '../../functions/modules/marketing/domain/model.js';
import {
  assertPeriod,
  campaignResults,
  newTrackingCode,
  trackedLink,
} from '../../functions/modules/marketing/domain/rules.js';

/** Marketing's pure rules: codes, tracked links, periods, and a campaign's results. */

const campaign = {
  campaignId: 'mkc_1',
  trackingCode: 'SPRING',
  budget: { amountMinor: 10_000, currency: 'EUR' },
} as Campaign;

const influencer = (amountMinor: number, status: InfluencerCampaign['status']) =>
  ({ fee: { amountMinor, currency: 'EUR' }, status }) as InfluencerCampaign;

describe('marketing rules', () => {
  it('makes readable codes and puts the code on a link, replacing one already there', () => {
    expect(newTrackingCode()).toMatch(/^MK-[A-HJKMNP-Z2-9]{8}$/);
    expect(trackedLink('https://x.example/a?trackingCode=OLD&b=1', 'SPRING')).toBe(
      'https://x.example/a?trackingCode=SPRING&b=1',
    );
  });

  it('refuses a period that does not end after it starts, naming endsAt', () => {
    expect(() => assertPeriod('2030-01-02T00:00:00Z', '2030-01-01T00:00:00Z')).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
    expect(() => assertPeriod('2030-01-01T00:00:00Z', '2030-01-02T00:00:00Z')).not.toThrow();
  });

  it("counts only the code's bookings, their money less refunds, and the cost per confirmed booking", () => {
    const bookings = [
      { bookingId: 'b1', status: 'confirmed', seats: 2, trackingCode: 'SPRING' },
      { bookingId: 'b2', status: 'confirmed', seats: 1, trackingCode: 'SPRING' },
      { bookingId: 'b3', status: 'cancelled', seats: 4, trackingCode: 'SPRING' },
      { bookingId: 'b4', status: 'confirmed', seats: 3, trackingCode: 'OTHER' },
      { bookingId: 'b5', status: 'confirmed', seats: 3 },
    ];
    const order = (bookingId: string, paidAmount: number, refundedAmount = 0) => ({
      bookingId,
      paidAmount,
      refundedAmount,
      quote: { currency: 'EUR' },
    });
    const orders = [order('b1', 5_000), order('b3', 4_000, 4_000), order('b4', 9_000), order('b2', 0)];
    const results = campaignResults(
      campaign,
      [influencer(5_000, 'agreed'), influencer(7_000, 'cancelled')],
      bookings,
      orders,
      new Date('2030-01-01T00:00:00Z'),
    );
    expect(results.bookings).toEqual({ total: 3, byStatus: { confirmed: 2, cancelled: 1 }, places: 3 });
    expect(results.revenue).toEqual([{ amountMinor: 5_000, currency: 'EUR' }]);
    expect(results.cost).toEqual([{ amountMinor: 15_000, currency: 'EUR' }]);
    expect(results.costPerBooking).toEqual([{ amountMinor: 7_500, currency: 'EUR' }]);
    expect(campaignResults(campaign, [], [], [], new Date()).costPerBooking).toBeNull();
  });
});
