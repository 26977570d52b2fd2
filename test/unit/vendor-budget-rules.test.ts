import { describe, expect, it } from 'vitest';
import type { BudgetLine } from '../../functions/modules/budgets/domain/model.js';
import { actualsOf, budgetReport } from '../../functions/modules/budgets/domain/report.js';
import { planComparison } from '../../functions/modules/expenses/domain/budget-comparison.js';
import type { CategoryTotals } from '../../functions/modules/expenses/domain/model.js';
import { byDueDate, installmentIssues, mustMove } from '../../functions/modules/vendors/domain/rules.js';

/** The pure rules of vendor contracts (installments, moves) and of the budget (actuals, flags, totals). */

const tally = (amountMinor: number) => ({ count: amountMinor ? 1 : 0, amountMinor });
const totals = (
  category: CategoryTotals['category'],
  currency: string,
  t: { pending?: number; approved?: number; rejected?: number; paid?: number },
): CategoryTotals => ({
  category,
  currency,
  pending: tally(t.pending ?? 0),
  approved: tally(t.approved ?? 0),
  rejected: tally(t.rejected ?? 0),
  paid: tally(t.paid ?? 0),
});
const line = (category: BudgetLine['category'], plannedMinor: number, currency = 'EUR'): BudgetLine => ({
  orgId: 'org_1',
  eventId: 'evt_1',
  category,
  plannedMinor,
  currency,
  notes: null,
  createdAt: '2027-01-01T00:00:00.000Z',
  updatedAt: '2027-01-01T00:00:00.000Z',
});

describe('installments', () => {
  it('must add up to the amount, on distinct days; none at all is allowed', () => {
    expect(installmentIssues(30_000, [])).toEqual([]);
    expect(
      installmentIssues(30_000, [
        { dueDate: '2027-05-01', amountMinor: 10_000 },
        { dueDate: '2027-06-01', amountMinor: 20_000 },
      ]),
    ).toEqual([]);
    expect(installmentIssues(30_000, [{ dueDate: '2027-05-01', amountMinor: 29_999 }])).toEqual([
      { field: 'installments', message: 'the installments add up to 29999, the amount is 30000' },
    ]);
    const sameDay = installmentIssues(2, [
      { dueDate: '2027-05-01', amountMinor: 1 },
      { dueDate: '2027-05-01', amountMinor: 1 },
    ]);
    expect(sameDay.map((i) => i.message)).toEqual(['two installments are due on the same day']);
  });

  it('are kept in the order they fall due', () => {
    expect(
      byDueDate([
        { dueDate: '2027-06-01', amountMinor: 2 },
        { dueDate: '2027-05-01', amountMinor: 1 },
      ]).map((i) => i.dueDate),
    ).toEqual(['2027-05-01', '2027-06-01']);
  });
});

describe('contract moves', () => {
  it('go draft -> signed -> paid, and to cancelled from draft or signed', () => {
    expect(mustMove('draft', 'signed')).toBe(true);
    expect(mustMove('signed', 'paid')).toBe(true);
    expect(mustMove('draft', 'cancelled')).toBe(true);
    expect(mustMove('signed', 'cancelled')).toBe(true);
  });

  it('are nothing to do when the contract is there already (a retry)', () => {
    expect(mustMove('signed', 'signed')).toBe(false);
    expect(mustMove('cancelled', 'cancelled')).toBe(false);
  });

  it('refuse every other move, naming the allowed ones', () => {
    for (const [from, to] of [
      ['draft', 'paid'],
      ['paid', 'cancelled'],
      ['paid', 'draft'],
      ['cancelled', 'signed'],
      ['signed', 'draft'],
    ] as const) {
      let error: unknown;
      try {
        mustMove(from, to);
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({
        code: 'INVALID_TRANSITION',
        details: { currentStatus: from, requestedStatus: to },
      });
    }
  });
});

describe('the budget report', () => {
  it('flags a line whose approved and paid expenses plus signed contracts exceed its plan, by the excess', () => {
    const actuals = actualsOf(
      [totals('catering', 'EUR', { pending: 99_000, approved: 30_000, paid: 10_000, rejected: 5_000 })],
      [{ category: 'catering', currency: 'EUR', amountMinor: 70_000 }],
    );
    const report = budgetReport('evt_1', [line('catering', 100_000), line('venue', 50_000)], actuals);
    expect(
      report.lines.map((l) => [l.category, l.expensesMinor, l.contractsMinor, l.overBudget, l.overByMinor]),
    ).toEqual([
      ['venue', 0, 0, false, 0],
      ['catering', 40_000, 70_000, true, 10_000],
    ]);
    expect(report.totals).toEqual([{ currency: 'EUR', ...planComparison(150_000, 110_000) }]);
    expect(report.unplanned).toEqual([]);
  });

  it('never mixes currencies: spending in another currency or an unplanned category is unplanned, totals are per currency', () => {
    const actuals = actualsOf(
      [totals('catering', 'USD', { approved: 5_000 }), totals('travel', 'EUR', { paid: 2_000 })],
      [],
    );
    const report = budgetReport('evt_1', [line('catering', 1_000)], actuals);
    expect(report.lines[0]).toMatchObject({ category: 'catering', actualMinor: 0, overBudget: false });
    expect(report.unplanned.map((a) => [a.currency, a.category, a.actualMinor])).toEqual([
      ['EUR', 'travel', 2_000],
      ['USD', 'catering', 5_000],
    ]);
    expect(report.totals).toEqual([
      { currency: 'EUR', ...planComparison(1_000, 2_000) },
      { currency: 'USD', ...planComparison(0, 5_000) },
    ]);
  });

  it('counts spending exactly the plan as within it', () => {
    expect(planComparison(100, 100)).toEqual({
      plannedMinor: 100,
      actualMinor: 100,
      remainingMinor: 0,
      overBudget: false,
      overByMinor: 0,
    });
  });
});
