import { describe, expect, it } from 'vitest';
import {
  type Deal,
  type DealStatus,
  dealMoves,
  dealStatuses,
  signedStatuses,
  statusAfterWork,
  workDone,
} from '../../functions/modules/sponsorships/domain/model.js';
import { sponsorIdOf } from '../../functions/modules/sponsorships/domain/signing.js';

/** The sponsorship flow's pure rules: the moves, the status a deal's work gives it, the sponsor's id. */

const deal = (status: DealStatus, counts: Partial<Deal> = {}): Deal => ({
  orgId: 'org_1',
  eventId: 'evt_1',
  dealId: 'spd_aaaaaaaaaaaaaaaaaaaa',
  packageId: 'spp_aaaaaaaaaaaaaaaaaaaa',
  companyName: 'Acme',
  contact: { name: null, email: null, phone: null },
  ownerId: 'u1',
  notes: null,
  amount: { amountMinor: 1, currency: 'EUR' },
  status,
  proposalSentAt: null,
  signedAt: null,
  closedAt: null,
  sponsorId: null,
  stepsTotal: 2,
  stepsCompleted: 0,
  activationsTotal: 1,
  activationsDelivered: 0,
  version: 1,
  createdAt: '',
  updatedAt: '',
  ...counts,
});

describe('the sponsorship deal flow', () => {
  it('runs prospect to activations_delivered, lost only before signing, cancelled only after', () => {
    expect(dealMoves).toEqual({
      prospect: ['proposal_sent', 'lost'],
      proposal_sent: ['contract_signed', 'lost'],
      contract_signed: ['onboarding', 'cancelled'],
      onboarding: ['activations_delivered', 'cancelled'],
      activations_delivered: [],
      lost: [],
      cancelled: [],
    });
    for (const from of dealStatuses) {
      if (dealMoves[from].includes('lost')) expect(signedStatuses).not.toContain(from);
      if (dealMoves[from].includes('cancelled')) expect(signedStatuses).toContain(from);
    }
  });

  it('starts onboarding with the first work done and delivers the deal when nothing is left', () => {
    expect(statusAfterWork(deal('contract_signed', { stepsCompleted: 1 }), true)).toBe('onboarding');
    // Reopening a step or scheduling moves nothing.
    expect(statusAfterWork(deal('contract_signed'), false)).toBe('contract_signed');
    expect(statusAfterWork(deal('onboarding', { stepsCompleted: 2 }), true)).toBe('onboarding');
    expect(statusAfterWork(deal('onboarding', { stepsCompleted: 2, activationsDelivered: 1 }), true)).toBe(
      'activations_delivered',
    );
    // Straight from signed when the last open item is done at once.
    expect(statusAfterWork(deal('contract_signed', { stepsTotal: 0, activationsDelivered: 1 }), true)).toBe(
      'activations_delivered',
    );
    // Statuses outside the work are left alone.
    expect(statusAfterWork(deal('cancelled', { stepsCompleted: 2, activationsDelivered: 1 }), true)).toBe(
      'cancelled',
    );
    expect(workDone({ stepsTotal: 0, stepsCompleted: 0, activationsTotal: 0, activationsDelivered: 0 })).toBe(
      true,
    );
  });

  it("derives the sponsor's id from the deal's: a conference sponsor id, the same every time", () => {
    const id = sponsorIdOf('spd_aaaaaaaaaaaaaaaaaaaa');
    expect(id).toMatch(/^spn_[0-9a-z]{20}$/);
    expect(sponsorIdOf('spd_aaaaaaaaaaaaaaaaaaaa')).toBe(id);
    expect(sponsorIdOf('spd_bbbbbbbbbbbbbbbbbbbb')).not.toBe(id);
  });
});
