import { beforeAll, describe, expect, it } from 'vitest';
import type { PromoCode } from '../../functions/modules/pricing/domain/promo-model.js';
import { useLocalRuntime } from '../support/local-runtime.js';

/** An event's promo codes over HTTP: the organizer's routes, their answers and who sees what. */

const rt = useLocalRuntime();

interface Problem {
  code: string;
  errors?: { field: string }[];
  details?: Record<string, unknown>;
}

const fieldsOf = (p: Problem) => (p.errors ?? []).map((e) => e.field).sort();

interface Org {
  token: string;
  orgId: string;
  eventId: string;
}

/** An organization of its own owner, with a venue and a draft event. */
const orgWithEvent = async (sub: string): Promise<Org> => {
  const token = await rt.mintToken({ sub, email: `${sub}@promo.example`, name: sub });
  const org = await rt.call<{ orgId: string }>('POST', '/v1/orgs', { token, body: { name: `${sub} org` } });
  const { orgId } = org.json;
  const venue = await rt.call<{ venueId: string }>('POST', `/v1/orgs/${orgId}/venues`, {
    token,
    body: { name: 'Hall', address: 'Uferstraße 12', city: 'Berlin', timezone: 'Europe/Berlin', rooms: [] },
  });
  expect(venue.status, venue.text).toBe(201);
  const event = await rt.call<{ eventId: string }>('POST', `/v1/orgs/${orgId}/events`, {
    token,
    body: { venueId: venue.json.venueId, title: 'Promo night', defaultCapacity: 50 },
  });
  expect(event.status, event.text).toBe(201);
  return { token, orgId, eventId: event.json.eventId };
};

const codesOf = (o: Pick<Org, 'orgId' | 'eventId'>) => `/v1/orgs/${o.orgId}/events/${o.eventId}/promo-codes`;

let a: Org;
let b: Org;

beforeAll(async () => {
  a = await orgWithEvent('promo-owner-a');
  b = await orgWithEvent('promo-owner-b');
});

describe('promo codes over HTTP', () => {
  it('creates, reads in any case, lists, changes and deletes a code', async () => {
    const created = await rt.call<PromoCode>('POST', codesOf(a), {
      token: a.token,
      body: {
        code: 'summer-25',
        kind: 'fixed',
        amountMinor: 250,
        maxUses: 100,
        maxUsesPerPerson: 1,
        validUntil: '2030-09-01T00:00:00+02:00',
      },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.json).toMatchObject({
      orgId: a.orgId,
      eventId: a.eventId,
      code: 'SUMMER-25',
      kind: 'fixed',
      percent: null,
      amountMinor: 250,
      categoryIds: null,
      validFrom: null,
      validUntil: '2030-08-31T22:00:00.000Z',
      status: 'active',
      used: 0,
    });

    const again = await rt.call<Problem>('POST', codesOf(a), {
      token: a.token,
      body: { code: 'Summer-25', kind: 'percent', percent: 5 },
    });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(again.json.code).toBe('PROMO_CODE_EXISTS');
    expect(fieldsOf(again.json)).toEqual(['code']);

    const read = await rt.call<PromoCode>('GET', `${codesOf(a)}/summer-25`, { token: a.token });
    expect(read.status).toBe(200);
    expect(read.json).toEqual(created.json);

    await rt.call('POST', codesOf(a), {
      token: a.token,
      body: { code: 'AUTUMN', kind: 'percent', percent: 10 },
    });
    const first = await rt.call<{ items: PromoCode[]; nextCursor: string | null }>(
      'GET',
      `${codesOf(a)}?limit=1`,
      {
        token: a.token,
      },
    );
    expect(first.json.items.map((p) => p.code)).toEqual(['AUTUMN']);
    const second = await rt.call<{ items: PromoCode[]; nextCursor: string | null }>(
      'GET',
      `${codesOf(a)}?limit=1&cursor=${first.json.nextCursor}`,
      { token: a.token },
    );
    expect(second.json.items.map((p) => p.code)).toEqual(['SUMMER-25']);

    // A code names ticket categories of its event, and no others.
    const unknown = await rt.call<Problem>('PATCH', `${codesOf(a)}/SUMMER-25`, {
      token: a.token,
      body: { categoryIds: ['cat_aaaaaaaaaaaaaaaaaaaa'] },
    });
    expect([unknown.status, unknown.text]).toEqual([422, expect.stringContaining('categoryIds')]);
    const category = await rt.call<{ categoryId: string }>(
      'POST',
      `/v1/orgs/${a.orgId}/events/${a.eventId}/categories`,
      {
        token: a.token,
        body: { name: 'Balcony', priceMinor: 1500, currency: 'EUR' },
      },
    );
    expect(category.status, category.text).toBe(201);
    const changed = await rt.call<PromoCode>('PATCH', `${codesOf(a)}/SUMMER-25`, {
      token: a.token,
      body: { status: 'disabled', maxUses: null, categoryIds: [category.json.categoryId] },
    });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.json).toMatchObject({
      status: 'disabled',
      maxUses: null,
      categoryIds: [category.json.categoryId],
    });

    expect((await rt.call('DELETE', `${codesOf(a)}/summer-25`, { token: a.token })).status).toBe(204);
    const gone = await rt.call<Problem>('GET', `${codesOf(a)}/SUMMER-25`, { token: a.token });
    expect([gone.status, gone.json.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('answers 422 naming each bad field, from the schema and from the rules', async () => {
    const shape = await rt.call<Problem>('POST', codesOf(a), {
      token: a.token,
      body: { code: 'x!', kind: 'percent', percent: 150, maxUses: 0, validFrom: 'tomorrow' },
    });
    expect(shape.status).toBe(422);
    expect(fieldsOf(shape.json)).toEqual(['body.code', 'body.maxUses', 'body.percent', 'body.validFrom']);

    const rules = await rt.call<Problem>('POST', codesOf(a), {
      token: a.token,
      body: {
        code: 'RULES',
        kind: 'percent',
        amountMinor: 100,
        validFrom: '2030-05-01T00:00:00Z',
        validUntil: '2030-04-01T00:00:00Z',
      },
    });
    expect(rules.status).toBe(422);
    expect(fieldsOf(rules.json)).toEqual(['amountMinor', 'validUntil']);

    const decimals = await rt.call<Problem>('POST', codesOf(a), {
      token: a.token,
      body: { code: 'THIRD', kind: 'percent', percent: 33.333 },
    });
    expect([decimals.status, fieldsOf(decimals.json)]).toEqual([422, ['percent']]);

    const path = await rt.call<Problem>('GET', `${codesOf(a)}/${'X'.repeat(33)}`, { token: a.token });
    expect([path.status, fieldsOf(path.json)]).toEqual([422, ['path.code']]);
    const empty = await rt.call<Problem>('PATCH', `${codesOf(a)}/AUTUMN`, { token: a.token, body: {} });
    expect(empty.status).toBe(422);
  });

  it("keeps another organization's codes invisible and untouchable", async () => {
    const own = await rt.call<PromoCode>('POST', codesOf(a), {
      token: a.token,
      body: { code: 'PRIVATE', kind: 'percent', percent: 50 },
    });
    expect(own.status).toBe(201);
    const calls: [string, string, unknown?][] = [
      ['GET', codesOf(a)],
      ['GET', `${codesOf(a)}/PRIVATE`],
      ['PATCH', `${codesOf(a)}/PRIVATE`, { status: 'disabled' }],
      ['DELETE', `${codesOf(a)}/PRIVATE`],
      ['POST', codesOf(a), { code: 'INTRUDER', kind: 'percent', percent: 100 }],
    ];
    for (const [method, path, body] of calls) {
      const res = await rt.call<Problem>(method, path, { token: b.token, ...(body ? { body } : {}) });
      expect([res.status, res.json.code], `${method} ${path}`).toEqual([404, 'NOT_FOUND']);
    }
    // Through its own organization, B cannot reach A's event either.
    const sideways = await rt.call<Problem>(
      'GET',
      `${codesOf({ orgId: b.orgId, eventId: a.eventId })}/PRIVATE`,
      {
        token: b.token,
      },
    );
    expect([sideways.status, sideways.json.code]).toEqual([404, 'NOT_FOUND']);
    expect((await rt.call<{ items: PromoCode[] }>('GET', codesOf(b), { token: b.token })).json.items).toEqual(
      [],
    );

    const still = await rt.call<PromoCode>('GET', `${codesOf(a)}/PRIVATE`, { token: a.token });
    expect(still.json).toEqual(own.json);
  });

  it('needs an event of the organization that is not being deleted', async () => {
    const missing = await rt.call<Problem>(
      'GET',
      codesOf({ orgId: a.orgId, eventId: 'evt_00000000000000000000' }),
      {
        token: a.token,
      },
    );
    expect([missing.status, missing.json.code]).toEqual([404, 'NOT_FOUND']);

    const doomed = await orgWithEvent('promo-owner-c');
    expect(
      (await rt.call('DELETE', `/v1/orgs/${doomed.orgId}/events/${doomed.eventId}`, { token: doomed.token }))
        .status,
    ).toBe(202);
    const late = await rt.call<Problem>('POST', codesOf(doomed), {
      token: doomed.token,
      body: { code: 'LATE', kind: 'percent', percent: 10 },
    });
    // Refused while deleting, or not found once the cascade ran.
    expect([409, 404]).toContain(late.status);
    expect(['EVENT_DELETING', 'NOT_FOUND']).toContain(late.json.code);
  });
});
