import { describe, expect, it } from 'vitest';
import { type RouteDefinition, routes } from '../../functions/app/routes.js';
import { DomainError } from '../../functions/kernel/domain/errors.js';
import { parseInput } from '../../functions/kernel/http/parse.js';
import { errorResponse, HttpProblem } from '../../functions/kernel/http/problem.js';

const route = (id: string) => (routes as readonly RouteDefinition[]).find((r) => r.operationId === id)!;
const event = (
  body: string | undefined,
  headers: Record<string, string> = { 'content-type': 'application/json' },
) =>
  ({ headers, body, isBase64Encoded: false, pathParameters: {}, queryStringParameters: undefined }) as never;

const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return JSON.parse(errorResponse(err, '/x').body as string);
  }
  throw new Error('expected a failure');
};

describe('request parsing', () => {
  const create = route('createOrganization');

  it('answers 413, 415, 400 and 422 in that order', () => {
    expect(failure(() => parseInput(create, event('x'.repeat(2000)), 1000))).toMatchObject({ status: 413 });
    expect(
      failure(() => parseInput(create, event('{}', { 'content-type': 'text/plain' }), 1000)),
    ).toMatchObject({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
    expect(failure(() => parseInput(create, event('{"name":'), 1000))).toMatchObject({
      status: 400,
      code: 'MALFORMED_JSON',
    });
    expect(failure(() => parseInput(create, event(undefined), 1000))).toMatchObject({
      status: 422,
      errors: [{ field: 'body' }],
    });
  });

  it('lists every failing field, unknown ones by name', () => {
    const problem = failure(() =>
      parseInput(create, event(JSON.stringify({ name: 7, colour: 'red', domain: 'NOT A DOMAIN' })), 10_000),
    );
    expect(problem.status).toBe(422);
    expect(problem.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'body.colour',
      'body.domain',
      'body.name',
    ]);
  });

  it('accepts JSON with a charset and vendor JSON types', () => {
    const ok = { 'content-type': 'application/json; charset=utf-8' };
    expect(parseInput(create, event('{"name":"A"}', ok), 1000).body).toEqual({ name: 'A' });
    expect(
      parseInput(create, event('{"name":"A"}', { 'content-type': 'application/merge-patch+json' }), 1000)
        .body,
    ).toEqual({ name: 'A' });
  });
});

describe('error map', () => {
  it('maps domain errors to problem+json with a stable code', () => {
    const res = errorResponse(new DomainError('LAST_OWNER', 'keep one'), '/v1/orgs/x');
    expect(res.statusCode).toBe(409);
    expect(res.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(res.body as string)).toMatchObject({ code: 'LAST_OWNER', instance: '/v1/orgs/x' });
  });

  it('answers 503 with Retry-After for transient failures', () => {
    const res = errorResponse(new DomainError('TEMPORARILY_UNAVAILABLE', 'busy'), '/');
    expect(res.statusCode).toBe(503);
    expect(res.headers?.['retry-after']).toBe('1');
  });

  it('hides unexpected errors behind a generic 500', () => {
    const res = errorResponse(new Error('secret table name evently-prod'), '/');
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('evently-prod');
    expect(errorResponse(new HttpProblem('UNAUTHORIZED', 'no token'), '/').statusCode).toBe(401);
  });
});
