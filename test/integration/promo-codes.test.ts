import { PutCommand, QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import { createEvent, deleteEvent } from '../../functions/modules/catalog/domain/events.js';
import { runDeletionStep } from '../../functions/modules/deletions/domain/cascade.js';
import {
  deleteOrganization,
  purgeOrganization,
} from '../../functions/modules/organizations/domain/organizations.js';
import {
  promoRedemptionEntity,
  promoUseEntity,
} from '../../functions/modules/pricing/adapters/entities/promo-use.js';
import {
  type CreatePromoInput,
  createPromoCode,
  deletePromoCode,
  getPromoCode,
  listPromoCodes,
  updatePromoCode,
} from '../../functions/modules/pricing/domain/promo-codes.js';
import type { PromoCode } from '../../functions/modules/pricing/domain/promo-model.js';
import type { RedeemInput } from '../../functions/modules/pricing/domain/promo-ports.js';
import { categoriesAsGiven } from '../support/promo-categories.js';
import { eventInput, orgWith, recordJobs, venueIn } from './catalog-world.js';
import { freshContainer, user } from './fixtures.js';

/**
 * Promo codes and their redemptions on DynamoDB Local: the organizer's use cases, the atomic
 * limits under concurrent redemptions, retries, releases and the cascades.
 */

const owner = 'promo-owner';
const principal = user(owner);
const at = '2030-03-10T12:00:00.000Z';

const client = createDocumentClient({ region: 'us-east-1', endpoint: process.env.DYNAMODB_ENDPOINT });

describe('promo codes against DynamoDB Local', () => {
  let c: Container & { tableName: string };
  let orgId: string;
  let venueId: string;

  beforeAll(async () => {
    c = await freshContainer();
    recordJobs(c);
    orgId = await orgWith(c, owner, { 'promo-viewer': 'viewer' });
    venueId = (await venueIn(c, owner, orgId)).venueId;
  });

  const newEvent = async (org = orgId, venue = venueId) =>
    (await createEvent(c.deps, principal, org, eventInput(venue, { title: 'Promo night' }))).eventId;

  const newCode = (eventId: string, input: Partial<CreatePromoInput> = {}, org = orgId) =>
    createPromoCode(c.deps, categoriesAsGiven, principal, org, eventId, {
      code: 'EARLY20',
      kind: 'percent',
      percent: 20,
      ...input,
    });

  let serial = 0;
  /** A redemption by a booking and a person of their own, unless given. */
  const redemption = (promo: PromoCode, over: Partial<RedeemInput> = {}): RedeemInput => {
    serial += 1;
    return {
      orgId: promo.orgId,
      eventId: promo.eventId,
      code: promo.code.toLowerCase(),
      personKey: `att_person${String(serial).padStart(15, '0')}`,
      bookingId: `bkg_booking${String(serial).padStart(14, '0')}`,
      at,
      ...over,
    };
  };

  const redeem = (input: RedeemInput) => c.deps.promoRedemptions.redeem(input);
  const release = (input: RedeemInput) => c.deps.promoRedemptions.release(input);
  const read = async (promo: PromoCode) => {
    const now = await c.deps.promoCodes.get(promo.orgId, promo.eventId, promo.code);
    if (!now) throw new Error(`${promo.code} is gone`);
    return now;
  };

  /** The items of a code's uses partition, by kind: person counts and redemption records. */
  const usesOf = async (promo: PromoCode) => {
    const { Items = [] } = await client.send(
      new QueryCommand({
        TableName: c.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `${promo.orgId}#event#${promo.eventId}#promo#${promo.code}` },
        ConsistentRead: true,
      }),
    );
    const people = Items.filter((i) => String(i.sk).startsWith('person#'));
    const records = Items.filter((i) => String(i.sk).startsWith('booking#'));
    return { people, records };
  };

  describe("an organizer's codes", () => {
    it('creates, reads (any case), lists by page, changes and deletes a code', async () => {
      const eventId = await newEvent();
      const made = await newCode(eventId, {
        code: 'early20',
        categoryIds: ['cat_aaaaaaaaaaaaaaaaaaaa'],
        maxUses: 50,
        validFrom: '2030-03-01T01:00:00+01:00',
      });
      expect(made).toMatchObject({
        code: 'EARLY20',
        status: 'active',
        used: 0,
        validFrom: '2030-03-01T00:00:00.000Z',
        validUntil: null,
        amountMinor: null,
      });
      expect(await getPromoCode(c.deps, principal, orgId, eventId, 'Early20')).toEqual(made);
      await expect(
        newCode(eventId, { code: 'EARLY20', kind: 'fixed', percent: undefined, amountMinor: 5 }),
      ).rejects.toMatchObject({
        code: 'PROMO_CODE_EXISTS',
        details: { errors: [{ field: 'code', message: expect.any(String) }] },
      });

      for (const code of ['B-CODE', 'A_CODE', 'C999']) await newCode(eventId, { code });
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listPromoCodes(c.deps, principal, orgId, eventId, { limit: 3, cursor });
        seen.push(...page.items.map((p) => p.code));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(['A_CODE', 'B-CODE', 'C999', 'EARLY20']);

      const changed = await updatePromoCode(c.deps, categoriesAsGiven, principal, orgId, eventId, 'early20', {
        status: 'disabled',
        maxUses: null,
        maxUsesPerPerson: 3,
        validUntil: '2030-04-01T00:00:00Z',
        categoryIds: null,
      });
      expect(changed).toMatchObject({
        status: 'disabled',
        maxUses: null,
        maxUsesPerPerson: 3,
        validFrom: '2030-03-01T00:00:00.000Z',
        validUntil: '2030-04-01T00:00:00.000Z',
        categoryIds: null,
        percent: 20,
      });
      expect(await read(made)).toEqual(changed);

      await deletePromoCode(c.deps, principal, orgId, eventId, 'EARLY20');
      await expect(getPromoCode(c.deps, principal, orgId, eventId, 'EARLY20')).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      await expect(deletePromoCode(c.deps, principal, orgId, eventId, 'EARLY20')).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });

    it('names each broken field, and refuses a missing event, a deleting one and other roles', async () => {
      const eventId = await newEvent();
      await expect(
        newCode(eventId, {
          percent: 12.345,
          maxUsesPerPerson: 0,
          validFrom: '2030-05-01T00:00:00Z',
          validUntil: '2030-04-01T00:00:00Z',
        }),
      ).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        details: {
          errors: [
            { field: 'percent', message: expect.any(String) },
            { field: 'maxUsesPerPerson', message: expect.any(String) },
            { field: 'validUntil', message: expect.any(String) },
          ],
        },
      });
      await expect(newCode(eventId, { code: 'no' })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { errors: [{ field: 'code', message: expect.any(String) }] },
      });
      const made = await newCode(eventId, { validUntil: '2030-06-01T00:00:00Z' });
      await expect(
        updatePromoCode(c.deps, categoriesAsGiven, principal, orgId, eventId, made.code, {
          validFrom: '2030-07-01T00:00:00Z',
        }),
      ).rejects.toMatchObject({
        details: { errors: [{ field: 'validUntil', message: 'must be after validFrom' }] },
      });

      await expect(newCode('evt_00000000000000000000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(
        listPromoCodes(c.deps, user('promo-viewer'), orgId, eventId, { limit: 10 }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(
        listPromoCodes(c.deps, user('stranger'), orgId, eventId, { limit: 10 }),
      ).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });

      await deleteEvent(c.deps, principal, orgId, eventId);
      await expect(newCode(eventId, { code: 'LATE' })).rejects.toMatchObject({ code: 'EVENT_DELETING' });
      await expect(
        updatePromoCode(c.deps, categoriesAsGiven, principal, orgId, eventId, made.code, {
          status: 'disabled',
        }),
      ).rejects.toMatchObject({ code: 'EVENT_DELETING' });
    });

    it('keeps maxUses at or above the live uses, and a held code from being deleted until given back', async () => {
      const eventId = await newEvent();
      const promo = await newCode(eventId, { maxUses: 5 });
      const uses = [redemption(promo), redemption(promo), redemption(promo)];
      for (const u of uses) expect((await redeem(u)).ok).toBe(true);

      const limit = (maxUses: number) =>
        updatePromoCode(c.deps, categoriesAsGiven, principal, orgId, eventId, promo.code, { maxUses });
      await expect(limit(2)).rejects.toMatchObject({
        code: 'PROMO_CODE_IN_USE',
        details: { used: 3, errors: [{ field: 'maxUses', message: expect.any(String) }] },
      });
      expect(await limit(3)).toMatchObject({ maxUses: 3, used: 3 });
      // The store's own condition holds too, against a read that is already stale.
      const stale = await read(promo);
      await limit(5);
      const fourth = redemption(promo);
      expect((await redeem(fourth)).ok).toBe(true);
      await expect(
        c.deps.promoCodes.update(await read(promo), { ...stale, maxUses: 3, updatedAt: at }),
      ).rejects.toMatchObject({
        code: 'PROMO_CODE_IN_USE',
      });

      await expect(deletePromoCode(c.deps, principal, orgId, eventId, promo.code)).rejects.toMatchObject({
        code: 'PROMO_CODE_IN_USE',
        details: { used: 4 },
      });
      for (const u of [...uses, fourth]) expect(await release(u)).toBe(true);
      await deletePromoCode(c.deps, principal, orgId, eventId, promo.code);
      expect(await usesOf(promo)).toEqual({ people: [], records: [] });
    });
  });

  describe('redemptions', () => {
    it('gives a code limited to 10 uses exactly 10 of 40 concurrent tries', async () => {
      const promo = await newCode(await newEvent(), { maxUses: 10 });
      const tries = Array.from({ length: 40 }, () => redemption(promo));
      const outcomes = await Promise.all(tries.map(redeem));
      expect(outcomes.filter((o) => o.ok)).toHaveLength(10);
      expect(outcomes.filter((o) => !o.ok).map((o) => !o.ok && o.reason)).toEqual(Array(30).fill('USED_UP'));
      expect((await read(promo)).used).toBe(10);
      const { people, records } = await usesOf(promo);
      // Refused tries took back their record and their person's count.
      expect(records).toHaveLength(10);
      expect(records.every((r) => r.stage === 'counted')).toBe(true);
      expect(people).toHaveLength(10);
      const winners = new Set(tries.filter((_, i) => outcomes[i]?.ok).map((t) => t.bookingId));
      expect(new Set(records.map((r) => r.bookingId))).toEqual(winners);
    }, 60_000);

    it('gives one person with a limit of 2 exactly 2 of 6 concurrent tries', async () => {
      const promo = await newCode(await newEvent(), { maxUsesPerPerson: 2 });
      const personKey = 'pty_onepartyofsixtries0';
      const outcomes = await Promise.all(
        Array.from({ length: 6 }, () => redeem(redemption(promo, { personKey }))),
      );
      expect(outcomes.filter((o) => o.ok)).toHaveLength(2);
      expect(outcomes.filter((o) => !o.ok).map((o) => !o.ok && o.reason)).toEqual(
        Array(4).fill('PERSON_LIMIT'),
      );
      expect((await read(promo)).used).toBe(2);
      const { people, records } = await usesOf(promo);
      expect(people).toHaveLength(1);
      expect(people[0]).toMatchObject({ personKey, uses: 2 });
      expect(records).toHaveLength(2);
      // Another person is not held to this one's limit.
      expect((await redeem(redemption(promo))).ok).toBe(true);
    });

    it('counts a retried booking once, also when both tries run at once', async () => {
      const promo = await newCode(await newEvent(), { maxUses: 3, maxUsesPerPerson: 1 });
      const once = redemption(promo);
      const first = await redeem(once);
      expect(first).toMatchObject({ ok: true, promo: { used: 1 } });
      expect(await redeem(once)).toMatchObject({ ok: true, promo: { used: 1 } });
      expect(await redeem({ ...once, code: 'EaRlY20', at: '2030-03-11T00:00:00.000Z' })).toMatchObject({
        ok: true,
      });

      const twice = redemption(promo);
      const both = await Promise.all([redeem(twice), redeem(twice)]);
      expect(both.map((o) => o.ok)).toEqual([true, true]);
      expect((await read(promo)).used).toBe(2);
      const { people, records } = await usesOf(promo);
      expect(records).toHaveLength(2);
      expect(people.map((p) => p.uses)).toEqual([1, 1]);
    });

    it('gives a use back once: released, the place is redeemable again; a second release does nothing', async () => {
      const promo = await newCode(await newEvent(), { maxUses: 1, maxUsesPerPerson: 1 });
      const a = redemption(promo);
      const b = redemption(promo);
      expect((await redeem(a)).ok).toBe(true);
      expect(await redeem(b)).toEqual({ ok: false, reason: 'USED_UP' });

      const released = await Promise.all([release(a), release(a)]);
      expect(released.filter(Boolean)).toHaveLength(1);
      expect(await release(a)).toBe(false);
      expect((await read(promo)).used).toBe(0);
      expect(await usesOf(promo)).toEqual({ people: [], records: [] });

      expect(await redeem(b)).toMatchObject({ ok: true, promo: { used: 1 } });
      // The released person may use the code again (their limit counts live uses only).
      expect(await redeem(redemption(promo, { personKey: a.personKey }))).toEqual({
        ok: false,
        reason: 'USED_UP',
      });
      expect(await release(b)).toBe(true);
      expect((await redeem(redemption(promo, { personKey: a.personKey }))).ok).toBe(true);
      expect(await release(redemption(promo))).toBe(false);
    });

    it('refuses outside the window, when disabled or unknown, writing nothing', async () => {
      const eventId = await newEvent();
      const promo = await newCode(eventId, {
        validFrom: '2030-03-01T00:00:00Z',
        validUntil: '2030-04-01T00:00:00Z',
      });
      expect(await redeem(redemption(promo, { at: '2030-02-28T23:59:59.999Z' }))).toEqual({
        ok: false,
        reason: 'NOT_YET_VALID',
      });
      expect(await redeem(redemption(promo, { at: '2030-04-01T02:00:00+02:00' }))).toEqual({
        ok: false,
        reason: 'EXPIRED',
      });
      expect((await redeem(redemption(promo, { at: '2030-03-01T00:00:00Z' }))).ok).toBe(true);
      await updatePromoCode(c.deps, categoriesAsGiven, principal, orgId, eventId, promo.code, {
        status: 'disabled',
      });
      expect(await redeem(redemption(promo))).toEqual({ ok: false, reason: 'INACTIVE' });
      expect(await redeem(redemption(promo, { code: 'NOPE42' }))).toEqual({ ok: false, reason: 'NOT_FOUND' });
      expect(await redeem(redemption(promo, { code: 'not a code!' }))).toEqual({
        ok: false,
        reason: 'NOT_FOUND',
      });
      expect(await redeem(redemption(promo, { eventId: await newEvent() }))).toEqual({
        ok: false,
        reason: 'NOT_FOUND',
      });
      expect((await read(promo)).used).toBe(1);
      const { people, records } = await usesOf(promo);
      expect([people.length, records.length]).toEqual([1, 1]);
    });

    it('finishes a redemption that died after counting the person, and releases one that died earlier', async () => {
      const promo = await newCode(await newEvent(), { maxUses: 5, maxUsesPerPerson: 1 });
      const ref = { orgId: promo.orgId, eventId: promo.eventId, code: promo.code };
      const died = redemption(promo);
      // What a try leaves when it dies after its claim and the person's count: written as it writes them.
      const claim = promoRedemptionEntity
        .create({
          ...ref,
          bookingId: died.bookingId,
          personKey: died.personKey,
          redeemedAt: at,
          stage: 'claimed',
        })
        .params<PutCommand['input']>();
      await client.send(new PutCommand({ ...claim, TableName: c.tableName }));
      const counted = promoUseEntity
        .update({ ...ref, personKey: died.personKey })
        .add({ uses: 1, bookingIds: [died.bookingId] })
        .params<UpdateCommand['input']>();
      // The booking ids are a string set, as the store's client writes them.
      const values = { ...counted.ExpressionAttributeValues };
      for (const [k, v] of Object.entries(values)) if (Array.isArray(v)) values[k] = new Set(v);
      await client.send(
        new UpdateCommand({ ...counted, ExpressionAttributeValues: values, TableName: c.tableName }),
      );

      // The booking's retry (a moment later, as another person key would not be the booking's) finishes it.
      expect(await redeem({ ...died, personKey: 'att_someoneelse000000000' })).toMatchObject({
        ok: true,
        promo: { used: 1 },
      });
      const after = await usesOf(promo);
      expect(after.records).toMatchObject([{ bookingId: died.bookingId, stage: 'counted' }]);
      expect(after.people).toMatchObject([{ personKey: died.personKey, uses: 1 }]);

      const early = redemption(promo);
      const earlyClaim = promoRedemptionEntity
        .create({
          ...ref,
          bookingId: early.bookingId,
          personKey: early.personKey,
          redeemedAt: at,
          stage: 'claimed',
        })
        .params<PutCommand['input']>();
      await client.send(new PutCommand({ ...earlyClaim, TableName: c.tableName }));
      // Its booking failed: the release takes the claim back and gives back nothing it did not take.
      expect(await release(early)).toBe(true);
      expect((await read(promo)).used).toBe(1);
      expect((await usesOf(promo)).records).toHaveLength(1);
    });
  });

  describe('cascades', () => {
    /** Every item whose key or value names the organization. */
    const itemsOf = async (org: string): Promise<Record<string, unknown>[]> => {
      const found: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await client.send(new ScanCommand({ TableName: c.tableName, ExclusiveStartKey: start }));
        found.push(...(page.Items ?? []).filter((i) => JSON.stringify(i).includes(org)));
        start = page.LastEvaluatedKey;
      } while (start);
      return found;
    };
    const promoItems = async (org: string) =>
      (await itemsOf(org)).filter((i) => String(i.pk).includes('#promo'));

    /** An event with `codes` codes, each with 3 live uses. */
    const eventWithCodes = async (org: string, venue: string, codes: number) => {
      const eventId = await newEvent(org, venue);
      for (let i = 0; i < codes; i++) {
        const promo = await newCode(eventId, { code: `CODE${i}` }, org);
        for (let u = 0; u < 3; u++) expect((await redeem(redemption(promo))).ok).toBe(true);
      }
      return eventId;
    };

    it("deleting an event removes its codes, person counts and records, and leaves other events' codes", async () => {
      const deleted = await eventWithCodes(orgId, venueId, 2);
      const kept = await eventWithCodes(orgId, venueId, 1);
      expect((await promoItems(orgId)).filter((i) => String(i.pk).includes(deleted))).toHaveLength(14);
      const keptBefore = (await promoItems(orgId)).filter((i) => String(i.pk).includes(kept));

      await deleteEvent(c.deps, principal, orgId, deleted);
      while ((await runDeletionStep(c.deps, orgId, deleted)) === 'more');
      expect((await promoItems(orgId)).filter((i) => String(i.pk).includes(deleted))).toEqual([]);
      expect((await promoItems(orgId)).filter((i) => String(i.pk).includes(kept))).toEqual(keptBefore);
    });

    it('deleting the organization removes every code and use of its events', async () => {
      const org = await orgWith(c, 'promo-cascade-owner');
      const venue = (await venueIn(c, 'promo-cascade-owner', org)).venueId;
      const cascadeOwner = user('promo-cascade-owner');
      const events = [];
      for (let e = 0; e < 3; e++) {
        const eventId = (await createEvent(c.deps, cascadeOwner, org, eventInput(venue, { title: `E${e}` })))
          .eventId;
        for (let i = 0; i < 2; i++) {
          const promo = await createPromoCode(c.deps, categoriesAsGiven, cascadeOwner, org, eventId, {
            code: `ORG${i}`,
            kind: 'fixed',
            amountMinor: 100,
          });
          for (let u = 0; u < 20; u++) expect((await redeem(redemption(promo))).ok).toBe(true);
        }
        events.push(eventId);
      }
      // 3 events x 2 codes x (1 code + 20 records + 20 person counts).
      expect(await promoItems(org)).toHaveLength(246);
      await deleteOrganization(c.deps, cascadeOwner, org);
      while ((await purgeOrganization(c.deps, org)) === 'more');
      expect(await itemsOf(org)).toEqual([]);
    }, 60_000);
  });
});
