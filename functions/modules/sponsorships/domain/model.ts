import type { SponsorTier } from '../../conference/index.js';

/**
 * Sponsorship sales of an event (docs/sponsorships.md): packages with a fixed number of slots, and
 * deals that run `prospect -> proposal_sent -> contract_signed -> onboarding ->
 * activations_delivered`, or end `lost` (before signing) or `cancelled` (after). Signing takes a
 * slot of the package; cancelling a signed deal gives it back. Money is minor units and a currency.
 */

export interface Money {
  amountMinor: number;
  currency: string;
}

export type PackageStatus = 'active' | 'retired';
export const packageStatuses: readonly PackageStatus[] = ['active', 'retired'];

/** An activation a package promises ("logo on website", "booth"), optionally on a planned day. */
export interface ActivationTemplate {
  name: string;
  /** YYYY-MM-DD. */
  scheduledDate: string | null;
}

export interface SponsorshipPackage {
  orgId: string;
  eventId: string;
  packageId: string;
  name: string;
  tier: SponsorTier;
  price: Money;
  benefits: string[];
  /** How many deals may be signed on it. */
  quantity: number;
  /** Deals signed and not cancelled: changed only by the signing's and cancelling's transactions. */
  sold: number;
  /** The names of the onboarding steps each signed deal gets, in order. */
  onboardingSteps: string[];
  activations: ActivationTemplate[];
  status: PackageStatus;
  /** Bumped by every edit (not by sales): edits are conditional on it. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type DealStatus =
  | 'prospect'
  | 'proposal_sent'
  | 'contract_signed'
  | 'onboarding'
  | 'activations_delivered'
  | 'lost'
  | 'cancelled';

export const dealStatuses: readonly DealStatus[] = [
  'prospect',
  'proposal_sent',
  'contract_signed',
  'onboarding',
  'activations_delivered',
  'lost',
  'cancelled',
];

/** Where a deal may go from each status; activations_delivered, lost and cancelled are final. */
export const dealMoves: Record<DealStatus, readonly DealStatus[]> = {
  prospect: ['proposal_sent', 'lost'],
  proposal_sent: ['contract_signed', 'lost'],
  contract_signed: ['onboarding', 'cancelled'],
  onboarding: ['activations_delivered', 'cancelled'],
  activations_delivered: [],
  lost: [],
  cancelled: [],
};

/** Statuses that hold a slot of the package. */
export const signedStatuses: readonly DealStatus[] = [
  'contract_signed',
  'onboarding',
  'activations_delivered',
];

/** Statuses in which onboarding steps and activations are worked on. */
export const openStatuses: readonly DealStatus[] = ['contract_signed', 'onboarding'];

export interface DealContact {
  name: string | null;
  email: string | null;
  phone: string | null;
}

export interface Deal {
  orgId: string;
  eventId: string;
  dealId: string;
  packageId: string;
  companyName: string;
  contact: DealContact;
  /** The member (user id) who runs the deal. */
  ownerId: string;
  notes: string | null;
  /** Defaults to the package's price; fixed at signing. */
  amount: Money;
  status: DealStatus;
  proposalSentAt: string | null;
  signedAt: string | null;
  closedAt: string | null;
  /** The conference sponsor the signing created (derived from the deal id). */
  sponsorId: string | null;
  /** Progress of the onboarding and activations, kept by each of their writes. */
  stepsTotal: number;
  stepsCompleted: number;
  activationsTotal: number;
  activationsDelivered: number;
  /** Bumped by every write, steps' and activations' included: all are conditional on it. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface OnboardingStep {
  orgId: string;
  eventId: string;
  dealId: string;
  stepId: string;
  /** Its place in the package's template. */
  position: number;
  name: string;
  completed: boolean;
  completedAt: string | null;
  completedBy: string | null;
  updatedAt: string;
}

export interface Activation {
  orgId: string;
  eventId: string;
  dealId: string;
  activationId: string;
  position: number;
  name: string;
  /** YYYY-MM-DD. */
  scheduledDate: string | null;
  delivered: boolean;
  deliveredAt: string | null;
  deliveredBy: string | null;
  updatedAt: string;
}

/** Every step complete and every activation delivered (a deal without any is done at once). */
export const workDone = (
  d: Pick<Deal, 'stepsTotal' | 'stepsCompleted' | 'activationsTotal' | 'activationsDelivered'>,
) => d.stepsCompleted === d.stepsTotal && d.activationsDelivered === d.activationsTotal;

/**
 * The status a signed deal reaches by a write of its work (counts already applied): the first
 * step completed or activation delivered starts its onboarding, and the write that leaves nothing
 * open delivers it. Other statuses are left as they are.
 */
export const statusAfterWork = (deal: Deal, worked: boolean): DealStatus => {
  if (!openStatuses.includes(deal.status)) return deal.status;
  if (worked && workDone(deal)) return 'activations_delivered';
  if (worked) return 'onboarding';
  return deal.status;
};
