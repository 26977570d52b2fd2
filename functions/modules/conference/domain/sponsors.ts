import type { Deps } from '../../../kernel/domain/deps.js';
import { notFound, transitionRefused } from '../../../kernel/domain/errors.js';
import { authorizeForEvent, type EventAccessDeps } from '../../../kernel/domain/event-access.js';
import { newId } from '../../../kernel/domain/ids.js';
import { givenFields } from '../../../kernel/domain/patch.js';
import { isAllowed } from '../../../kernel/domain/permissions.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import { eventForChange, eventForRead, publicEvent } from '../../catalog/index.js';
import {
  type Link,
  type Money,
  type Sponsor,
  type SponsorContact,
  type SponsorStatus,
  type SponsorTier,
  sponsorTiers,
  statusMoves,
} from './model.js';

/**
 * Sponsors of an event: organizers manage them (`sponsor.manage`), with their contacts and amounts;
 * the public sees the confirmed ones of a published event, by tier.
 */

export interface SponsorInput {
  companyName: string;
  tier: SponsorTier;
  contact?: Partial<SponsorContact> | undefined;
  representatives?: string[] | undefined;
  amount?: Money | null | undefined;
  benefits?: string[] | undefined;
  logoUrl?: string | null | undefined;
  websiteUrl?: string | null | undefined;
  links?: Link[] | undefined;
}

export type SponsorChange = Partial<SponsorInput> & { status?: SponsorStatus | undefined };

type SponsorDeps = Pick<Deps, 'sponsors' | 'events' | 'clock'> & EventAccessDeps;
type SponsorReadDeps = Pick<Deps, 'sponsors' | 'events'> & EventAccessDeps;

const contactOf = (c: Partial<SponsorContact> | undefined): SponsorContact => ({
  name: c?.name ?? null,
  email: c?.email ?? null,
  phone: c?.phone ?? null,
});

export const createSponsor = async (
  deps: SponsorDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  input: SponsorInput,
): Promise<Sponsor> => {
  await authorizeForEvent(deps, orgId, eventId, principal, 'sponsor.manage');
  await eventForChange(deps, orgId, eventId);
  const now = deps.clock.now().toISOString();
  const sponsor: Sponsor = {
    orgId,
    eventId,
    sponsorId: newId('spn'),
    companyName: input.companyName,
    tier: input.tier,
    contact: contactOf(input.contact),
    representatives: [...new Set(input.representatives ?? [])],
    amount: input.amount ?? null,
    benefits: input.benefits ?? [],
    logoUrl: input.logoUrl ?? null,
    websiteUrl: input.websiteUrl ?? null,
    links: input.links ?? [],
    status: 'pending',
    createdAt: now,
    updatedAt: now,
  };
  await deps.sponsors.create(sponsor);
  return sponsor;
};

const existingSponsor = async (
  deps: Pick<Deps, 'sponsors'>,
  orgId: string,
  eventId: string,
  sponsorId: string,
): Promise<Sponsor> => {
  const sponsor = await deps.sponsors.get(orgId, eventId, sponsorId);
  if (!sponsor) throw notFound('sponsor');
  return sponsor;
};

export const getSponsor = async (
  deps: SponsorReadDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  sponsorId: string,
): Promise<{ sponsor: Sponsor; organizer: boolean }> => {
  const { actor } = await authorizeForEvent(deps, orgId, eventId, principal, 'event.read');
  await eventForRead(deps, orgId, eventId);
  return {
    sponsor: await existingSponsor(deps, orgId, eventId, sponsorId),
    organizer: isAllowed(actor.role, 'sponsor.manage'),
  };
};

export const listSponsors = async (
  deps: SponsorReadDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  page: PageRequest,
): Promise<{ page: Page<Sponsor>; organizer: boolean }> => {
  const { actor } = await authorizeForEvent(deps, orgId, eventId, principal, 'event.read');
  await eventForRead(deps, orgId, eventId);
  return {
    page: await deps.sponsors.list(orgId, eventId, page),
    organizer: isAllowed(actor.role, 'sponsor.manage'),
  };
};

export const updateSponsor = async (
  deps: SponsorDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  sponsorId: string,
  change: SponsorChange,
): Promise<Sponsor> => {
  await authorizeForEvent(deps, orgId, eventId, principal, 'sponsor.manage');
  await eventForChange(deps, orgId, eventId);
  const before = await existingSponsor(deps, orgId, eventId, sponsorId);
  if (change.status !== undefined && change.status !== before.status) {
    const allowed = statusMoves[before.status];
    if (!allowed.includes(change.status))
      throw transitionRefused('sponsor', before.status, change.status, allowed);
  }
  const { contact, representatives, ...rest } = givenFields(change);
  const after: Sponsor = {
    ...before,
    ...rest,
    representatives: representatives === undefined ? before.representatives : [...new Set(representatives)],
    contact: contact === undefined ? before.contact : { ...before.contact, ...givenFields(contact) },
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.sponsors.replace(after);
  return after;
};

/** The confirmed sponsors of a public, published event, by tier (platinum first), then by name. */
export const publicSponsors = async (
  deps: Pick<Deps, 'sponsors' | 'events'>,
  orgId: string,
  eventId: string,
): Promise<Sponsor[]> => {
  await publicEvent(deps, orgId, eventId);
  const all = await deps.sponsors.listAll(orgId, eventId);
  const rank = (t: SponsorTier) => sponsorTiers.indexOf(t);
  return all
    .filter((s) => s.status === 'confirmed')
    .sort((a, b) => rank(a.tier) - rank(b.tier) || a.companyName.localeCompare(b.companyName));
};
