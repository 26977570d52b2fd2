import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import { createEvent } from '../../functions/modules/catalog/domain/events.js';
import { moveDeal } from '../../functions/modules/sponsorships/domain/deal-status.js';
import { setStepCompleted } from '../../functions/modules/sponsorships/domain/deal-work.js';
import { createDeal } from '../../functions/modules/sponsorships/domain/deals.js';
import type { DealStatus } from '../../functions/modules/sponsorships/domain/model.js';
import {
  createPackage,
  type PackageInput,
  updatePackage,
} from '../../functions/modules/sponsorships/domain/packages.js';
import { eventInput, orgWith, venueIn } from './catalog-world.js';
import { freshContainer, user } from './fixtures.js';

/**
 * Sponsorship sales on DynamoDB Local: slots sold by the signing's transaction and never more than
 * the quantity when signings race, a cancelled deal's slot given back, the quantity never below
 * what is sold, a signing retried after a first attempt died before the sponsor (one sponsor, one
 * set of steps), concurrent step completions counted exactly, and an event's purge page by page.
 */

const owner = user('spons-owner');
const organizer = user('spons-organizer');

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (err) {
    return (err as { code: string }).code;
  }
  throw new Error('expected a refusal');
};

const input = (overrides: Partial<PackageInput> = {}): PackageInput => ({
  name: 'Gold',
  tier: 'gold',
  price: { amountMinor: 100_000, currency: 'EUR' },
  quantity: 2,
  onboardingSteps: ['Logo received', 'Invoice paid', 'Booth plan'],
  activations: [{ name: 'Logo on website', scheduledDate: '2027-05-01' }],
  ...overrides,
});

describe('sponsorship sales on DynamoDB Local', () => {
  let c: Container & { tableName: string };
  let orgId: string;
  let eventId: string;

  beforeAll(async () => {
    c = await freshContainer();
    orgId = await orgWith(c, owner.sub, { [organizer.sub]: 'organizer' });
    const venue = await venueIn(c, owner.sub, orgId);
    ({ eventId } = await createEvent(
      c.deps,
      owner,
      orgId,
      eventInput(venue.venueId, { title: 'Sponsored' }),
    ));
  });

  const at = (dealId: string) => ({ orgId, eventId, dealId });
  const move = (dealId: string, status: DealStatus) => moveDeal(c.deps, organizer, at(dealId), status);
  /** A deal of the package at proposal_sent. */
  const proposed = async (packageId: string, companyName: string) => {
    const d = await createDeal(c.deps, organizer, orgId, eventId, { packageId, companyName });
    await move(d.dealId, 'proposal_sent');
    return d.dealId;
  };
  const sold = async (packageId: string) =>
    (await c.deps.sponsorships.getPackage(orgId, eventId, packageId))?.sold;

  it('sells no more slots than the quantity, gives a cancelled one back and keeps the quantity above sold', async () => {
    const pkg = await createPackage(c.deps, organizer, orgId, eventId, input());
    const deals = await Promise.all(Array.from({ length: 6 }, (_, i) => proposed(pkg.packageId, `Co ${i}`)));

    const outcomes = await Promise.allSettled(deals.map((d) => move(d, 'contract_signed')));
    const won = deals.filter((_, i) => outcomes[i]?.status === 'fulfilled');
    expect(won).toHaveLength(2);
    for (const o of outcomes)
      if (o.status === 'rejected') expect((o.reason as { code: string }).code).toBe('PACKAGE_SOLD_OUT');
    expect(await sold(pkg.packageId)).toBe(2);

    // Below the slots sold: refused; the quantity and sold stay.
    expect(
      await codeOf(updatePackage(c.deps, organizer, orgId, eventId, pkg.packageId, { quantity: 1 })),
    ).toBe('QUANTITY_BELOW_SOLD');
    // A cancelled signed deal gives its slot back, once however often asked.
    const cancelled = await move(won[0] ?? '', 'cancelled');
    expect(cancelled.status).toBe('cancelled');
    expect(await move(won[0] ?? '', 'cancelled')).toEqual(cancelled);
    expect(await sold(pkg.packageId)).toBe(1);
    const sponsor = await c.deps.sponsors.get(orgId, eventId, cancelled.sponsorId ?? '');
    expect(sponsor?.status).toBe('cancelled');

    const waiting = deals.filter((d) => !won.includes(d));
    await move(waiting[0] ?? '', 'contract_signed');
    expect(await codeOf(move(waiting[1] ?? '', 'contract_signed'))).toBe('PACKAGE_SOLD_OUT');
    await updatePackage(c.deps, organizer, orgId, eventId, pkg.packageId, { quantity: 3 });
    await move(waiting[1] ?? '', 'contract_signed');
    expect(await sold(pkg.packageId)).toBe(3);

    // Retired: no signing, no new deal.
    await updatePackage(c.deps, organizer, orgId, eventId, pkg.packageId, { status: 'retired', quantity: 6 });
    expect(await codeOf(move(waiting[2] ?? '', 'contract_signed'))).toBe('PACKAGE_RETIRED');
    expect(
      await codeOf(
        createDeal(c.deps, organizer, orgId, eventId, { packageId: pkg.packageId, companyName: 'Late' }),
      ),
    ).toBe('PACKAGE_RETIRED');
    // A lost deal cannot be signed; the moves out of it name where it stands.
    await move(waiting[3] ?? '', 'lost');
    expect(await codeOf(move(waiting[3] ?? '', 'contract_signed'))).toBe('INVALID_TRANSITION');
  });

  it('creates one sponsor and one set of steps when a signing is retried after dying before the sponsor', async () => {
    const pkg = await createPackage(
      c.deps,
      organizer,
      orgId,
      eventId,
      input({ tier: 'bronze', quantity: 5 }),
    );
    const dealId = await proposed(pkg.packageId, 'Retry GmbH');
    // The first attempt commits the signing, then its process dies before the sponsor is written.
    const dying = {
      ...c.deps,
      sponsors: { ...c.deps.sponsors, createOnce: () => Promise.reject(new Error('process died')) },
    };
    await expect(moveDeal(dying, organizer, at(dealId), 'contract_signed')).rejects.toThrow('process died');
    const signed = await c.deps.sponsorships.getDeal(orgId, eventId, dealId);
    expect(signed?.status).toBe('contract_signed');
    expect(await c.deps.sponsors.get(orgId, eventId, signed?.sponsorId ?? '')).toBeUndefined();

    // Retried (twice at once, then once more): the deal answers unchanged, the sponsor is made once.
    const again = await Promise.all([move(dealId, 'contract_signed'), move(dealId, 'contract_signed')]);
    expect(again).toEqual([signed, signed]);
    expect(await move(dealId, 'contract_signed')).toEqual(signed);
    const sponsors = (await c.deps.sponsors.listAll(orgId, eventId)).filter(
      (s) => s.companyName === 'Retry GmbH',
    );
    expect(sponsors).toEqual([
      expect.objectContaining({ sponsorId: signed?.sponsorId, tier: 'bronze', status: 'confirmed' }),
    ]);
    const work = await c.deps.sponsorships.dealWork(orgId, eventId, dealId);
    expect(work.steps.map((s) => s.name)).toEqual(['Logo received', 'Invoice paid', 'Booth plan']);
    expect(work.activations).toHaveLength(1);
    expect(await sold(pkg.packageId)).toBe(1);
  });

  it('counts steps completed at once exactly and moves the deal as they say', async () => {
    const pkg = await createPackage(
      c.deps,
      organizer,
      orgId,
      eventId,
      input({ activations: [], quantity: 1 }),
    );
    const dealId = await proposed(pkg.packageId, 'Steps AG');
    await move(dealId, 'contract_signed');
    const { steps } = await c.deps.sponsorships.dealWork(orgId, eventId, dealId);
    await Promise.all(
      steps.map((s) => setStepCompleted(c.deps, organizer, { ...at(dealId), stepId: s.stepId }, true)),
    );
    const deal = await c.deps.sponsorships.getDeal(orgId, eventId, dealId);
    expect(deal).toMatchObject({ stepsCompleted: 3, stepsTotal: 3, status: 'activations_delivered' });
    // Done: the steps take no more changes; asked for what is so, it answers unchanged.
    const first = { ...at(dealId), stepId: steps[0]?.stepId ?? '' };
    expect(await codeOf(setStepCompleted(c.deps, organizer, first, false))).toBe('DEAL_NOT_OPEN');
    expect((await setStepCompleted(c.deps, organizer, first, true)).deal).toEqual(deal);
  });

  it("purges an event's packages, deals, steps and activations page by page", async () => {
    let removed = 0;
    let page: number;
    do {
      page = await c.deps.sponsorships.purgeEvent(orgId, eventId, 5);
      removed += page;
    } while (page === 5);
    expect(removed).toBeGreaterThan(20);
    expect((await c.deps.sponsorships.listPackages(orgId, eventId, { limit: 10 })).items).toEqual([]);
    expect((await c.deps.sponsorships.listDeals(orgId, eventId, {}, { limit: 10 })).items).toEqual([]);
  });
});
