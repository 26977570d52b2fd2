import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Container } from '../../functions/app/container.js';
import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import { createOrganization } from '../../functions/modules/organizations/domain/organizations.js';
import { createAttendee } from '../../functions/modules/people/domain/attendees.js';
import { user } from './fixtures.js';

/** An organization owned by `root`, for attendee and party tests. */
export const newOrg = async (c: Container): Promise<string> =>
  (await createOrganization(c.deps, user('root'), { name: 'People Org' })).orgId;

let serial = 0;

/** An attendee with a unique email and phone. */
export const newAttendee = (c: Container, orgId: string, firstName = 'Ada') => {
  serial += 1;
  const n = String(serial).padStart(6, '0');
  return createAttendee(c.deps, user('root'), orgId, {
    firstName,
    lastName: 'Test',
    email: `person${n}@example.com`,
    phone: `+1555${n}`,
  });
};

/** The primary keys of every item of the organization in the table. */
export const partitionKeysOf = async (tableName: string, orgId: string): Promise<string[]> => {
  const client = createDocumentClient({ region: 'us-east-1', endpoint: process.env.DYNAMODB_ENDPOINT });
  const keys: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) {
      const pk = String(item.pk);
      if (pk.includes(orgId)) keys.push(pk);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return keys;
};
