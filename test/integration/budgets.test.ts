import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import { getBudget, putBudgetLine } from '../../functions/modules/budgets/domain/budgets.js';
import { createEvent } from '../../functions/modules/catalog/domain/events.js';
import {
  approveExpense,
  createExpense,
  payExpense,
} from '../../functions/modules/expenses/domain/expenses.js';
import { expenseSummary } from '../../functions/modules/expenses/domain/summary.js';
import { createContract, updateContract } from '../../functions/modules/vendors/domain/contracts.js';
import { createVendor, updateVendor } from '../../functions/modules/vendors/domain/vendors.js';
import { eventInput, orgWith, venueIn } from './catalog-world.js';
import { freshContainer, user } from './fixtures.js';

/**
 * Budgets and vendor contracts on DynamoDB Local: a line's actual is its category's approved and
 * paid expenses (the expenses' totals) plus its signed and paid contracts, in its currency; drafts,
 * cancelled contracts, pending expenses and other currencies do not count; the contract rules
 * (installments, terms fixed once signed, archived vendors, retried moves); the expense summary's
 * comparison with the lines; an event's purge of contracts and lines.
 */

const owner = user('bud-owner');
const admin = user('bud-admin');

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (err) {
    return (err as { code: string }).code;
  }
  throw new Error('expected a refusal');
};

describe('budgets and vendor contracts on DynamoDB Local', () => {
  let c: Container & { tableName: string };
  let orgId: string;
  let eventId: string;
  let vendorId: string;

  beforeAll(async () => {
    c = await freshContainer();
    orgId = await orgWith(c, owner.sub, { [admin.sub]: 'admin' });
    const venue = await venueIn(c, owner.sub, orgId);
    ({ eventId } = await createEvent(c.deps, owner, orgId, eventInput(venue.venueId, { title: 'Budgeted' })));
    ({ vendorId } = await createVendor(c.deps, owner, orgId, {
      name: 'Brandt Catering',
      category: 'catering',
    }));
  });

  const contract = (amountMinor: number, currency = 'EUR') =>
    createContract(c.deps, owner, orgId, eventId, { vendorId, title: 'Lunch', amountMinor, currency });
  const expense = async (amountMinor: number, then: 'pending' | 'approved' | 'paid') => {
    const e = await createExpense(c.deps, admin, orgId, eventId, {
      name: 'Snacks',
      category: 'catering',
      amountMinor,
      currency: 'EUR',
    });
    const ref = { orgId, eventId, expenseId: e.expenseId };
    if (then !== 'pending') await approveExpense(c.deps, owner, ref);
    if (then === 'paid') await payExpense(c.deps, owner, ref, '2027-05-01');
  };

  it('keeps a contract to its rules: installments add up, terms fixed once signed, moves only along the flow', async () => {
    expect(
      await codeOf(
        createContract(c.deps, owner, orgId, eventId, {
          vendorId,
          title: 'Split',
          amountMinor: 1_000,
          currency: 'EUR',
          installments: [{ dueDate: '2027-05-01', amountMinor: 999 }],
        }),
      ),
    ).toBe('VALIDATION_FAILED');
    const made = await contract(5_000);
    expect(made.category).toBe('catering');
    const at = { orgId, eventId, contractId: made.contractId };
    const signed = await updateContract(c.deps, owner, at, { status: 'signed' });
    expect(signed.signedAt).not.toBeNull();
    // Asked again: answered as it is, nothing written (same version).
    expect((await updateContract(c.deps, owner, at, { status: 'signed' })).version).toBe(signed.version);
    expect(await codeOf(updateContract(c.deps, owner, at, { amountMinor: 6_000 }))).toBe(
      'CONTRACT_NOT_DRAFT',
    );
    expect(await codeOf(updateContract(c.deps, owner, at, { status: 'draft' }))).toBe('INVALID_TRANSITION');
    const cancelled = await updateContract(c.deps, owner, at, { status: 'cancelled' });
    expect(cancelled.status).toBe('cancelled');
    expect(await codeOf(updateContract(c.deps, owner, at, { status: 'paid' }))).toBe('INVALID_TRANSITION');
  });

  it('refuses a contract with an archived vendor', async () => {
    const archived = await createVendor(c.deps, owner, orgId, { name: 'Old Print', category: 'printing' });
    await updateVendor(c.deps, owner, orgId, archived.vendorId, { status: 'archived' });
    expect(
      await codeOf(
        createContract(c.deps, owner, orgId, eventId, {
          vendorId: archived.vendorId,
          title: 'Flyers',
          amountMinor: 100,
          currency: 'EUR',
        }),
      ),
    ).toBe('VENDOR_ARCHIVED');
  });

  it('reads the actuals from approved and paid expenses and signed and paid contracts, and flags the line over', async () => {
    await putBudgetLine(c.deps, owner, orgId, eventId, 'catering', { plannedMinor: 50_000, currency: 'EUR' });
    await expense(10_000, 'approved');
    await expense(5_000, 'paid');
    await expense(90_000, 'pending');
    const signed = await contract(30_000);
    await updateContract(
      c.deps,
      owner,
      { orgId, eventId, contractId: signed.contractId },
      { status: 'signed' },
    );
    const paid = await contract(7_000);
    const paidAt = { orgId, eventId, contractId: paid.contractId };
    await updateContract(c.deps, owner, paidAt, { status: 'signed' });
    await updateContract(c.deps, owner, paidAt, { status: 'paid' });
    await contract(80_000); // a draft: not owed yet
    await contract(1_000, 'USD').then((d) =>
      updateContract(c.deps, owner, { orgId, eventId, contractId: d.contractId }, { status: 'signed' }),
    );

    const budget = await getBudget(c.deps, owner, orgId, eventId);
    expect(budget.lines).toHaveLength(1);
    expect(budget.lines[0]).toMatchObject({
      category: 'catering',
      plannedMinor: 50_000,
      expensesMinor: 15_000,
      contractsMinor: 37_000,
      actualMinor: 52_000,
      overBudget: true,
      overByMinor: 2_000,
      remainingMinor: -2_000,
    });
    expect(budget.unplanned).toEqual([
      { category: 'catering', currency: 'USD', expensesMinor: 0, contractsMinor: 1_000, actualMinor: 1_000 },
    ]);
    expect(budget.totals.map((t) => [t.currency, t.plannedMinor, t.actualMinor, t.overBudget])).toEqual([
      ['EUR', 50_000, 52_000, true],
      ['USD', 0, 1_000, true],
    ]);

    // The expense summary compares the line with the expenses alone.
    const summary = await expenseSummary(c.deps, owner, orgId, eventId);
    expect(summary.budget).toEqual([
      {
        currency: 'EUR',
        categories: [
          {
            category: 'catering',
            plannedMinor: 50_000,
            actualMinor: 15_000,
            remainingMinor: 35_000,
            overBudget: false,
            overByMinor: 0,
          },
        ],
        total: {
          plannedMinor: 50_000,
          actualMinor: 15_000,
          remainingMinor: 35_000,
          overBudget: false,
          overByMinor: 0,
        },
      },
    ]);
  });

  it("purges an event's contracts and budget lines page by page", async () => {
    expect(await c.deps.vendorContracts.purgeEvent(orgId, eventId, 2)).toBe(2);
    while ((await c.deps.vendorContracts.purgeEvent(orgId, eventId, 2)) === 2);
    expect(
      await c.deps.vendorContracts.listByStatus(orgId, eventId, ['draft', 'signed', 'paid', 'cancelled']),
    ).toEqual([]);
    expect(await c.deps.budgetLines.purgeEvent(orgId, eventId, 10)).toBe(1);
    expect(await c.deps.budgetLines.list(orgId, eventId)).toEqual([]);
  });
});
