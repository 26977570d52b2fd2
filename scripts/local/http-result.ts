import type { ServerResponse } from 'node:http';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** Writes a function's result the way API Gateway (payload format 2.0) turns it into a response. */

const isStructured = (value: unknown): value is APIGatewayProxyStructuredResultV2 =>
  typeof value === 'object' && value !== null && 'statusCode' in value;

/** API Gateway's format inference: anything without a statusCode is a 200 JSON body. */
const normalize = (raw: unknown): APIGatewayProxyStructuredResultV2 => {
  if (isStructured(raw)) return raw;
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: typeof raw === 'string' ? raw : JSON.stringify(raw ?? null),
  };
};

const bodyBytes = (result: APIGatewayProxyStructuredResultV2): Buffer =>
  result.body === undefined
    ? Buffer.alloc(0)
    : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');

/** Returns the status written. */
export const writeResult = (res: ServerResponse, raw: unknown, requestId: string): number => {
  const result = normalize(raw);
  const status = result.statusCode ?? 200;
  const body = bodyBytes(result);
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {}))
    headers[name.toLowerCase()] = String(value);
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  headers['apigw-requestid'] = requestId;
  headers['content-length'] = String(body.length);
  res.writeHead(status, headers);
  res.end(body);
  return status;
};
