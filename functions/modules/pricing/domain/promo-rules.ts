import type { FieldIssue } from '../../../kernel/domain/errors.js';
import type { DiscountInput } from './price.js';
import type { PromoCode, PromoKind, PromoStatus, RedemptionRefusal } from './promo-model.js';

/** The fields of a code an organizer sets (the rest are the code's identity, count and stamps). */
export type PromoTerms = Pick<
  PromoCode,
  | 'kind'
  | 'percent'
  | 'amountMinor'
  | 'categoryIds'
  | 'maxUses'
  | 'maxUsesPerPerson'
  | 'validFrom'
  | 'validUntil'
  | 'status'
>;

/** What a change may touch: status, limits, window and categories (null removes a limit or bound). */
export interface PromoChange {
  status?: PromoStatus | undefined;
  maxUses?: number | null | undefined;
  maxUsesPerPerson?: number | null | undefined;
  validFrom?: string | null | undefined;
  validUntil?: string | null | undefined;
  categoryIds?: string[] | null | undefined;
}

/** An instant in the one form stored times compare in (UTC, milliseconds, `Z`). */
export const utcForm = (instant: string): string => new Date(instant).toISOString();

const hasAtMostTwoDecimals = (n: number): boolean => Math.abs(n * 100 - Math.round(n * 100)) < 1e-9;

const valueIssues = (kind: PromoKind, t: Pick<PromoTerms, 'percent' | 'amountMinor'>): FieldIssue[] => {
  if (kind === 'percent') {
    if (t.amountMinor !== null) return [{ field: 'amountMinor', message: 'only fixed codes take an amount' }];
    if (t.percent === null) return [{ field: 'percent', message: 'a percent code needs its percent' }];
    if (!(t.percent > 0 && t.percent <= 100)) {
      return [{ field: 'percent', message: 'must be above 0 and at most 100' }];
    }
    if (!hasAtMostTwoDecimals(t.percent)) return [{ field: 'percent', message: 'at most 2 decimals' }];
    return [];
  }
  if (t.percent !== null) return [{ field: 'percent', message: 'only percent codes take a percent' }];
  if (t.amountMinor === null) return [{ field: 'amountMinor', message: 'a fixed code needs its amount' }];
  if (!Number.isSafeInteger(t.amountMinor) || t.amountMinor <= 0) {
    return [{ field: 'amountMinor', message: 'must be a whole number of minor units above 0' }];
  }
  return [];
};

const limitIssue = (field: string, value: number | null): FieldIssue[] =>
  value !== null && (!Number.isSafeInteger(value) || value < 1)
    ? [{ field, message: 'must be a whole number of at least 1, or null for no limit' }]
    : [];

/** Every rule a code's terms break, each naming its field; empty when they hold. */
export const promoIssues = (t: PromoTerms): FieldIssue[] => {
  const issues = [
    ...valueIssues(t.kind, t),
    ...limitIssue('maxUses', t.maxUses),
    ...limitIssue('maxUsesPerPerson', t.maxUsesPerPerson),
  ];
  if (t.validFrom !== null && t.validUntil !== null && t.validUntil <= t.validFrom) {
    issues.push({ field: 'validUntil', message: 'must be after validFrom' });
  }
  if (t.categoryIds !== null) {
    if (t.categoryIds.length === 0) {
      issues.push({
        field: 'categoryIds',
        message: 'name at least one category, or null for every category',
      });
    } else if (new Set(t.categoryIds).size !== t.categoryIds.length) {
      issues.push({ field: 'categoryIds', message: 'names a category twice' });
    }
  }
  return issues;
};

/** `current` with `change` applied (times in their stored form); its rules are checked apart. */
export const withPromoChange = (current: PromoCode, change: PromoChange, at: string): PromoCode => {
  const instant = (v: string | null | undefined, was: string | null) =>
    v === undefined ? was : v === null ? null : utcForm(v);
  return {
    ...current,
    status: change.status ?? current.status,
    maxUses: change.maxUses === undefined ? current.maxUses : change.maxUses,
    maxUsesPerPerson:
      change.maxUsesPerPerson === undefined ? current.maxUsesPerPerson : change.maxUsesPerPerson,
    validFrom: instant(change.validFrom, current.validFrom),
    validUntil: instant(change.validUntil, current.validUntil),
    categoryIds: change.categoryIds === undefined ? current.categoryIds : change.categoryIds,
    updatedAt: at,
  };
};

/**
 * Why a booking that does not hold the code yet could not redeem it at `at`, as the code reads; null
 * when it could. The store decides by the same rules inside its conditional write; this explains
 * a refused write and spares a write the code would refuse anyway.
 */
export const refusalAt = (
  promo: PromoCode,
  at: string,
): Exclude<RedemptionRefusal, 'NOT_FOUND' | 'PERSON_LIMIT'> | null => {
  if (promo.status !== 'active') return 'INACTIVE';
  if (promo.validFrom !== null && at < promo.validFrom) return 'NOT_YET_VALID';
  if (promo.validUntil !== null && at >= promo.validUntil) return 'EXPIRED';
  if (promo.maxUses !== null && promo.used >= promo.maxUses) return 'USED_UP';
  return null;
};

/** Whether the code's discount applies to tickets of `categoryId` (null: an event without categories). */
export const appliesToCategory = (
  promo: Pick<PromoCode, 'categoryIds'>,
  categoryId: string | null,
): boolean => promo.categoryIds === null || (categoryId !== null && promo.categoryIds.includes(categoryId));

/** The discount the price quote takes (domain/price.ts). */
export const discountOf = (promo: PromoCode): DiscountInput => {
  const { code, categoryIds } = promo;
  if (promo.kind === 'percent' && promo.percent !== null)
    return { code, kind: 'percent', percent: promo.percent, categoryIds };
  if (promo.kind === 'fixed' && promo.amountMinor !== null) {
    return { code, kind: 'fixed', amountMinor: promo.amountMinor, categoryIds };
  }
  // promoIssues keeps every stored code's value beside its kind.
  throw new Error(`promo code ${code} has no ${promo.kind === 'percent' ? 'percent' : 'amount'}`);
};
