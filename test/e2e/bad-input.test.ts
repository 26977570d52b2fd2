import { describe, expect, it } from 'vitest';
import { type OperationId, type RouteDefinition, routes } from '../../functions/app/routes.js';
import type { ApiOptions, ApiResponse } from '../../scripts/local/api-client.js';
import type { Sample } from './route-samples.js';
import { tableGuard, urlOf, useSweepWorld } from './sweep-target.js';

/**
 * Every route of the manifest, called by the target's owner (so only the input can be at fault)
 * with broken variants of its valid sample: missing fields, wrong types, oversize strings,
 * malformed JSON, a wrong content type, unknown fields, bad path ids and bad query values.
 * Each answer is a 4xx problem+json (never 5xx), names the field where one is at fault, and
 * leaves the table exactly as it was.
 */

const sweep = useSweepWorld('bad');
const { rt } = sweep;
const unchangedBy = tableGuard(rt);

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
    // The table is compared once, after every variant: a change names each variant's answer.
    const answers = await unchangedBy(
      async () => {
        const out: [Variant, ApiResponse][] = [];
        for (const v of variants) out.push([v, await send(route, sample, v)]);
        return out;
      },
      (out) => `${id} (${out.map(([v, res]) => `${v.name}: ${res.status}`).join(', ')})`,
    );
    for (const [v, res] of answers) {
      const label = `${id} / ${v.name}: ${res.status} ${res.text.slice(0, 300)}`;
      expect(res.status, label).toBe(v.status);
      expect(res.headers.get('content-type'), label).toContain('application/problem+json');
      if (v.field) {
        const fields = ((res.json as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);
        expect(fields, label).toContain(v.field);
      }
    }
  });
});

/** What no text field takes: C0 and C1 controls, DEL, and the bidi embeddings, overrides and isolates. */
const hiddenCharacters = [
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009f',
  '\u202a',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2069',
];

interface TextCase {
  id: OperationId;
  field: string;
  body(value: string): Record<string, unknown>;
}

/** Every free-text field of the request bodies, each with the body that carries `value` in it. */
const textCases = (): TextCase[] => {
  const s = sweep.samples;
  const at = (
    id: OperationId,
    field: string,
    body: (value: string) => Record<string, unknown>,
  ): TextCase => ({
    id,
    field: `body.${field}`,
    body,
  });
  const top = (id: OperationId, field: string): TextCase =>
    at(id, field, (value) => ({ ...s[id].body, [field]: value }));
  return [
    top('createOrganization', 'name'),
    top('updateOrganization', 'name'),
    top('updateMember', 'name'),
    ...['name', 'address', 'city', 'type'].map((f) => top('createVenue', f)),
    at('createVenue', 'rooms.0.name', (value) => ({ ...s.createVenue.body, rooms: [{ name: value }] })),
    ...['name', 'city'].map((f) => top('updateVenue', f)),
    at('updateVenue', 'rooms.0.name', (value) => ({ rooms: [{ name: value }] })),
    ...['title', 'description'].map((f) => top('createEvent', f)),
    ...['title', 'description'].map((f) => top('updateEvent', f)),
    at('createSessions', 'tables.0.name', (value) => {
      const { seatMap: _seatMap, ...body } = s.createSessions.body ?? {};
      return { ...body, seatingMode: 'tables', tables: [{ name: value, capacity: 4 }] };
    }),
    at('updateSession', 'tables.0.name', (value) => ({ tables: [{ name: value, capacity: 4 }] })),
    top('cancelSession', 'reason'),
    ...['firstName', 'lastName'].map((f) => top('createAttendee', f)),
    ...['firstName', 'lastName'].map((f) => top('updateAttendee', f)),
    ...['firstName', 'lastName'].map((f) => top('ensureMyAttendee', f)),
    top('createParty', 'name'),
    at('requestConnection', 'meeting.place', (value) => ({
      ...s.requestConnection.body,
      meeting: { at: '2027-02-01T12:30:00Z', place: value },
    })),
    top('updateParty', 'name'),
    ...['comments', 'suggestions', 'bestAspects', 'improvementAreas'].map((f) => top('giveFeedback', f)),
    ...['name', 'description', 'vendorName', 'invoiceNumber'].map((f) => top('createExpense', f)),
    top('updateExpense', 'name'),
    top('rejectExpense', 'reason'),
    ...['title', 'content'].map((f) => top('createAnnouncement', f)),
    top('updateAnnouncement', 'title'),
  ];
};

const routeOf = (id: OperationId): RouteDefinition => allRoutes.find((r) => r.operationId === id)!;

/**
 * Each case sent with its value, all refused 422 naming the field; the table is compared once,
 * after all of them.
 */
const expectRefused = async (cases: [TextCase, string][]) => {
  const answers = await unchangedBy(
    async () => {
      const out: [TextCase, string, ApiResponse][] = [];
      for (const [c, value] of cases) {
        const v = { name: c.field, options: { body: c.body(value) }, status: 422 };
        out.push([c, value, await send(routeOf(c.id), sweep.samples[c.id], v)]);
      }
      return out;
    },
    (out) =>
      out.map(([c, value, res]) => `${c.id} ${c.field} ${JSON.stringify(value)}: ${res.status}`).join(', '),
  );
  for (const [c, value, res] of answers) {
    const label = `${c.id} ${c.field} ${JSON.stringify(value)}: ${res.status} ${res.text.slice(0, 300)}`;
    expect(res.status, label).toBe(422);
    expect(res.headers.get('content-type'), label).toContain('application/problem+json');
    const fields = ((res.json as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);
    expect(fields, label).toContain(c.field);
  }
};

describe('text fields', () => {
  it('refuse each control and bidi character', async () => {
    const title = textCases().find((c) => c.id === 'createEvent' && c.field === 'body.title')!;
    await expectRefused(hiddenCharacters.map((ch) => [title, `Sweep ${ch}Night`]));
  });

  it('all refuse control and bidi characters, naming the field', async () => {
    await expectRefused(
      textCases().map((c, i) => [c, `Plain ${hiddenCharacters[i % hiddenCharacters.length]} text`]),
    );
  });

  it('of one line refuse line breaks and tabs', async () => {
    const oneLine = textCases().filter(
      (c) => !/description|reason|comments|suggestions|bestAspects|improvementAreas|content/.test(c.field),
    );
    await expectRefused(
      oneLine.flatMap((c): [TextCase, string][] => [
        [c, 'Two\nlines'],
        [c, 'A\ttab'],
      ]),
    );
  });

  it('a description keeps its line breaks and tabs', async () => {
    const { orgId, eventId } = sweep.world.target;
    const description = 'First line\r\n\tindented\nlast line';
    const res = await rt.call<{ description: string }>('PATCH', `/v1/orgs/${orgId}/events/${eventId}`, {
      token: sweep.world.tokens.owner,
      body: { description },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json.description).toBe(description);
  });
});
