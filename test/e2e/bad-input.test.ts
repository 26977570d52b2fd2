import { describe, expect, it } from 'vitest';
import { type RouteDefinition, routes } from '../../functions/app/routes.js';
import type { ApiOptions, ApiResponse } from '../../scripts/local/api-client.js';
import type { Sample } from './route-samples.js';
import { tableSnapshot, urlOf, useSweepWorld } from './sweep-target.js';

/**
 * Every route of the manifest, called by the target's owner (so only the input can be at fault)
 * with broken variants of its valid sample: missing fields, wrong types, oversize strings,
 * malformed JSON, a wrong content type, unknown fields, bad path ids and bad query values.
 * Each answer is a 4xx problem+json (never 5xx), names the field where one is at fault, and
 * leaves the table exactly as it was.
 */

const sweep = useSweepWorld('bad');
const { rt } = sweep;

interface Variant {
  name: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
  /** The request body and headers; without it, the valid sample body. */
  options?: ApiOptions;
  /** The answer must be exactly this status. */
  status: number;
  /** For 422: a field the problem must name. */
  field?: string;
}

const OVERSIZE = 'x'.repeat(5_000);

/** A value of another JSON type than the given one. */
const wrongType = (value: unknown): unknown => {
  if (typeof value === 'string') return 12345;
  if (typeof value === 'number') return 'not-a-number';
  if (typeof value === 'boolean') return 'yes';
  if (Array.isArray(value)) return 'not-a-list';
  return 'not-an-object';
};

const bodyVariants = (body: Record<string, unknown>): Variant[] => {
  const json = (b: unknown): ApiOptions => ({ body: b });
  const fields = Object.keys(body);
  return [
    { name: 'no body', options: {}, status: 422, field: 'body' },
    { name: 'empty object', options: json({}), status: 422 },
    { name: 'array body', options: json([body]), status: 422, field: 'body' },
    {
      name: 'malformed JSON',
      options: { body: '{"broken": ', headers: { 'content-type': 'application/json' } },
      status: 400,
    },
    {
      name: 'text/plain content type',
      options: { body: JSON.stringify(body), headers: { 'content-type': 'text/plain' } },
      status: 415,
    },
    {
      name: 'unknown field',
      options: json({ ...body, unexpected: true }),
      status: 422,
      field: 'body.unexpected',
    },
    ...fields.map((f) => ({
      name: `${f} of the wrong type`,
      options: json({ ...body, [f]: wrongType(body[f]) }),
      status: 422,
      field: `body.${f}`,
    })),
    ...fields
      .filter((f) => typeof body[f] === 'string')
      .map((f) => ({
        name: `${f} oversize`,
        options: json({ ...body, [f]: OVERSIZE }),
        status: 422,
        field: `body.${f}`,
      })),
    ...fields.map((f) => ({
      name: `${f} null`,
      options: json({ ...body, [f]: null }),
      status: 422,
      field: `body.${f}`,
    })),
  ];
};

const paramVariants = (params: Record<string, string>): Variant[] =>
  Object.keys(params).flatMap((p) => [
    { name: `${p} malformed`, params: { ...params, [p]: 'not an id!' }, status: 422, field: `path.${p}` },
    { name: `${p} oversize`, params: { ...params, [p]: OVERSIZE }, status: 422, field: `path.${p}` },
  ]);

const queryVariants = (route: RouteDefinition, query: Record<string, string> = {}): Variant[] => [
  {
    name: 'unknown query parameter',
    query: { ...query, unexpected: '1' },
    status: 422,
    field: 'query.unexpected',
  },
  ...(route.query && 'limit' in route.query.shape
    ? [
        { name: 'limit not a number', query: { ...query, limit: 'ten' }, status: 422, field: 'query.limit' },
        { name: 'limit too large', query: { ...query, limit: '100000' }, status: 422, field: 'query.limit' },
        { name: 'limit zero', query: { ...query, limit: '0' }, status: 422, field: 'query.limit' },
      ]
    : []),
];

const variantsOf = (route: RouteDefinition, sample: Sample): Variant[] => [
  ...(route.body && sample.body ? bodyVariants(sample.body) : []),
  ...(route.params && sample.params ? paramVariants(sample.params) : []),
  ...queryVariants(route, sample.query),
];

const send = (route: RouteDefinition, sample: Sample, v: Variant): Promise<ApiResponse> => {
  const options = v.options ?? (sample.body ? { body: sample.body } : {});
  return rt.call(route.method, urlOf(route, v.params ?? sample.params, v.query ?? sample.query), {
    ...(route.auth === 'jwt' ? { token: sweep.world.tokens.owner } : {}),
    ...options,
  });
};

const allRoutes = routes as readonly RouteDefinition[];

describe('bad-input sweep', () => {
  it('has a sample body for every route that takes one', () => {
    for (const route of allRoutes.filter((r) => r.body)) {
      expect(
        sweep.samples[route.operationId as keyof typeof sweep.samples].body,
        route.operationId,
      ).toBeDefined();
    }
  });

  it.each(allRoutes.map((r) => [r.operationId, r] as const))('%s', async (id, route) => {
    const sample = sweep.samples[id as keyof typeof sweep.samples];
    const variants = variantsOf(route, sample);
    expect(variants.length).toBeGreaterThan(0);
    for (const v of variants) {
      const before = await tableSnapshot(rt);
      const res = await send(route, sample, v);
      const label = `${id} / ${v.name}: ${res.status} ${res.text.slice(0, 300)}`;
      expect(res.status, label).toBe(v.status);
      expect(res.headers.get('content-type'), label).toContain('application/problem+json');
      if (v.field) {
        const fields = ((res.json as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);
        expect(fields, label).toContain(v.field);
      }
      expect(await tableSnapshot(rt), `${label} changed the table`).toBe(before);
    }
  });
});
