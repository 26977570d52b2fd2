import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, transitionRefused } from '../../../kernel/domain/errors.js';
import { authorizeForEvent } from '../../../kernel/domain/event-access.js';
import { writeGuarded } from '../../../kernel/domain/guarded.js';
import type { Principal } from '../../../kernel/domain/types.js';
import { eventForChange } from '../../catalog/index.js';
import { type DealRef, type DealWriteDeps, existingDeal } from './deals.js';
import { type Deal, type DealStatus, dealMoves, signedStatuses, workDone } from './model.js';
import { existingPackage } from './packages.js';
import type { DealWrite } from './ports.js';
import { activationsFor, sponsorIdOf, sponsorOf, stepsFor } from './signing.js';

type DealStatusDeps = DealWriteDeps & Pick<Deps, 'sponsors'>;

/**
 * Moves a deal along its flow (model.ts `dealMoves`). Asked for the status it has, it answers the
 * deal as it is and writes nothing, but completes what the move does beyond the deal (a retried
 * signing creates the sponsor a first attempt may have left undone).
 *
 * - `contract_signed` takes a slot of the package (PACKAGE_SOLD_OUT when none is left, in the
 *   transaction that signs), creates the onboarding steps and activations of its template, then
 *   the event's sponsor (conference module), confirmed, with an id derived from the deal's.
 * - `cancelled` (after signing) gives the slot back in its transaction and cancels the sponsor.
 * - `activations_delivered` needs every step complete and every activation delivered
 *   (DEAL_INCOMPLETE); the last of those writes moves the deal there by itself (deal-work.ts).
 */
export const moveDeal = async (
  deps: DealStatusDeps,
  principal: Principal,
  at: DealRef,
  to: DealStatus,
): Promise<Deal> => {
  await authorizeForEvent(deps, at.orgId, at.eventId, principal, 'sponsorship.manage');
  await eventForChange(deps, at.orgId, at.eventId);
  const current = await existingDeal(deps, at);
  // The template is read once: a package edited meanwhile shapes the deals signed after it.
  const pkg = await existingPackage(deps, at.orgId, at.eventId, current.packageId);
  const deal = await writeGuarded<Deal, DealWrite>(
    () => existingDeal(deps, at),
    (before) => {
      if (before.status === to) return undefined;
      const allowed = dealMoves[before.status];
      if (!allowed.includes(to)) throw transitionRefused('deal', before.status, to, allowed);
      if (to === 'activations_delivered' && !workDone(before))
        throw new DomainError('DEAL_INCOMPLETE', 'onboarding steps or activations are left', {
          stepsOpen: before.stepsTotal - before.stepsCompleted,
          activationsOpen: before.activationsTotal - before.activationsDelivered,
        });
      const now = deps.clock.now().toISOString();
      const after: Deal = { ...before, status: to, version: before.version + 1, updatedAt: now };
      if (to === 'proposal_sent') return { before, after: { ...after, proposalSentAt: now } };
      if (to === 'lost') return { before, after: { ...after, closedAt: now } };
      if (to === 'cancelled') return { before, after: { ...after, closedAt: now }, slot: 'release' };
      if (to !== 'contract_signed') return { before, after };
      const steps = stepsFor(before, pkg, now);
      const activations = activationsFor(before, pkg, now);
      return {
        before,
        after: {
          ...after,
          signedAt: now,
          sponsorId: sponsorIdOf(before.dealId),
          stepsTotal: steps.length,
          activationsTotal: activations.length,
        },
        slot: 'take',
        newSteps: steps,
        newActivations: activations,
      };
    },
    (w) => deps.sponsorships.saveDeal(w),
    (w) => w.after,
  );
  if (to === 'contract_signed' && signedStatuses.includes(deal.status))
    await deps.sponsors.createOnce(sponsorOf(deal, pkg, deps.clock.now().toISOString()));
  if (to === 'cancelled' && deal.status === 'cancelled' && deal.sponsorId)
    await cancelSponsor(deps, deal, deal.sponsorId);
  return deal;
};

/** The sponsor of a cancelled deal is cancelled too (left as it is if an organizer removed it). */
const cancelSponsor = async (deps: DealStatusDeps, deal: Deal, sponsorId: string) => {
  const sponsor = await deps.sponsors.get(deal.orgId, deal.eventId, sponsorId);
  if (!sponsor || sponsor.status === 'cancelled') return;
  await deps.sponsors.replace({ ...sponsor, status: 'cancelled', updatedAt: deps.clock.now().toISOString() });
};
