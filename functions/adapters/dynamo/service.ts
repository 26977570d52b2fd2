import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Service } from 'electrodb';
import { deletionEntity } from './entities/deletion.js';
import { idempotencyEntity } from './entities/idempotency.js';
import { inviteEntity } from './entities/invite.js';
import { memberEntity } from './entities/member.js';
import { organizationEntity } from './entities/organization.js';

export const createService = (client: DynamoDBDocumentClient, table: string) =>
  new Service(
    {
      organization: organizationEntity,
      member: memberEntity,
      invite: inviteEntity,
      idempotency: idempotencyEntity,
      deletion: deletionEntity,
    },
    { client, table },
  );

export type EventlyService = ReturnType<typeof createService>;
