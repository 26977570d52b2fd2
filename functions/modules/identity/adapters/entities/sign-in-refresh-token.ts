import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * A refresh token of the local issuer (in AWS, Cognito keeps its own): found by the token's keyed
 * hash, never the token; the user it refreshes (`subject`), the phone sealed under a key only the
 * token derives (the id token carries the number; the table never holds it readable), its
 * deadline, when a refresh used it (rotation: each is used once) and when a sign-out revoked it.
 * Both marks are conditional updates. DynamoDB removes it lazily after its deadline (`ttl`).
 *
 * Key template: pk `sign-in#refresh#${tokenHash}`  sk `refresh-token`
 */
export const signInRefreshTokenEntity = new Entity({
  model: { ...entityBase, entity: 'signInRefreshToken' },
  attributes: {
    ...fixedStrings('tokenHash', 'subject', 'sealedPhone', 'expiresAt'),
    usedAt: { type: 'string' },
    revokedAt: { type: 'string' },
    /** Epoch seconds: DynamoDB's TTL attribute. */
    ttl: { type: 'number', required: true },
  },
  indexes: {
    byToken: {
      pk: key('pk', ['tokenHash'], 'sign-in#refresh#${tokenHash}'),
      sk: key('sk', [], 'refresh-token'),
    },
  },
});
