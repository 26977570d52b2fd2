import type { ServerResponse } from 'node:http';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { problemResponse } from '../../functions/kernel/http/problem.js';
import { newRequestId } from './http-event.js';
import { writeResult } from './http-result.js';

/**
 * RFC 9457 answers the local server gives itself, where API Gateway (not a function) would answer.
 * They come from the functions' own problem map, so clients see one error vocabulary.
 */

type GatewayCode = 'UNAUTHORIZED' | 'PAYLOAD_TOO_LARGE' | 'INTERNAL';

/** Not in the functions' map: API Gateway has no 405, the local server adds one as a hint. */
const methodNotAllowedResponse = (detail: string, allow: string): APIGatewayProxyStructuredResultV2 => ({
  statusCode: 405,
  headers: { 'content-type': 'application/problem+json', allow },
  body: JSON.stringify({
    type: 'https://evently.dev/problems/method-not-allowed',
    title: 'Method not allowed',
    status: 405,
    code: 'METHOD_NOT_ALLOWED',
    detail,
  }),
});

export const sendProblem = (
  res: ServerResponse,
  code: GatewayCode,
  detail: string,
  headers: Record<string, string> = {},
): number => writeResult(res, problemResponse(code, detail, { headers }), newRequestId());

export const sendMethodNotAllowed = (res: ServerResponse, method: string, allow: string[]): number =>
  writeResult(
    res,
    methodNotAllowedResponse(`${method} is not supported here; use ${allow.join(', ')}`, allow.join(', ')),
    newRequestId(),
  );
