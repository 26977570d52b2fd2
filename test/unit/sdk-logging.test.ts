import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { withoutSdkLogging } from '../../functions/kernel/aws/sdk-logging.js';

/**
 * The SDK's logger middleware copies every request and response for a logger nobody configured:
 * every client the functions make goes without it.
 */
const root = join(import.meta.dirname, '..', '..');
const sources = readdirSync(join(root, 'functions'), { withFileTypes: true, recursive: true })
  .filter((e) => e.isFile() && e.name.endsWith('.ts'))
  .map((e) => relative(root, join(e.parentPath, e.name)));

const constructions = sources.flatMap((file) =>
  [...readFileSync(join(root, file), 'utf8').matchAll(/([\s\S]{0,30})new (\w+Client)\(/g)].map((m) => ({
    file,
    client: m[2] ?? '',
    before: m[1] ?? '',
  })),
);

const clients = {
  CognitoIdentityProviderClient,
  DynamoDBClient,
  S3Client,
  EventBridgeClient,
  SQSClient,
  SchedulerClient,
  SecretsManagerClient,
  SESv2Client,
  SNSClient,
};

describe('SDK clients of the functions', () => {
  it('finds where the functions make their clients', () => {
    expect(new Set(constructions.map((c) => c.client))).toEqual(new Set(Object.keys(clients)));
  });

  it.each(constructions.map((c) => [`${c.client} in ${c.file}`, c] as const))(
    '%s is made without the SDK logging middleware',
    (_, { before }) => {
      expect(before).toMatch(/withoutSdkLogging\(\s*$/);
    },
  );

  // The middleware is removed by name: an SDK that renamed it would keep it, silently.
  it.each(Object.entries(clients))('%s loses its logger middleware', (_, Client) => {
    const client = new Client({ region: 'eu-west-1' });
    const named = () => client.middlewareStack.identify().filter((m) => m.startsWith('loggerMiddleware'));
    expect(named()).not.toEqual([]);
    withoutSdkLogging(client);
    expect(named()).toEqual([]);
  });
});
