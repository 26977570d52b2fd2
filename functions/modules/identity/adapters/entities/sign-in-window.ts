import { CustomAttributeType, Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';
import type { SignInLimitScope } from '../../domain/ports.js';

/**
 * One fixed window of a sign-in rate limit: the starts counted for a phone (by its keyed
 * reference) or a caller IP (the refreshes and sign-outs of a caller IP under `token-ip`) in the window beginning at `windowStart` (epoch ms). Counted by a
 * conditional update (below the limit), never read first. DynamoDB removes it lazily once the
 * window has passed (`ttl`); a late removal changes nothing, as the next window is another item.
 *
 * Key template: pk `sign-in#${scope}#${subject}`  sk `window#${windowStart}`
 */
export const signInWindowEntity = new Entity({
  model: { ...entityBase, entity: 'signInWindow' },
  attributes: {
    scope: { type: CustomAttributeType<SignInLimitScope>('string'), required: true, readOnly: true },
    ...fixedStrings('subject', 'windowStart'),
    count: { type: 'number' },
    /** Epoch seconds: DynamoDB's TTL attribute. */
    ttl: { type: 'number' },
  },
  indexes: {
    byWindow: {
      pk: key('pk', ['scope', 'subject'], 'sign-in#${scope}#${subject}'),
      sk: key('sk', ['windowStart'], 'window#${windowStart}'),
    },
  },
});
