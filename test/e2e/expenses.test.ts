import { describe, expect, it } from 'vitest';
import { type ApiResponse, useLocalRuntime } from '../support/local-runtime.js';

/**
 * An event's expenses over HTTP: an organizer submits one, cannot approve it; an admin who did not
 * submit it approves it, the owner pays it; an admin's own expense is refused to them
 * (SELF_APPROVAL) and rejected by the owner; the summary counts each by status, the list filters
 * by status and category, and bad receipt links and currencies are refused naming the field.
 */

const rt = useLocalRuntime();

const ok = <T>(res: ApiResponse<T>, status = 200): T => {
  expect(res.status, res.text).toBe(status);
  return res.json;
};

interface Expense {
  expenseId: string;
  status: string;
  submittedBy: string;
  decidedBy: string | null;
  paidBy: string | null;
  paymentDate: string | null;
  rejectionReason: string | null;
}
interface Problem {
  code: string;
  errors?: { field: string }[];
}
interface Tally {
  count: number;
  amountMinor: number;
}
interface Summary {
  currencies: {
    currency: string;
    categories: { category: string; pending: Tally; approved: Tally; paid: Tally; committed: Tally }[];
    total: { pending: Tally; approved: Tally; rejected: Tally; paid: Tally; committed: Tally };
  }[];
  budget: unknown[];
}

const member = async (ownerToken: string, orgId: string, sub: string, role: string) => {
  const email = `${sub}@expenses.example`;
  const token = await rt.mintToken({ sub, email });
  const invite = ok(
    await rt.call<{ token: string }>('POST', `/v1/orgs/${orgId}/invites`, {
      token: ownerToken,
      body: { email, role },
    }),
    201,
  );
  ok(await rt.call('POST', '/v1/invites/accept', { token, body: { token: invite.token } }), 201);
  return token;
};

const world = async () => {
  const owner = await rt.mintToken({ sub: 'exp-owner', email: 'owner@expenses.example' });
  const { orgId } = ok(
    await rt.call<{ orgId: string }>('POST', '/v1/orgs', { token: owner, body: { name: 'Exp' } }),
    201,
  );
  const venue = ok(
    await rt.call<{ venueId: string }>('POST', `/v1/orgs/${orgId}/venues`, {
      token: owner,
      body: {
        name: 'Hall',
        address: 'Street 1',
        city: 'Berlin',
        timezone: 'Europe/Berlin',
        rooms: [{ name: 'A' }],
      },
    }),
    201,
  );
  const { eventId } = ok(
    await rt.call<{ eventId: string }>('POST', `/v1/orgs/${orgId}/events`, {
      token: owner,
      body: { venueId: venue.venueId, title: 'Summit', defaultCapacity: 20, defaultDurationMinutes: 60 },
    }),
    201,
  );
  const admin = await member(owner, orgId, 'exp-admin', 'admin');
  const organizer = await member(owner, orgId, 'exp-organizer', 'organizer');
  return { owner, admin, organizer, base: `/v1/orgs/${orgId}/events/${eventId}/expenses` };
};

describe('expenses over HTTP', () => {
  it('is submitted by one member, approved by another and paid; nobody approves their own', async () => {
    const w = await world();
    const call = <T>(token: string, method: string, path: string, body?: unknown) =>
      rt.call<T>(method, `${w.base}${path}`, { token, ...(body === undefined ? {} : { body }) });

    const coffee = ok(
      await call<Expense>(w.organizer, 'POST', '', {
        name: 'Coffee, day one',
        category: 'catering',
        amountMinor: 45_000,
        currency: 'EUR',
        vendorName: 'Beans Ltd',
        invoiceNumber: 'INV-4711',
        receiptUrl: 'https://files.example.com/receipts/4711.pdf',
      }),
      201,
    );
    expect(coffee).toMatchObject({ status: 'pending', submittedBy: 'exp-organizer', decidedBy: null });

    // An organizer submits, does not approve.
    const byOrganizer = await call<Problem>(w.organizer, 'POST', `/${coffee.expenseId}/approve`);
    expect(byOrganizer.status, byOrganizer.text).toBe(403);
    expect(byOrganizer.json.code).toBe('FORBIDDEN');
    // Paid only once approved.
    const early = await call<Problem>(w.owner, 'POST', `/${coffee.expenseId}/pay`, {
      paymentDate: '2027-06-30',
    });
    expect(early.status, early.text).toBe(409);
    expect(early.json.code).toBe('INVALID_TRANSITION');

    const approved = ok(await call<Expense>(w.admin, 'POST', `/${coffee.expenseId}/approve`));
    expect(approved).toMatchObject({ status: 'approved', decidedBy: 'exp-admin' });
    // Asked again, the approval answers the same.
    expect(ok(await call<Expense>(w.admin, 'POST', `/${coffee.expenseId}/approve`))).toEqual(approved);
    // Decided: no more edits.
    const edit = await call<Problem>(w.organizer, 'PATCH', `/${coffee.expenseId}`, { amountMinor: 1 });
    expect(edit.status, edit.text).toBe(409);
    expect(edit.json.code).toBe('EXPENSE_NOT_PENDING');
    const paid = ok(
      await call<Expense>(w.owner, 'POST', `/${coffee.expenseId}/pay`, { paymentDate: '2027-06-30' }),
    );
    expect(paid).toMatchObject({ status: 'paid', paidBy: 'exp-owner', paymentDate: '2027-06-30' });

    // The admin's own expense: not theirs to decide; the owner rejects it with a reason.
    const own = ok(
      await call<Expense>(w.admin, 'POST', '', {
        name: 'Banner',
        category: 'marketing',
        amountMinor: 9_900,
        currency: 'EUR',
      }),
      201,
    );
    for (const step of ['approve', 'reject']) {
      const self = await call<Problem>(
        w.admin,
        'POST',
        `/${own.expenseId}/${step}`,
        step === 'reject' ? { reason: 'mine' } : undefined,
      );
      expect(self.status, self.text).toBe(403);
      expect(self.json.code).toBe('SELF_APPROVAL');
    }
    const rejected = ok(
      await call<Expense>(w.owner, 'POST', `/${own.expenseId}/reject`, { reason: 'Over budget' }),
    );
    expect(rejected).toMatchObject({
      status: 'rejected',
      rejectionReason: 'Over budget',
      decidedBy: 'exp-owner',
    });
    const late = await call<Problem>(w.admin, 'POST', `/${own.expenseId}/approve`);
    expect(late.json.code).toBe('SELF_APPROVAL');
    const reopen = await call<Problem>(w.owner, 'POST', `/${own.expenseId}/approve`);
    expect(reopen.status, reopen.text).toBe(409);
    expect(reopen.json.code).toBe('INVALID_TRANSITION');

    // A third stays pending; its submitter edits it.
    const tickets = ok(
      await call<Expense>(w.organizer, 'POST', '', {
        name: 'Train',
        category: 'travel',
        amountMinor: 12_000,
        currency: 'EUR',
      }),
      201,
    );
    ok(await call(w.organizer, 'PATCH', `/${tickets.expenseId}`, { amountMinor: 13_000 }));

    const summary = ok(await call<Summary>(w.owner, 'GET', '/summary'));
    expect(summary.budget).toEqual([]);
    const [eur] = summary.currencies;
    expect(summary.currencies).toHaveLength(1);
    expect(eur!.total).toEqual({
      pending: { count: 1, amountMinor: 13_000 },
      approved: { count: 0, amountMinor: 0 },
      rejected: { count: 1, amountMinor: 9_900 },
      paid: { count: 1, amountMinor: 45_000 },
      committed: { count: 1, amountMinor: 45_000 },
    });
    expect(eur!.categories.find((c) => c.category === 'catering')?.committed).toEqual({
      count: 1,
      amountMinor: 45_000,
    });

    const travel = ok(await call<{ items: Expense[] }>(w.owner, 'GET', '?category=travel&status=pending'));
    expect(travel.items.map((e) => e.expenseId)).toEqual([tickets.expenseId]);
    const paidOnes = ok(await call<{ items: Expense[] }>(w.organizer, 'GET', '?status=paid'));
    expect(paidOnes.items.map((e) => e.expenseId)).toEqual([coffee.expenseId]);
  });

  it('refuses a receipt that is not https and a currency that is not ISO 4217, naming the field', async () => {
    const w = await world();
    const body = { name: 'Stage', category: 'venue', amountMinor: 100, currency: 'EUR' };
    for (const [field, value] of [
      ['receiptUrl', 'http://files.example.com/r.pdf'],
      ['invoiceUrl', 'ftp://files.example.com/i.pdf'],
      ['currency', 'euro'],
      ['amountMinor', 12.5],
    ] as const) {
      const res = await rt.call<Problem>('POST', w.base, {
        token: w.organizer,
        body: { ...body, [field]: value },
      });
      expect(res.status, res.text).toBe(422);
      expect(res.json.errors?.map((e) => e.field)).toContain(`body.${field}`);
    }
  });
});
