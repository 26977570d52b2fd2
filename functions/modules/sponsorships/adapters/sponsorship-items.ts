import type { EntityItem } from 'electrodb';
import { fromStored, toStored } from '../../../kernel/dynamo/stored.js';
import type { Activation, Deal, OnboardingStep, SponsorshipPackage } from '../domain/model.js';
import type { sponsorActivationEntity } from './entities/activation.js';
import type { sponsorOnboardingStepEntity } from './entities/onboarding-step.js';
import type { sponsorshipDealEntity } from './entities/sponsorship-deal.js';
import type { sponsorshipPackageEntity } from './entities/sponsorship-package.js';

/** Between the sponsorship domain and its items (money and contacts stored flat). */

type PackageItem = EntityItem<typeof sponsorshipPackageEntity>;
type DealItem = EntityItem<typeof sponsorshipDealEntity>;
type StepItem = EntityItem<typeof sponsorOnboardingStepEntity>;
type ActivationItem = EntityItem<typeof sponsorActivationEntity>;

/** The fields an edit of a package sets: all but its keys, creation time and `sold`. */
export const packageEdit = (p: SponsorshipPackage) => ({
  name: p.name,
  tier: p.tier,
  priceMinor: p.price.amountMinor,
  currency: p.price.currency,
  benefits: p.benefits,
  quantity: p.quantity,
  onboardingSteps: p.onboardingSteps,
  activations: p.activations.map((a) => toStored(a)),
  status: p.status,
  version: p.version,
  updatedAt: p.updatedAt,
});

export const storedPackage = (p: SponsorshipPackage) => ({
  orgId: p.orgId,
  eventId: p.eventId,
  packageId: p.packageId,
  createdAt: p.createdAt,
  sold: p.sold,
  ...packageEdit(p),
});

export const toPackage = ({ priceMinor, currency, activations, ...p }: PackageItem): SponsorshipPackage => ({
  ...p,
  price: { amountMinor: priceMinor, currency },
  activations: activations.map((a) => ({ name: a.name, scheduledDate: a.scheduledDate ?? null })),
});

export const storedDeal = ({ contact, amount, ...d }: Deal) => ({
  ...toStored(d),
  ...toStored({ contactName: contact.name, contactEmail: contact.email, contactPhone: contact.phone }),
  amountMinor: amount.amountMinor,
  currency: amount.currency,
});

const dealFields = fromStored<
  Omit<Deal, 'contact' | 'amount'>,
  Omit<DealItem, 'contactName' | 'contactEmail' | 'contactPhone' | 'amountMinor' | 'currency'>
>({
  nullable: { notes: true, proposalSentAt: true, signedAt: true, closedAt: true, sponsorId: true },
  itemOnly: {},
});

export const toDeal = ({
  contactName,
  contactEmail,
  contactPhone,
  amountMinor,
  currency,
  ...item
}: DealItem): Deal => ({
  ...dealFields(item),
  contact: { name: contactName ?? null, email: contactEmail ?? null, phone: contactPhone ?? null },
  amount: { amountMinor, currency },
});

export const storedStep = (s: OnboardingStep) => toStored(s);

export const toStep = fromStored<OnboardingStep, StepItem>({
  nullable: { completedAt: true, completedBy: true },
  itemOnly: {},
});

export const storedActivation = (a: Activation) => toStored(a);

export const toActivation = fromStored<Activation, ActivationItem>({
  nullable: { scheduledDate: true, deliveredAt: true, deliveredBy: true },
  itemOnly: {},
});
