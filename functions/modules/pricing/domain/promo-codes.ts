import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, type FieldIssue, notFound, validationFailed } from '../../../kernel/domain/errors.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import {
  normalizePromoCode,
  type PromoCode,
  type PromoKind,
  type PromoStatus,
  promoCodeInUse,
} from './promo-model.js';
import type { PromoCategoryCheck } from './promo-ports.js';
import { type PromoChange, type PromoTerms, promoIssues, utcForm, withPromoChange } from './promo-rules.js';

/** What an organizer gives for a new code; a limit, bound or category list left out is none. */
export interface CreatePromoInput {
  code: string;
  kind: PromoKind;
  percent?: number | undefined;
  amountMinor?: number | undefined;
  categoryIds?: string[] | undefined;
  maxUses?: number | undefined;
  maxUsesPerPerson?: number | undefined;
  validFrom?: string | undefined;
  validUntil?: string | undefined;
  status?: PromoStatus | undefined;
}

type PromoDeps = Pick<Deps, 'events' | 'promoCodes'> & AccessDeps;

/** The event must exist; one being deleted takes no change of its codes. */
const assertEvent = async (
  deps: Pick<Deps, 'events'>,
  orgId: string,
  eventId: string,
  { changing }: { changing: boolean },
): Promise<void> => {
  const event = await deps.events.get(orgId, eventId);
  if (!event) throw notFound('event');
  if (changing && event.deleting) throw new DomainError('EVENT_DELETING', 'the event is being deleted');
};

const existing = async (
  deps: Pick<Deps, 'promoCodes'>,
  orgId: string,
  eventId: string,
  code: string,
): Promise<PromoCode> => {
  const normalized = normalizePromoCode(code);
  const promo = normalized ? await deps.promoCodes.get(orgId, eventId, normalized) : undefined;
  if (!promo) throw notFound('promo code');
  return promo;
};

/** The terms' rules, then (only when they hold) the categories named against the event's. */
const assertTerms = async (
  categories: PromoCategoryCheck,
  promo: PromoCode,
  categoriesChanged: boolean,
): Promise<void> => {
  const issues: FieldIssue[] = promoIssues(promo);
  if (issues.length === 0 && categoriesChanged && promo.categoryIds !== null) {
    const unknown = await categories.unknownIds(promo.orgId, promo.eventId, promo.categoryIds);
    if (unknown.length > 0) {
      issues.push({
        field: 'categoryIds',
        message: `not ticket categories of this event: ${unknown.join(', ')}`,
      });
    }
  }
  if (issues.length > 0) throw validationFailed(issues);
};

const termsOf = (input: CreatePromoInput): PromoTerms => ({
  kind: input.kind,
  percent: input.percent ?? null,
  amountMinor: input.amountMinor ?? null,
  categoryIds: input.categoryIds ?? null,
  maxUses: input.maxUses ?? null,
  maxUsesPerPerson: input.maxUsesPerPerson ?? null,
  validFrom: input.validFrom === undefined ? null : utcForm(input.validFrom),
  validUntil: input.validUntil === undefined ? null : utcForm(input.validUntil),
  status: input.status ?? 'active',
});

/**
 * A new code of the event. `categories` checks the category ids it names against the event's
 * ticket categories.
 */
export const createPromoCode = async (
  deps: PromoDeps & Pick<Deps, 'clock'>,
  categories: PromoCategoryCheck,
  principal: Principal,
  orgId: string,
  eventId: string,
  input: CreatePromoInput,
): Promise<PromoCode> => {
  await authorize(deps, orgId, principal, 'event.manage');
  const code = normalizePromoCode(input.code);
  if (!code) throw validationFailed([{ field: 'code', message: '3 to 32 letters, digits, _ or -' }]);
  await assertEvent(deps, orgId, eventId, { changing: true });
  const now = deps.clock.now().toISOString();
  const promo: PromoCode = {
    orgId,
    eventId,
    code,
    ...termsOf(input),
    used: 0,
    createdAt: now,
    updatedAt: now,
  };
  await assertTerms(categories, promo, true);
  await deps.promoCodes.create(promo);
  return promo;
};

export const listPromoCodes = async (
  deps: PromoDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  page: PageRequest,
): Promise<Page<PromoCode>> => {
  await authorize(deps, orgId, principal, 'event.manage');
  await assertEvent(deps, orgId, eventId, { changing: false });
  return deps.promoCodes.list(orgId, eventId, page);
};

export const getPromoCode = async (
  deps: PromoDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  code: string,
): Promise<PromoCode> => {
  await authorize(deps, orgId, principal, 'event.manage');
  await assertEvent(deps, orgId, eventId, { changing: false });
  return existing(deps, orgId, eventId, code);
};

/**
 * Changes a code's status, limits, window or categories. `maxUses` may not go below the live uses
 * (checked again by the write, which redemptions race).
 */
export const updatePromoCode = async (
  deps: PromoDeps & Pick<Deps, 'clock'>,
  categories: PromoCategoryCheck,
  principal: Principal,
  orgId: string,
  eventId: string,
  code: string,
  change: PromoChange,
): Promise<PromoCode> => {
  await authorize(deps, orgId, principal, 'event.manage');
  await assertEvent(deps, orgId, eventId, { changing: true });
  const current = await existing(deps, orgId, eventId, code);
  const next = withPromoChange(current, change, deps.clock.now().toISOString());
  await assertTerms(categories, next, change.categoryIds !== undefined);
  if (next.maxUses !== null && next.maxUses < current.used) {
    throw promoCodeInUse(current.code, current.used, 'maxUses');
  }
  return deps.promoCodes.update(current, next);
};

/** A code no live booking holds is deleted; one that is held answers PROMO_CODE_IN_USE (disable it). */
export const deletePromoCode = async (
  deps: PromoDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  code: string,
): Promise<void> => {
  await authorize(deps, orgId, principal, 'event.manage');
  await assertEvent(deps, orgId, eventId, { changing: true });
  const normalized = normalizePromoCode(code);
  if (!normalized || !(await deps.promoCodes.remove(orgId, eventId, normalized)))
    throw notFound('promo code');
};
