import type { AttributeValue, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { entityBase } from '../../../kernel/dynamo/entity-base.js';
import type { TxEntities, TxWrite } from '../../../kernel/dynamo/transactions.js';
import { type Booking, holderIdOf } from '../domain/model.js';

/**
 * The holder's count of live bookings in a session (entities/holder-count.ts), as items of the
 * transactions that change it.
 */

/**
 * A new booking's item, in the wire form of the booking transaction (booking-tx-items.ts): one
 * more live booking, refused when the holder already has `limit`.
 */
export const holderCountTaken = (table: string, b: Booking, limit: number): TransactWriteItem => ({
  Update: {
    TableName: table,
    Key: { pk: { S: `${b.orgId}#session#${b.sessionId}#holders` }, sk: { S: holderIdOf(b) } },
    UpdateExpression:
      'SET #orgId = :orgId, #sessionId = :sessionId, #holderId = :holderId, #e = :e, #v = :v ADD #live :one',
    ConditionExpression: 'attribute_not_exists(#live) OR #live < :limit',
    ExpressionAttributeNames: {
      '#orgId': 'orgId',
      '#sessionId': 'sessionId',
      '#holderId': 'holderId',
      '#e': '__edb_e__',
      '#v': '__edb_v__',
      '#live': 'live',
    },
    ExpressionAttributeValues: {
      ':orgId': { S: b.orgId },
      ':sessionId': { S: b.sessionId },
      ':holderId': { S: holderIdOf(b) },
      ':e': { S: 'holderCount' },
      ':v': { S: entityBase.version },
      ':one': { N: '1' } satisfies AttributeValue,
      ':limit': { N: String(limit) },
    },
  },
});

/** A step that ends a live booking (-1), or makes one live again or anew (+1), unconditionally. */
export const holderCountMove = (tx: TxEntities, b: Booking, delta: 1 | -1): TxWrite =>
  tx.holderCount
    .upsert({ orgId: b.orgId, sessionId: b.sessionId, holderId: holderIdOf(b) })
    .add({ live: delta })
    .commit();
