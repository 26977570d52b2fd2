import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import type { RouteDefinition } from '../../app/routes.js';
import { type FieldIssue, validationFailed } from '../domain/errors.js';
import { HttpProblem } from './problem.js';

export interface ParsedInput {
  params: unknown;
  query: unknown;
  body: unknown;
  rawBody: string;
  /** The body's bytes exactly as received (a signature is computed over these). */
  rawBytes: Buffer;
}

const jsonContentType = /^application\/([\w.+-]+\+)?json\s*(;.*)?$/i;

const issuesOf = (location: string, error: z.ZodError): FieldIssue[] =>
  error.issues.flatMap((i) => {
    const path = i.path.map(String);
    // An unknown field is reported under its own name, not under its parent object.
    const keys = i.code === 'unrecognized_keys' ? i.keys : [undefined];
    return keys.map((k) => ({ field: [location, ...path, ...(k ? [k] : [])].join('.'), message: i.message }));
  });

const bodyBytes = (event: APIGatewayProxyEventV2): Buffer => {
  if (!event.body) return Buffer.alloc(0);
  return Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
};

const parseJson = (raw: string): unknown => {
  try {
    return JSON.parse(raw);
  } catch {
    throw new HttpProblem('MALFORMED_JSON', 'The request body is not valid JSON');
  }
};

/**
 * Turns an API Gateway v2 event into validated input, in the order a client can act on:
 * size (413), presence, content type (415), JSON syntax (400), then every field at once (422).
 */
export const parseInput = (
  route: RouteDefinition,
  event: APIGatewayProxyEventV2,
  maxBodyBytes: number,
): ParsedInput => {
  const rawBytes = bodyBytes(event);
  const rawBody = rawBytes.toString('utf8');
  if (rawBytes.length > maxBodyBytes) {
    throw new HttpProblem('PAYLOAD_TOO_LARGE', `The request body exceeds ${maxBodyBytes} bytes`);
  }
  const issues: FieldIssue[] = [];
  const check = <S extends z.ZodType | undefined>(location: string, schema: S, value: unknown): unknown => {
    if (!schema) return undefined;
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    issues.push(...issuesOf(location, result.error));
    return undefined;
  };
  const params = check('path', route.params, event.pathParameters ?? {});
  const query = check('query', route.query, event.queryStringParameters ?? {});
  if (!route.query && event.queryStringParameters) {
    for (const k of Object.keys(event.queryStringParameters))
      issues.push({ field: `query.${k}`, message: 'Unknown query parameter' });
  }
  let body: unknown;
  if (route.body) {
    if (rawBody.trim() === '') {
      issues.push({ field: 'body', message: 'A JSON body is required' });
    } else {
      const contentType = event.headers['content-type'] ?? '';
      if (!jsonContentType.test(contentType)) {
        throw new HttpProblem(
          'UNSUPPORTED_MEDIA_TYPE',
          `Send the body as application/json, not "${contentType || 'no content type'}"`,
        );
      }
      body = check('body', route.body, parseJson(rawBody));
    }
  }
  if (issues.length > 0) throw validationFailed(issues);
  return { params, query, body, rawBody, rawBytes };
};
