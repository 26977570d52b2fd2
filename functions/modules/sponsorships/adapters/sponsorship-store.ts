import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { commitTransaction, type TxEntities, type TxItem } from '../../../kernel/dynamo/transactions.js';
import type { Deal } from '../domain/model.js';
import type { DealWrite, SponsorshipStore } from '../domain/ports.js';
import {
  packageEdit,
  storedActivation,
  storedDeal,
  storedPackage,
  storedStep,
  toActivation,
  toDeal,
  toPackage,
  toStep,
} from './sponsorship-items.js';

type At = Pick<Deal, 'orgId' | 'eventId'>;

export const dynamoSponsorshipStore = (service: EventlyService): SponsorshipStore => {
  const { event, sponsorshipPackage, sponsorshipDeal, sponsorOnboardingStep, sponsorActivation } =
    service.entities;

  const getPackage = async (orgId: string, eventId: string, packageId: string) => {
    const { data } = await sponsorshipPackage.get({ orgId, eventId, packageId }).go({ consistent: true });
    return data ? toPackage(data) : undefined;
  };

  const whyEventRefused = async ({ orgId, eventId }: At): Promise<Error> => {
    const { data } = await event.get({ orgId, eventId }).go({ consistent: true });
    if (!data) return notFound('event');
    return new DomainError('EVENT_DELETING', 'the event is being deleted');
  };

  const whyNoSlot = async (at: At, packageId: string): Promise<Error> => {
    const pkg = await getPackage(at.orgId, at.eventId, packageId);
    if (!pkg) return notFound('sponsorship package');
    if (pkg.status === 'retired')
      return new DomainError('PACKAGE_RETIRED', 'the package is retired: no deal is signed on it', {
        packageId,
      });
    return new DomainError('PACKAGE_SOLD_OUT', `all ${pkg.quantity} slots of the package are sold`, {
      packageId,
      quantity: pkg.quantity,
      sold: pkg.sold,
    });
  };

  // In the same transaction: an item put beside an event whose cascade already ran would be orphaned.
  const eventLive = (tx: TxEntities, at: At): TxItem => ({
    label: 'event',
    write: tx.event
      .check({ orgId: at.orgId, eventId: at.eventId })
      .where(({ deleting }, { eq }) => eq(deleting, false))
      .commit(),
    fails: () => whyEventRefused(at),
  });

  const slotWrite = (tx: TxEntities, deal: Deal, slot: 'take' | 'release'): TxItem => {
    const key = { orgId: deal.orgId, eventId: deal.eventId, packageId: deal.packageId };
    if (slot === 'release')
      return {
        label: 'package',
        write: tx.sponsorshipPackage
          .update(key)
          .add({ sold: -1 })
          .where(({ sold }, { gt }) => gt(sold, 0))
          .commit(),
      };
    return {
      label: 'package',
      // The one place a slot is taken: never more signed deals than the quantity, whatever runs at once.
      write: tx.sponsorshipPackage
        .update(key)
        .add({ sold: 1 })
        .where(
          ({ sold, quantity, status }, { eq, name }) =>
            `${name(sold)} < ${name(quantity)} AND ${eq(status, 'active')}`,
        )
        .commit(),
      fails: () => whyNoSlot(deal, deal.packageId),
    };
  };

  const dealItems = (tx: TxEntities, w: DealWrite): TxItem[] => [
    {
      label: 'deal',
      write: tx.sponsorshipDeal
        .put(storedDeal(w.after))
        .where(
          ({ version, status }, { eq }) =>
            `${eq(version, w.before.version)} AND ${eq(status, w.before.status)}`,
        )
        .commit(),
      fails: 'refused',
    },
    eventLive(tx, w.after),
    ...(w.slot ? [slotWrite(tx, w.after, w.slot)] : []),
    ...(w.newSteps ?? []).map((s) => ({
      label: 'step',
      write: tx.sponsorOnboardingStep.create(storedStep(s)).commit(),
    })),
    ...(w.newActivations ?? []).map((a) => ({
      label: 'activation',
      write: tx.sponsorActivation.create(storedActivation(a)).commit(),
    })),
    ...(w.step ? [{ label: 'step', write: tx.sponsorOnboardingStep.put(storedStep(w.step)).commit() }] : []),
    ...(w.activation
      ? [{ label: 'activation', write: tx.sponsorActivation.put(storedActivation(w.activation)).commit() }]
      : []),
  ];

  return {
    async createPackage(p) {
      await commitTransaction(service, (tx) => [
        { label: 'package', write: tx.sponsorshipPackage.create(storedPackage(p)).commit() },
        eventLive(tx, p),
      ]);
    },

    getPackage,

    listPackages: (orgId, eventId, page) =>
      queryPage(
        `sponsorship-packages:${orgId}:${eventId}`,
        page,
        (opts) => sponsorshipPackage.query.byEvent({ orgId, eventId }).go(opts),
        toPackage,
      ),

    async savePackage(before, after) {
      const { committed } = await commitTransaction(service, (tx) => [
        {
          label: 'package',
          write: tx.sponsorshipPackage
            .patch({ orgId: after.orgId, eventId: after.eventId, packageId: after.packageId })
            .set(packageEdit(after))
            .where(
              ({ version, sold }, { eq, lte }) =>
                `${eq(version, before.version)} AND ${lte(sold, after.quantity)}`,
            )
            .commit(),
          fails: 'refused' as const,
        },
        eventLive(tx, after),
      ]);
      return committed;
    },

    async createDeal(d) {
      await commitTransaction(service, (tx) => [
        { label: 'deal', write: tx.sponsorshipDeal.create(storedDeal(d)).commit() },
        eventLive(tx, d),
      ]);
    },

    async getDeal(orgId, eventId, dealId) {
      const { data } = await sponsorshipDeal.get({ orgId, eventId, dealId }).go({ consistent: true });
      return data ? toDeal(data) : undefined;
    },

    listDeals: (orgId, eventId, { status, packageId }, page) =>
      queryPage(
        `sponsorship-deals:${orgId}:${eventId}:${status ?? ''}:${packageId ?? ''}`,
        page,
        (opts) =>
          sponsorshipDeal.query
            .byEvent({ orgId, eventId })
            .where((a, { eq }) =>
              [status ? eq(a.status, status) : '', packageId ? eq(a.packageId, packageId) : '']
                .filter(Boolean)
                .join(' AND '),
            )
            .go(opts),
        toDeal,
      ),

    async dealWork(orgId, eventId, dealId) {
      const key = { orgId, eventId, dealId };
      const [steps, activations] = await Promise.all([
        sponsorOnboardingStep.query.byDeal(key).go({ pages: 'all', consistent: true }),
        sponsorActivation.query.byDeal(key).go({ pages: 'all', consistent: true }),
      ]);
      const byPosition = (a: { position: number }, b: { position: number }) => a.position - b.position;
      return {
        steps: steps.data.map(toStep).sort(byPosition),
        activations: activations.data.map(toActivation).sort(byPosition),
      };
    },

    async saveDeal(w) {
      const { committed } = await commitTransaction(service, (tx) => dealItems(tx, w));
      return committed;
    },

    async purgeEvent(orgId, eventId, limit) {
      // One partition holds them all: each kind in turn, until `limit` items are gone.
      const key = { orgId, eventId };
      let removed = 0;
      const kinds = [
        async (n: number) => {
          const { data } = await sponsorOnboardingStep.query
            .byDeal(key)
            .go({ limit: n, attributes: ['orgId', 'eventId', 'dealId', 'stepId'] });
          if (data.length > 0) await sponsorOnboardingStep.delete(data).go();
          return data.length;
        },
        async (n: number) => {
          const { data } = await sponsorActivation.query
            .byDeal(key)
            .go({ limit: n, attributes: ['orgId', 'eventId', 'dealId', 'activationId'] });
          if (data.length > 0) await sponsorActivation.delete(data).go();
          return data.length;
        },
        async (n: number) => {
          const { data } = await sponsorshipDeal.query
            .byEvent(key)
            .go({ limit: n, attributes: ['orgId', 'eventId', 'dealId'] });
          if (data.length > 0) await sponsorshipDeal.delete(data).go();
          return data.length;
        },
        async (n: number) => {
          const { data } = await sponsorshipPackage.query
            .byEvent(key)
            .go({ limit: n, attributes: ['orgId', 'eventId', 'packageId'] });
          if (data.length > 0) await sponsorshipPackage.delete(data).go();
          return data.length;
        },
      ];
      for (const purge of kinds) {
        if (removed >= limit) break;
        removed += await purge(limit - removed);
      }
      return removed;
    },
  };
};
