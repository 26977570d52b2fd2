import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * A phone sign-in challenge of the local issuer (in AWS, Cognito keeps it in its session): the
 * code's keyed hash, the phone's keyed reference (never the number), its deadline, the tries taken
 * and when it signed someone in. Tries and use are conditional updates. Not an organization's:
 * sign-in comes before any organization. DynamoDB removes it lazily after a day (`ttl`).
 *
 * Key template: pk `sign-in#challenge#${session}`  sk `challenge`
 */
export const signInChallengeEntity = new Entity({
  model: { ...entityBase, entity: 'signInChallenge' },
  attributes: {
    ...fixedStrings('session', 'phoneRef', 'codeHash', 'expiresAt'),
    attempts: { type: 'number', required: true },
    usedAt: { type: 'string' },
    /** Epoch seconds: DynamoDB's TTL attribute. */
    ttl: { type: 'number', required: true },
  },
  indexes: {
    bySession: {
      pk: key('pk', ['session'], 'sign-in#challenge#${session}'),
      sk: key('sk', [], 'challenge'),
    },
  },
});
