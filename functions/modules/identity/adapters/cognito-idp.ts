import { createHash, createHmac } from 'node:crypto';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Checksum, SourceData } from '@smithy/types';

/**
 * The few Cognito user pool admin calls phone sign-in makes, as AWS JSON 1.1 requests signed with
 * SigV4 (the SDK's own signer and credential chain). Why not `@aws-sdk/client-cognito-identity-provider`:
 * it is not in the lockfile yet (docs/identity.md, "Not built"); the calls and their shapes are the same.
 */

export class CognitoError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = 'CognitoError';
  }
}

export type CognitoCall = (action: string, body: Record<string, unknown>) => Promise<Record<string, unknown>>;

const toBytes = (data: SourceData): Buffer =>
  typeof data === 'string'
    ? Buffer.from(data)
    : ArrayBuffer.isView(data)
      ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
      : Buffer.from(new Uint8Array(data));

/** SHA-256 (or its HMAC, given a secret) as the signer takes it. */
class Sha256 implements Checksum {
  private chunks: Buffer[] = [];
  constructor(private readonly secret?: SourceData) {}
  update(data: Uint8Array | string): void {
    this.chunks.push(toBytes(data));
  }
  async digest(): Promise<Uint8Array> {
    const hash = this.secret ? createHmac('sha256', toBytes(this.secret)) : createHash('sha256');
    return hash.update(Buffer.concat(this.chunks)).digest();
  }
  reset(): void {
    this.chunks = [];
  }
}

export const cognitoCall = (region: string): CognitoCall => {
  const signer = new SignatureV4({
    service: 'cognito-idp',
    region,
    credentials: defaultProvider(),
    sha256: Sha256,
  });
  const hostname = `cognito-idp.${region}.amazonaws.com`;
  return async (action, body) => {
    const payload = JSON.stringify(body);
    const signed = await signer.sign({
      method: 'POST',
      protocol: 'https:',
      hostname,
      path: '/',
      query: {},
      headers: {
        host: hostname,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${action}`,
      },
      body: payload,
    });
    const res = await fetch(`https://${hostname}/`, {
      method: 'POST',
      headers: signed.headers,
      body: payload,
      signal: AbortSignal.timeout(5_000),
    });
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (res.ok) return json;
    const type =
      String(json.__type ?? res.status)
        .split('#')
        .at(-1) ?? 'Unknown';
    throw new CognitoError(type, String(json.message ?? json.Message ?? `${action} failed`));
  };
};
