import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AuditScope, withAuditScope } from '../../functions/kernel/audit/audit-scope.js';
import { auditDocumentClient } from '../../functions/kernel/audit/audited-writes.js';
import { DomainError } from '../../functions/kernel/domain/errors.js';
import { resetEnvCache } from '../../functions/kernel/env.js';
import { errorResponse } from '../../functions/kernel/http/problem.js';

/**
 * A single write that carries its audit record goes out as a transaction, which another
 * transaction on its item can cancel. DynamoDB Local cannot be made to collide on cue, so the
 * client's `send` is mocked here to answer conflicts, and the writer must retry them.
 */

// The audit record's retention is read from the function environment, which the run's global
// setup provides only when servers run (`--project unit` alone starts none).
beforeAll(() => {
  process.env.TABLE_NAME ??= 'evently';
  resetEnvCache();
});

const scope: AuditScope = { actor: { type: 'user', id: 'u1' }, action: 'test', requestId: 'r1', once: false };

const venuePut = () =>
  new PutCommand({
    TableName: 'evently',
    Item: {
      pk: '$evently#org_conflict0000000000000',
      sk: '$venue_1#venueid_ven_1',
      __edb_e__: 'venue',
      __edb_v__: '1',
      orgId: 'org_conflict0000000000000',
      venueId: 'ven_1',
      name: 'Hall',
    },
  });

const conflict = () =>
  Object.assign(new Error('Transaction cancelled'), {
    name: 'TransactionCanceledException',
    CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }],
  });

/** A document client whose `send` answers `conflicts` conflicts, then success; it keeps what it was sent. */
const collidingClient = (conflicts: number) => {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
  const sent: { TransactItems?: unknown[] }[] = [];
  let left = conflicts;
  client.send = (async (command: { input: { TransactItems?: unknown[] } }) => {
    sent.push(command.input);
    if (left > 0) {
      left -= 1;
      throw conflict();
    }
    return {};
  }) as never;
  auditDocumentClient(client);
  return { client, sent };
};

describe('a single write sent as a transaction with its record (mocked send: conflicts on cue)', () => {
  it('is retried after a conflict and then commits with one record', async () => {
    const { client, sent } = collidingClient(2);
    await withAuditScope(scope, () => client.send(venuePut()));
    expect(sent).toHaveLength(3);
    for (const input of sent) expect(input.TransactItems).toHaveLength(2);
  });

  it('answers TEMPORARILY_UNAVAILABLE (503 with Retry-After) when the conflicts outlast the retries', async () => {
    const { client, sent } = collidingClient(100);
    const error = await withAuditScope(scope, () => client.send(venuePut())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('TEMPORARILY_UNAVAILABLE');
    expect(sent.length).toBeGreaterThan(1);
    const response = errorResponse(error, '/v1/x');
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['retry-after']).toBe('1');
  });

  it('a raw conflict that reaches the HTTP layer is a 503, not a 500', () => {
    const raw = Object.assign(new Error('Transaction is ongoing for the item'), {
      name: 'TransactionConflictException',
    });
    expect(errorResponse(raw, '/v1/x').statusCode).toBe(503);
    expect(errorResponse(new Error('boom'), '/v1/x').statusCode).toBe(500);
  });
});
