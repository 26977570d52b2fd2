import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * A chunk of a night's sessions that is done, with what it found: written once (conditionally,
 * in the transaction that counts it on its run), so a chunk delivered twice is counted once.
 * Removed by DynamoDB's TTL.
 *
 * Key template: pk `${orgId}#nightly#${night}`  sk `chunk#${chunk}`
 */
export const nightlyChunkEntity = new Entity({
  model: { ...entityBase, entity: 'nightlyChunk' },
  attributes: {
    ...fixedStrings('orgId', 'night', 'chunk', 'doneAt'),
    /** What the chunk found (nightly-model.ts `ChunkResult`) as JSON. */
    result: { type: 'string', required: true, readOnly: true },
    ttl: { type: 'number', required: true, readOnly: true },
  },
  indexes: {
    byNight: {
      pk: key('pk', ['orgId', 'night'], '${orgId}#nightly#${night}'),
      sk: key('sk', ['chunk'], 'chunk#${chunk}'),
    },
  },
});
