import type {
  AttributeValue,
  DeleteItemCommandInput,
  PutItemCommandInput,
  TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { entityBase } from '../../../kernel/dynamo/entity-base.js';
import { retryTransient } from '../../../kernel/dynamo/retry.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';

/**
 * Claims (entities/session-claim.ts): how a general-admission booking takes its places with a
 * single write of a counter item, outside any transaction, and still loses every race against a
 * change of its session or event.
 *
 * A booking writes its claim, then takes its places from a counter item (a conditional update that
 * checks the versions it read, as the booking transaction did), then commits its transaction,
 * which consumes the claim. A change stamps the counter items, then deletes the session's claims.
 * For a booking that took its places before the stamp, either its transaction consumed the claim
 * first (it committed before the change was done, and the change's own follow-up, a cascade of a
 * cancellation for instance, lists it), or the change deleted the claim first and the transaction
 * fails on it (the booking gives its places back and is refused). A booking whose take comes after
 * the stamp is refused by the counter. A counter item written by single writes is never held by a
 * transaction of a booking, so bookings do not refuse each other there (docs/performance.md).
 *
 * The items are built here in DynamoDB's wire form for the booking's low-level client, as ElectroDB
 * writes them.
 */

interface Ref {
  orgId: string;
  sessionId: string;
}

const keyNames = { '#pk': 'pk', '#sk': 'sk' };

const claimKey = (ref: Ref, bookingId: string): Record<string, AttributeValue> => ({
  pk: { S: `${ref.orgId}#session#${ref.sessionId}#claims` },
  sk: { S: bookingId },
});

/** The claim of booking `bookingId`, made where none is. */
export const claimPut = (table: string, ref: Ref, bookingId: string, at: string): PutItemCommandInput => ({
  TableName: table,
  Item: {
    ...claimKey(ref, bookingId),
    orgId: { S: ref.orgId },
    sessionId: { S: ref.sessionId },
    bookingId: { S: bookingId },
    at: { S: at },
    __edb_e__: { S: 'sessionClaim' },
    __edb_v__: { S: entityBase.version },
  },
  ConditionExpression: 'attribute_not_exists(#pk)',
  ExpressionAttributeNames: { '#pk': 'pk' },
});

/** The booking transaction's part: the claim, consumed; failing when a change deleted it. */
export const claimConsumed = (table: string, ref: Ref, bookingId: string): TransactWriteItem => ({
  Delete: {
    TableName: table,
    Key: claimKey(ref, bookingId),
    ConditionExpression: 'attribute_exists(#pk) AND attribute_exists(#sk)',
    ExpressionAttributeNames: keyNames,
  },
});

/** The claim taken back by a booking that did not commit (absent is fine). */
export const claimDropped = (table: string, ref: Ref, bookingId: string): DeleteItemCommandInput => ({
  TableName: table,
  Key: claimKey(ref, bookingId),
});

/**
 * Deletes every claim of the session: called by each change after it stamped the session's
 * counter items (strongly consistent, so every claim made before the stamp is seen). Answers how
 * many it deleted.
 */
export const voidClaims = async (service: EventlyService, ref: Ref): Promise<number> => {
  const { sessionClaim } = service.entities;
  const { data } = await sessionClaim.query
    .bySession(ref)
    .go({ consistent: true, pages: 'all', attributes: ['bookingId'] });
  // One at a time per claim, retried: a booking's transaction consuming it makes the delete conflict.
  for (let i = 0; i < data.length; i += 25) {
    await Promise.all(
      data
        .slice(i, i + 25)
        .map(({ bookingId }) => retryTransient(() => sessionClaim.delete({ ...ref, bookingId }).go())),
    );
  }
  return data.length;
};
