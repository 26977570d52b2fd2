import type { DealDetail } from '../domain/deals.js';
import type { Activation, Deal, OnboardingStep, SponsorshipPackage } from '../domain/model.js';

/** What readers see: everything but write versions and the keys repeated on each step. */
export const packageView = ({ version: _v, ...p }: SponsorshipPackage) => p;
export const dealView = ({ version: _v, ...d }: Deal) => d;

const stepView = ({ orgId: _o, eventId: _e, dealId: _d, updatedAt: _u, ...s }: OnboardingStep) => s;
const activationView = ({ orgId: _o, eventId: _e, dealId: _d, updatedAt: _u, ...a }: Activation) => a;

export const dealDetailView = ({ deal, steps, activations }: DealDetail) => ({
  ...dealView(deal),
  steps: steps.map(stepView),
  activations: activations.map(activationView),
});
