/**
 * Region and dummy credentials for the local emulators: the SDK insists on credentials, and
 * DynamoDB Local (with -sharedDb) and fauxqs accept any.
 */
export const LOCAL_REGION = 'us-east-1';
export const LOCAL_ACCOUNT_ID = '000000000000';
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
