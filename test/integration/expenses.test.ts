import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import { createEvent } from '../../functions/modules/catalog/domain/events.js';
import {
  approveExpense,
  createExpense,
  type ExpenseInput,
  payExpense,
  rejectExpense,
  updateExpense,
} from '../../functions/modules/expenses/domain/expenses.js';
import type { Expense } from '../../functions/modules/expenses/domain/model.js';
import { expenseSummary, summarize } from '../../functions/modules/expenses/domain/summary.js';
import { eventInput, orgWith, venueIn } from './catalog-world.js';
import { freshContainer, user } from './fixtures.js';

/**
 * Expenses on DynamoDB Local: the approval workflow and its refusals (self-approval, moves out of
 * final states, edits once decided), a retried approve that changes nothing twice, concurrent
 * approve and reject of one expense (exactly one wins), totals equal to a recount of the
 * expenses themselves, and an event's purge page by page.
 */

const owner = user('exp-owner');
const admin = user('exp-admin');
const organizer = user('exp-organizer');
const otherOrganizer = user('exp-organizer-2');

const input = (overrides: Partial<ExpenseInput> = {}): ExpenseInput => ({
  name: 'Coffee',
  category: 'catering',
  amountMinor: 12_000,
  currency: 'EUR',
  ...overrides,
});

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (err) {
    return (err as { code: string }).code;
  }
  throw new Error('expected a refusal');
};

describe('expenses on DynamoDB Local', () => {
  let c: Container & { tableName: string };
  let orgId: string;
  let eventId: string;

  beforeAll(async () => {
    c = await freshContainer();
    orgId = await orgWith(c, owner.sub, {
      [admin.sub]: 'admin',
      [organizer.sub]: 'organizer',
      [otherOrganizer.sub]: 'organizer',
    });
    const venue = await venueIn(c, owner.sub, orgId);
    ({ eventId } = await createEvent(c.deps, owner, orgId, eventInput(venue.venueId, { title: 'Budgeted' })));
  });

  const ref = (e: Expense) => ({ orgId, eventId, expenseId: e.expenseId });

  /** Every expense of the event, read page by page. */
  const allExpenses = async (): Promise<Expense[]> => {
    const out: Expense[] = [];
    let cursor: string | undefined;
    do {
      const page = await c.deps.expenses.list(
        orgId,
        eventId,
        {},
        { limit: 7, ...(cursor ? { cursor } : {}) },
      );
      out.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return out;
  };

  /** The totals recounted from the expenses themselves. */
  const recount = async () =>
    summarize(
      eventId,
      Object.values(
        (await allExpenses()).reduce<Record<string, Parameters<typeof summarize>[1][number]>>((acc, e) => {
          const k = `${e.currency}#${e.category}`;
          const zero = { count: 0, amountMinor: 0 };
          acc[k] ??= {
            currency: e.currency,
            category: e.category,
            pending: { ...zero },
            approved: { ...zero },
            rejected: { ...zero },
            paid: { ...zero },
          };
          acc[k][e.status].count += 1;
          acc[k][e.status].amountMinor += e.amountMinor;
          return acc;
        }, {}),
      ),
    );

  it('runs pending -> approved -> paid, decided by someone other than the submitter', async () => {
    const e = await createExpense(c.deps, organizer, orgId, eventId, input({ vendorName: 'Beans Ltd' }));
    expect(e).toMatchObject({ status: 'pending', submittedBy: organizer.sub, version: 1 });

    // The organizer may submit, not approve; the submitter never approves their own.
    expect(await codeOf(approveExpense(c.deps, organizer, ref(e)))).toBe('FORBIDDEN');
    const own = await createExpense(c.deps, admin, orgId, eventId, input({ name: 'Own' }));
    expect(await codeOf(approveExpense(c.deps, admin, ref(own)))).toBe('SELF_APPROVAL');
    expect(await codeOf(rejectExpense(c.deps, admin, ref(own), 'no'))).toBe('SELF_APPROVAL');
    // Paid only after approved.
    expect(await codeOf(payExpense(c.deps, owner, ref(e), '2027-06-30'))).toBe('INVALID_TRANSITION');

    const approved = await approveExpense(c.deps, admin, ref(e));
    expect(approved).toMatchObject({ status: 'approved', decidedBy: admin.sub, version: 2 });
    // A retried approve answers the same and writes nothing.
    const again = await approveExpense(c.deps, admin, ref(e));
    expect(again).toEqual(approved);
    // Decided: no edit, no rejection.
    expect(await codeOf(updateExpense(c.deps, organizer, orgId, eventId, e.expenseId, { name: 'x' }))).toBe(
      'EXPENSE_NOT_PENDING',
    );
    expect(await codeOf(rejectExpense(c.deps, owner, ref(e), 'late'))).toBe('INVALID_TRANSITION');

    const paid = await payExpense(c.deps, owner, ref(e), '2027-06-30');
    expect(paid).toMatchObject({
      status: 'paid',
      paidBy: owner.sub,
      paymentDate: '2027-06-30',
      decidedBy: admin.sub,
    });
    expect(await payExpense(c.deps, owner, ref(e), '2027-06-30')).toEqual(paid);
    expect(await c.deps.expenses.get(orgId, eventId, e.expenseId)).toEqual(paid);
  });

  it('lets the submitter or an approver edit a pending expense, nobody else, and moves its totals', async () => {
    const e = await createExpense(
      c.deps,
      organizer,
      orgId,
      eventId,
      input({ category: 'travel', amountMinor: 500 }),
    );
    // Another organizer may submit expenses, not edit this one.
    expect(
      await codeOf(updateExpense(c.deps, otherOrganizer, orgId, eventId, e.expenseId, { name: 'x' })),
    ).toBe('FORBIDDEN');
    const edited = await updateExpense(c.deps, organizer, orgId, eventId, e.expenseId, {
      category: 'venue',
      amountMinor: 800,
      receiptUrl: 'https://files.example.com/r.pdf',
    });
    expect(edited).toMatchObject({ category: 'venue', amountMinor: 800, version: 2 });
    const byOwner = await updateExpense(c.deps, owner, orgId, eventId, e.expenseId, { receiptUrl: null });
    expect(byOwner.receiptUrl).toBeNull();
    expect(await c.deps.expenses.get(orgId, eventId, e.expenseId)).toEqual(byOwner);
    expect(await expenseSummary(c.deps, owner, orgId, eventId)).toEqual(await recount());
  });

  it('lets exactly one of a concurrent approve and reject win, each time', async () => {
    for (let round = 0; round < 5; round++) {
      const e = await createExpense(
        c.deps,
        organizer,
        orgId,
        eventId,
        input({ name: `Race ${round}`, amountMinor: 100 + round }),
      );
      const [approve, reject] = await Promise.allSettled([
        approveExpense(c.deps, admin, ref(e)),
        rejectExpense(c.deps, owner, ref(e), 'too much'),
      ]);
      const won = [approve, reject].filter((r) => r.status === 'fulfilled');
      expect(won).toHaveLength(1);
      const lost = [approve, reject].find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect((lost.reason as { code: string }).code).toBe('INVALID_TRANSITION');
      const stored = await c.deps.expenses.get(orgId, eventId, e.expenseId);
      expect(stored?.status).toBe(approve.status === 'fulfilled' ? 'approved' : 'rejected');
      expect(stored?.version).toBe(2);
    }
    expect(await expenseSummary(c.deps, owner, orgId, eventId)).toEqual(await recount());
  });

  it('keeps totals per currency and category equal to a recount of the expenses', async () => {
    const made: Expense[] = [];
    const categories = ['venue', 'catering', 'marketing', 'technology'] as const;
    for (let i = 0; i < 12; i++) {
      made.push(
        await createExpense(
          c.deps,
          i % 2 ? organizer : admin,
          orgId,
          eventId,
          input({
            name: `Item ${i}`,
            category: categories[i % 4],
            currency: i % 3 ? 'EUR' : 'USD',
            amountMinor: 1000 + i,
          }),
        ),
      );
    }
    // Decide them concurrently, each by a member other than its submitter.
    await Promise.all(
      made.map(async (e, i) => {
        const decider = e.submittedBy === admin.sub ? owner : admin;
        if (i % 4 === 0) return rejectExpense(c.deps, decider, ref(e), 'no');
        if (i % 4 === 3) return undefined;
        await approveExpense(c.deps, decider, ref(e));
        if (i % 4 === 2) await payExpense(c.deps, owner, ref(e), '2027-07-01');
      }),
    );
    const summary = await expenseSummary(c.deps, owner, orgId, eventId);
    expect(summary).toEqual(await recount());
    const usd = summary.currencies.find((s) => s.currency === 'USD')!;
    expect(usd.total.committed).toEqual({
      count: usd.total.approved.count + usd.total.paid.count,
      amountMinor: usd.total.approved.amountMinor + usd.total.paid.amountMinor,
    });
    expect(summary.currencies.map((s) => s.currency)).toEqual(['EUR', 'USD']);
  });

  it('purges an event’s expenses and totals page by page', async () => {
    const expenses = (await allExpenses()).length;
    const totals = (await c.deps.expenses.totals(orgId, eventId)).length;
    expect(expenses).toBeGreaterThan(0);
    expect(totals).toBeGreaterThan(0);
    let removed = 0;
    let pages = 0;
    for (;;) {
      const n = await c.deps.expenses.purgeEvent(orgId, eventId, 5);
      removed += n;
      pages += 1;
      if (n < 5) break;
    }
    expect(removed).toBe(expenses + totals);
    expect(pages).toBe(Math.floor((expenses + totals) / 5) + 1);
    expect(await allExpenses()).toEqual([]);
    expect(await c.deps.expenses.totals(orgId, eventId)).toEqual([]);
  });
});
