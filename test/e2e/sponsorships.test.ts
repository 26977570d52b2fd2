import { describe, expect, it } from 'vitest';
import { type ApiResponse, useLocalRuntime } from '../support/local-runtime.js';

/**
 * Sponsorship sales over HTTP: a package with 3 slots sells exactly 3 when 30 deals are signed at
 * once (27 answered 409 PACKAGE_SOLD_OUT, the package shows 3 sold, 3 sponsors exist), and a deal
 * runs its whole flow (proposal, signing, onboarding steps, activations) and creates its sponsor in
 * the event's sponsor list.
 */

const rt = useLocalRuntime();

const ok = <T>(res: ApiResponse<T>, status = 200): T => {
  expect(res.status, res.text).toBe(status);
  return res.json;
};

interface Deal {
  dealId: string;
  status: string;
  sponsorId: string | null;
  amount: { amountMinor: number; currency: string };
  signedAt: string | null;
}
interface DealDetail extends Deal {
  steps: { stepId: string; name: string; completed: boolean }[];
  activations: { activationId: string; name: string; delivered: boolean; scheduledDate: string | null }[];
}
interface Sponsor {
  sponsorId: string;
  companyName: string;
  tier: string;
  status: string;
  amount: { amountMinor: number } | null;
}

const world = async (name: string) => {
  const owner = await rt.mintToken({ sub: `${name}-owner`, email: `owner@${name}.example` });
  const { orgId } = ok(
    await rt.call<{ orgId: string }>('POST', '/v1/orgs', { token: owner, body: { name } }),
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
  const event = `/v1/orgs/${orgId}/events/${eventId}`;
  const call = <T>(method: string, path: string, body?: unknown) =>
    rt.call<T>(method, `${event}${path}`, { token: owner, ...(body === undefined ? {} : { body }) });
  const pkg = async (body: Record<string, unknown>) =>
    ok(await call<{ packageId: string }>('POST', '/sponsorship-packages', body), 201).packageId;
  const deal = async (packageId: string, companyName: string) =>
    ok(await call<Deal>('POST', '/sponsorship-deals', { packageId, companyName }), 201).dealId;
  const move = (dealId: string, status: string) =>
    call<Deal & { code?: string }>('POST', `/sponsorship-deals/${dealId}/status`, { status });
  return { call, pkg, deal, move };
};

/** Runs `tasks` at most `width` at a time (the local runtime serves one machine's worth). */
const inBatches = async <T>(tasks: (() => Promise<T>)[], width = 15): Promise<T[]> => {
  const out: T[] = [];
  for (let i = 0; i < tasks.length; i += width)
    out.push(...(await Promise.all(tasks.slice(i, i + width).map((t) => t()))));
  return out;
};

describe('sponsorship sales over HTTP', () => {
  it('a package with 3 slots sells exactly 3 under 30 concurrent deals', async () => {
    const w = await world('spons-race');
    const packageId = await w.pkg({
      name: 'Gold',
      tier: 'gold',
      price: { amountMinor: 1_000_000, currency: 'EUR' },
      quantity: 3,
    });
    const dealIds = await inBatches(
      Array.from({ length: 30 }, (_, i) => () => w.deal(packageId, `Company ${i}`)),
    );
    await inBatches(dealIds.map((id) => async () => ok(await w.move(id, 'proposal_sent'))));

    // All 30 signed at once.
    const answers = await Promise.all(dealIds.map((id) => w.move(id, 'contract_signed')));
    const signed = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status === 409);
    expect(signed).toHaveLength(3);
    expect(refused).toHaveLength(27);
    for (const r of refused) expect(r.json.code).toBe('PACKAGE_SOLD_OUT');

    const pkg = ok(
      await w.call<{ sold: number; quantity: number }>('GET', `/sponsorship-packages/${packageId}`),
    );
    expect(pkg).toMatchObject({ sold: 3, quantity: 3 });
    const sponsors = ok(await w.call<{ items: Sponsor[] }>('GET', '/sponsors?limit=100'));
    expect(sponsors.items).toHaveLength(3);
    expect(sponsors.items.map((s) => s.sponsorId).sort()).toEqual(signed.map((s) => s.json.sponsorId).sort());
    const stillOpen = ok(
      await w.call<{ items: Deal[] }>('GET', '/sponsorship-deals?limit=100&status=proposal_sent'),
    );
    expect(stillOpen.items).toHaveLength(27);

    // A cancelled signed deal gives its slot back: one more deal signs, no more.
    const [first] = signed;
    ok(await w.move(first?.json.dealId ?? '', 'cancelled'));
    const [a, b] = refused.map((r) => dealIds[answers.indexOf(r)] ?? '');
    ok(await w.move(a ?? '', 'contract_signed'));
    expect((await w.move(b ?? '', 'contract_signed')).json.code).toBe('PACKAGE_SOLD_OUT');
    // Nor may the quantity go below what is sold.
    const lowered = await w.call<{ code: string }>('PATCH', `/sponsorship-packages/${packageId}`, {
      quantity: 2,
    });
    expect(lowered.status).toBe(409);
    expect(lowered.json.code).toBe('QUANTITY_BELOW_SOLD');
    // About 3 s alone; 30 signings at once through one local process slow down most on a loaded machine.
  }, 60_000);

  it('a deal runs its whole flow and creates its sponsor', async () => {
    const w = await world('spons-flow');
    const packageId = await w.pkg({
      name: 'Silver booth',
      tier: 'silver',
      price: { amountMinor: 250_000, currency: 'EUR' },
      benefits: ['Booth', 'Logo'],
      quantity: 5,
      onboardingSteps: ['Contract countersigned', 'Logo received'],
      activations: [{ name: 'Logo on website', scheduledDate: '2027-05-01' }, { name: 'Booth' }],
    });
    const created = ok(
      await w.call<Deal>('POST', '/sponsorship-deals', {
        packageId,
        companyName: 'Acme',
        contact: { name: 'Ada', email: 'ada@acme.example' },
      }),
      201,
    );
    expect(created).toMatchObject({ status: 'prospect', amount: { amountMinor: 250_000, currency: 'EUR' } });
    const dealId = created.dealId;

    // Signing before the proposal is refused, naming where the deal stands.
    const early = await w.move(dealId, 'contract_signed');
    expect(early.status).toBe(409);
    expect(early.json).toMatchObject({
      code: 'INVALID_TRANSITION',
      details: { currentStatus: 'prospect', allowedStatuses: ['proposal_sent', 'lost'] },
    });
    ok(await w.move(dealId, 'proposal_sent'));
    const signed = ok(await w.move(dealId, 'contract_signed'));
    expect(signed.status).toBe('contract_signed');
    // Asked again, the signing answers the deal unchanged and creates nothing twice.
    expect(ok(await w.move(dealId, 'contract_signed'))).toEqual(signed);

    const sponsors = ok(await w.call<{ items: Sponsor[] }>('GET', '/sponsors'));
    expect(sponsors.items).toEqual([
      expect.objectContaining({
        sponsorId: signed.sponsorId,
        companyName: 'Acme',
        tier: 'silver',
        status: 'confirmed',
        amount: expect.objectContaining({ amountMinor: 250_000 }),
      }),
    ]);

    let detail = ok(await w.call<DealDetail>('GET', `/sponsorship-deals/${dealId}`));
    expect(detail.steps.map((s) => s.name)).toEqual(['Contract countersigned', 'Logo received']);
    expect(detail.activations.map((a) => [a.name, a.scheduledDate])).toEqual([
      ['Logo on website', '2027-05-01'],
      ['Booth', null],
    ]);
    const [step1, step2] = detail.steps;
    const [logo, booth] = detail.activations;
    const path = `/sponsorship-deals/${dealId}`;
    detail = ok(await w.call<DealDetail>('PATCH', `${path}/steps/${step1?.stepId}`, { completed: true }));
    expect(detail.status).toBe('onboarding');
    // Delivering it by hand is refused while work is left.
    expect((await w.move(dealId, 'activations_delivered')).json.code).toBe('DEAL_INCOMPLETE');
    detail = ok(await w.call<DealDetail>('PATCH', `${path}/steps/${step2?.stepId}`, { completed: true }));
    detail = ok(
      await w.call<DealDetail>('PATCH', `${path}/activations/${booth?.activationId}`, {
        scheduledDate: '2027-06-01',
      }),
    );
    detail = ok(
      await w.call<DealDetail>('PATCH', `${path}/activations/${logo?.activationId}`, { delivered: true }),
    );
    expect(detail.status).toBe('onboarding');
    detail = ok(
      await w.call<DealDetail>('PATCH', `${path}/activations/${booth?.activationId}`, { delivered: true }),
    );
    expect(detail).toMatchObject({
      status: 'activations_delivered',
      stepsCompleted: 2,
      activationsDelivered: 2,
    });
    expect(detail.activations.map((a) => [a.delivered, a.scheduledDate])).toEqual([
      [true, '2027-05-01'],
      [true, '2027-06-01'],
    ]);
    // Delivered is final.
    expect((await w.move(dealId, 'cancelled')).json.code).toBe('INVALID_TRANSITION');
    const pkg = ok(await w.call<{ sold: number }>('GET', `/sponsorship-packages/${packageId}`));
    expect(pkg.sold).toBe(1);
  });
});
