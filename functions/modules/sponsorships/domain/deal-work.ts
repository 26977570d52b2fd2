import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import { authorizeForEvent } from '../../../kernel/domain/event-access.js';
import { writeGuarded } from '../../../kernel/domain/guarded.js';
import type { Principal } from '../../../kernel/domain/types.js';
import { eventForChange } from '../../catalog/index.js';
import { type DealDetail, type DealRef, type DealWriteDeps, existingDeal } from './deals.js';
import { type Activation, type Deal, type OnboardingStep, openStatuses, statusAfterWork } from './model.js';
import type { DealWrite } from './ports.js';

/**
 * The work of a signed deal: its onboarding steps completed (or not) and its activations scheduled
 * and delivered. Each write commits with the deal's counts and a bump of its version, so two
 * writes of one deal's work land one after the other and the deal's status follows from counts
 * that are exact: the first step completed or activation delivered moves a `contract_signed` deal
 * to `onboarding`; the write that leaves nothing open moves it to `activations_delivered`.
 * Asked for what is already so, a write answers the deal as it is and changes nothing.
 */

export interface ActivationChange {
  scheduledDate?: string | null | undefined;
  delivered?: boolean | undefined;
}

const readDetail = async (deps: DealWriteDeps, at: DealRef): Promise<DealDetail> => {
  const deal = await existingDeal(deps, at);
  return { deal, ...(await deps.sponsorships.dealWork(at.orgId, at.eventId, at.dealId)) };
};

const assertOpen = (deal: Deal) => {
  if (!openStatuses.includes(deal.status))
    throw new DomainError(
      'DEAL_NOT_OPEN',
      `the deal is ${deal.status}: its onboarding and activations change only while it is contract_signed or onboarding`,
      { currentStatus: deal.status },
    );
};

/** The deal after one change of its work: counts moved by `delta`, status as they now say. */
const dealAfter = (
  before: Deal,
  delta: { steps?: number; activations?: number },
  worked: boolean,
  now: string,
): Deal => {
  const counted: Deal = {
    ...before,
    stepsCompleted: before.stepsCompleted + (delta.steps ?? 0),
    activationsDelivered: before.activationsDelivered + (delta.activations ?? 0),
    version: before.version + 1,
    updatedAt: now,
  };
  return { ...counted, status: statusAfterWork(counted, worked) };
};

const workWrite = async (
  deps: DealWriteDeps,
  principal: Principal,
  at: DealRef,
  change: (d: DealDetail, now: string) => DealWrite | undefined,
): Promise<DealDetail> => {
  await authorizeForEvent(deps, at.orgId, at.eventId, principal, 'sponsorship.manage');
  await eventForChange(deps, at.orgId, at.eventId);
  const replaced = <T extends { position: number }>(
    items: T[],
    next: T | undefined,
    same: (t: T) => boolean,
  ) => (next ? items.map((t) => (same(t) ? next : t)) : items);
  return writeGuarded<DealDetail, DealWrite & { detail: DealDetail }>(
    () => readDetail(deps, at),
    (d) => {
      const w = change(d, deps.clock.now().toISOString());
      if (!w) return undefined;
      return {
        ...w,
        detail: {
          deal: w.after,
          steps: replaced(d.steps, w.step, (s) => s.stepId === w.step?.stepId),
          activations: replaced(
            d.activations,
            w.activation,
            (a) => a.activationId === w.activation?.activationId,
          ),
        },
      };
    },
    ({ detail: _, ...w }) => deps.sponsorships.saveDeal(w),
    (w) => w.detail,
  );
};

export const setStepCompleted = (
  deps: DealWriteDeps,
  principal: Principal,
  at: DealRef & { stepId: string },
  completed: boolean,
): Promise<DealDetail> =>
  workWrite(deps, principal, at, ({ deal, steps }, now) => {
    const step = steps.find((s) => s.stepId === at.stepId);
    if (!step) throw notFound('onboarding step');
    if (step.completed === completed) return undefined;
    assertOpen(deal);
    const after: OnboardingStep = {
      ...step,
      completed,
      completedAt: completed ? now : null,
      completedBy: completed ? principal.sub : null,
      updatedAt: now,
    };
    return {
      before: deal,
      after: dealAfter(deal, { steps: completed ? 1 : -1 }, completed, now),
      step: after,
    };
  });

export const updateActivation = (
  deps: DealWriteDeps,
  principal: Principal,
  at: DealRef & { activationId: string },
  change: ActivationChange,
): Promise<DealDetail> =>
  workWrite(deps, principal, at, ({ deal, activations }, now) => {
    const activation = activations.find((a) => a.activationId === at.activationId);
    if (!activation) throw notFound('activation');
    const scheduledDate =
      change.scheduledDate === undefined ? activation.scheduledDate : change.scheduledDate;
    const delivered = change.delivered ?? activation.delivered;
    if (scheduledDate === activation.scheduledDate && delivered === activation.delivered) return undefined;
    assertOpen(deal);
    const flips = delivered !== activation.delivered;
    const after: Activation = {
      ...activation,
      scheduledDate,
      delivered,
      deliveredAt: !flips ? activation.deliveredAt : delivered ? now : null,
      deliveredBy: !flips ? activation.deliveredBy : delivered ? principal.sub : null,
      updatedAt: now,
    };
    const delta = flips ? (delivered ? 1 : -1) : 0;
    return {
      before: deal,
      after: dealAfter(deal, { activations: delta }, flips && delivered, now),
      activation: after,
    };
  });
