import { describe, expect, it } from 'vitest';
import type { Clock, MemberStore, OrganizationStore } from '../../functions/kernel/domain/deps.js';
import type { Member, Organization } from '../../functions/kernel/domain/types.js';
import type { EventStore } from '../../functions/modules/catalog/domain/ports.js';
import { categoryCheckOver } from '../../functions/modules/pricing/domain/promo-categories.js';
import { createPromoCode, updatePromoCode } from '../../functions/modules/pricing/domain/promo-codes.js';
import { normalizePromoCode, type PromoCode } from '../../functions/modules/pricing/domain/promo-model.js';
import type { PromoCodeStore } from '../../functions/modules/pricing/domain/promo-ports.js';
import {
  appliesToCategory,
  discountOf,
  type PromoTerms,
  promoIssues,
  refusalAt,
  withPromoChange,
} from '../../functions/modules/pricing/domain/promo-rules.js';
import { fake } from '../support/fake.js';
import { categoriesAsGiven } from '../support/promo-categories.js';

const terms = (over: Partial<PromoTerms> = {}): PromoTerms => ({
  kind: 'percent',
  percent: 20,
  amountMinor: null,
  categoryIds: null,
  maxUses: null,
  maxUsesPerPerson: null,
  validFrom: null,
  validUntil: null,
  status: 'active',
  ...over,
});

const promo = (over: Partial<PromoCode> = {}): PromoCode => ({
  orgId: 'org_a',
  eventId: 'evt_a',
  code: 'EARLY20',
  ...terms(),
  used: 0,
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
  ...over,
});

const fieldsOf = (t: PromoTerms) => promoIssues(t).map((i) => i.field);

describe('promo code shape', () => {
  it('compares codes case-insensitively, stored upper case, 3-32 of A-Z 0-9 _ -', () => {
    expect(normalizePromoCode(' early_20-x ')).toBe('EARLY_20-X');
    expect(normalizePromoCode('abc')).toBe('ABC');
    expect(normalizePromoCode('X'.repeat(32))).toBe('X'.repeat(32));
    for (const bad of ['ab', 'X'.repeat(33), 'two words', 'ünï', 'a.b.c', '']) {
      expect(normalizePromoCode(bad), bad).toBeNull();
    }
  });
});

describe('promoIssues', () => {
  it('accepts percents above 0 up to 100 with at most 2 decimals', () => {
    for (const percent of [0.01, 12.5, 33.33, 99.99, 100])
      expect(fieldsOf(terms({ percent })), String(percent)).toEqual([]);
    for (const percent of [0, -5, 100.01, 12.345, 0.001]) {
      expect(fieldsOf(terms({ percent })), String(percent)).toEqual(['percent']);
    }
  });

  it('holds each kind to its own value: a percent, or a whole amount above 0', () => {
    expect(fieldsOf(terms({ percent: null }))).toEqual(['percent']);
    expect(fieldsOf(terms({ amountMinor: 500 }))).toEqual(['amountMinor']);
    const fixed = (amountMinor: number | null, percent: number | null = null) =>
      fieldsOf(terms({ kind: 'fixed', percent, amountMinor }));
    expect(fixed(500)).toEqual([]);
    expect(fixed(null)).toEqual(['amountMinor']);
    expect(fixed(0)).toEqual(['amountMinor']);
    expect(fixed(2.5)).toEqual(['amountMinor']);
    expect(fixed(500, 10)).toEqual(['percent']);
  });

  it('names every broken limit, window and category list at once', () => {
    const issues = fieldsOf(
      terms({
        maxUses: 0,
        maxUsesPerPerson: 1.5,
        validFrom: '2030-02-01T00:00:00.000Z',
        validUntil: '2030-02-01T00:00:00.000Z',
        categoryIds: ['cat_a', 'cat_a'],
      }),
    );
    expect(issues).toEqual(['maxUses', 'maxUsesPerPerson', 'validUntil', 'categoryIds']);
    expect(fieldsOf(terms({ categoryIds: [] }))).toEqual(['categoryIds']);
    expect(
      fieldsOf(
        terms({ maxUses: 1, validFrom: '2030-01-01T00:00:00.000Z', validUntil: '2030-01-01T00:00:00.001Z' }),
      ),
    ).toEqual([]);
  });
});

describe('refusalAt', () => {
  const windowed = promo({ validFrom: '2030-03-01T00:00:00.000Z', validUntil: '2030-04-01T00:00:00.000Z' });

  it('refuses outside the window: from inclusive, until exclusive', () => {
    expect(refusalAt(windowed, '2030-02-28T23:59:59.999Z')).toBe('NOT_YET_VALID');
    expect(refusalAt(windowed, '2030-03-01T00:00:00.000Z')).toBeNull();
    expect(refusalAt(windowed, '2030-03-31T23:59:59.999Z')).toBeNull();
    expect(refusalAt(windowed, '2030-04-01T00:00:00.000Z')).toBe('EXPIRED');
  });

  it('refuses a disabled code first, and a code whose live uses reached maxUses', () => {
    expect(refusalAt({ ...windowed, status: 'disabled' }, '2030-01-01T00:00:00.000Z')).toBe('INACTIVE');
    expect(refusalAt(promo({ maxUses: 3, used: 2 }), '2030-01-01T00:00:00.000Z')).toBeNull();
    expect(refusalAt(promo({ maxUses: 3, used: 3 }), '2030-01-01T00:00:00.000Z')).toBe('USED_UP');
    expect(refusalAt(promo({ used: 1_000_000 }), '2030-01-01T00:00:00.000Z')).toBeNull();
  });
});

describe('withPromoChange', () => {
  it('keeps what is not given, removes what is given null, and stores times in UTC', () => {
    const current = promo({ maxUses: 10, maxUsesPerPerson: 2, categoryIds: ['cat_a'] });
    const next = withPromoChange(
      current,
      { maxUses: null, validFrom: '2030-05-01T02:00:00+02:00', status: 'disabled' },
      '2030-01-02T00:00:00.000Z',
    );
    expect(next).toEqual({
      ...current,
      maxUses: null,
      validFrom: '2030-05-01T00:00:00.000Z',
      status: 'disabled',
      updatedAt: '2030-01-02T00:00:00.000Z',
    });
    expect(withPromoChange(next, { categoryIds: null }, next.updatedAt).categoryIds).toBeNull();
  });
});

describe('what a code applies to', () => {
  it('applies to every category without a list, else to the listed ones only', () => {
    expect(appliesToCategory({ categoryIds: null }, 'cat_a')).toBe(true);
    expect(appliesToCategory({ categoryIds: null }, null)).toBe(true);
    expect(appliesToCategory({ categoryIds: ['cat_a'] }, 'cat_a')).toBe(true);
    expect(appliesToCategory({ categoryIds: ['cat_a'] }, 'cat_b')).toBe(false);
    expect(appliesToCategory({ categoryIds: ['cat_a'] }, null)).toBe(false);
  });

  it('hands the quote its discount', () => {
    expect(discountOf(promo({ categoryIds: ['cat_a'] }))).toEqual({
      code: 'EARLY20',
      kind: 'percent',
      percent: 20,
      categoryIds: ['cat_a'],
    });
    expect(discountOf(promo({ kind: 'fixed', percent: null, amountMinor: 250 }))).toEqual({
      code: 'EARLY20',
      kind: 'fixed',
      amountMinor: 250,
      categoryIds: null,
    });
  });

  it('checks named categories against the event’s', async () => {
    const check = categoryCheckOver({
      listByEvent: async (orgId, eventId) =>
        orgId === 'org_a' && eventId === 'evt_a' ? [{ categoryId: 'cat_a' }, { categoryId: 'cat_b' }] : [],
    });
    expect(await check.unknownIds('org_a', 'evt_a', ['cat_b', 'cat_x', 'cat_a'])).toEqual(['cat_x']);
  });
});

describe('promo code use cases (ports: orgs, members, events, promoCodes, clock)', () => {
  const clock: Clock = { now: () => new Date('2030-01-10T12:00:00Z') };
  const organizer = { sub: 'u-org', email: 'u@example.com', name: 'U' };
  const access = {
    orgs: fake<OrganizationStore>({
      get: async () => ({ orgId: 'org_a', status: 'active' }) as Organization,
    }),
    members: fake<MemberStore>({
      get: async () => ({ orgId: 'org_a', userId: 'u-org', role: 'organizer', status: 'active' }) as Member,
    }),
    events: fake<EventStore>({
      get: async () => ({ orgId: 'org_a', eventId: 'evt_a', deleting: false }) as never,
    }),
  };

  it('refuses categories the check does not know, naming the field, and writes nothing', async () => {
    const promoCodes = fake<PromoCodeStore>({});
    const check = categoryCheckOver({ listByEvent: async () => [{ categoryId: 'cat_a' }] });
    await expect(
      createPromoCode({ ...access, promoCodes, clock }, check, organizer, 'org_a', 'evt_a', {
        code: 'vip',
        kind: 'fixed',
        amountMinor: 500,
        categoryIds: ['cat_a', 'cat_zz'],
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { errors: [{ field: 'categoryIds', message: expect.stringContaining('cat_zz') }] },
    });
  });

  it('creates the code upper case, active, unused, with its times in UTC', async () => {
    const created: PromoCode[] = [];
    const promoCodes = fake<PromoCodeStore>({ create: async (p) => void created.push(p) });
    const made = await createPromoCode(
      { ...access, promoCodes, clock },
      categoriesAsGiven,
      organizer,
      'org_a',
      'evt_a',
      {
        code: 'spring-10',
        kind: 'percent',
        percent: 10,
        validUntil: '2030-06-01T00:00:00+02:00',
      },
    );
    expect(made).toMatchObject({
      code: 'SPRING-10',
      status: 'active',
      used: 0,
      validUntil: '2030-05-31T22:00:00.000Z',
    });
    expect(created).toEqual([made]);
  });

  it('refuses maxUses below the live uses with PROMO_CODE_IN_USE naming maxUses, before writing', async () => {
    const promoCodes = fake<PromoCodeStore>({ get: async () => promo({ maxUses: 10, used: 7 }) });
    await expect(
      updatePromoCode(
        { ...access, promoCodes, clock },
        categoriesAsGiven,
        organizer,
        'org_a',
        'evt_a',
        'early20',
        {
          maxUses: 6,
        },
      ),
    ).rejects.toMatchObject({
      code: 'PROMO_CODE_IN_USE',
      details: { used: 7, errors: [{ field: 'maxUses', message: expect.any(String) }] },
    });
  });
});
