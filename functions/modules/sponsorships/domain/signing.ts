import { derivedId, newId } from '../../../kernel/domain/ids.js';
import type { Sponsor } from '../../conference/index.js';
import type { Activation, Deal, OnboardingStep, SponsorshipPackage } from './model.js';

/** What signing a deal makes: its steps and activations from the package's template, its sponsor. */

/** The conference sponsor of a signed deal: its id derives from the deal's, so it is made once. */
export const sponsorIdOf = (dealId: string): string => derivedId('spn', dealId);

export const stepsFor = (deal: Deal, pkg: SponsorshipPackage, now: string): OnboardingStep[] =>
  pkg.onboardingSteps.map((name, position) => ({
    orgId: deal.orgId,
    eventId: deal.eventId,
    dealId: deal.dealId,
    stepId: newId('sps'),
    position,
    name,
    completed: false,
    completedAt: null,
    completedBy: null,
    updatedAt: now,
  }));

export const activationsFor = (deal: Deal, pkg: SponsorshipPackage, now: string): Activation[] =>
  pkg.activations.map((t, position) => ({
    orgId: deal.orgId,
    eventId: deal.eventId,
    dealId: deal.dealId,
    activationId: newId('spa'),
    position,
    name: t.name,
    scheduledDate: t.scheduledDate,
    delivered: false,
    deliveredAt: null,
    deliveredBy: null,
    updatedAt: now,
  }));

/** The event's sponsor entry of a signed deal: the package's tier and benefits, the deal's company. */
export const sponsorOf = (deal: Deal, pkg: SponsorshipPackage, now: string): Sponsor => ({
  orgId: deal.orgId,
  eventId: deal.eventId,
  sponsorId: sponsorIdOf(deal.dealId),
  companyName: deal.companyName,
  tier: pkg.tier,
  contact: deal.contact,
  representatives: [],
  amount: deal.amount,
  benefits: pkg.benefits,
  logoUrl: null,
  websiteUrl: null,
  links: [],
  status: 'confirmed',
  createdAt: now,
  updatedAt: now,
});
