import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import S3rver from 's3rver';

/**
 * s3rver (the S3-compatible server from the npm registry) in this process, on a free port, with
 * the materials bucket created. Functions reach it path-style (`S3_ENDPOINT`); browsers may PUT and
 * GET presigned URLs from any origin (the bucket's CORS, as the deployed bucket's).
 */

export const LOCAL_MATERIALS_BUCKET = 'evently-materials-local';

/** Where `npm start` keeps the files (without `inMemory`). */
const DEFAULT_DIR = resolve(import.meta.dirname, '../../.data/s3');

const cors = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

export interface LocalS3 {
  endpoint: string;
  bucket: string;
  /** The function environment that points the materials module at it. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export const startS3Server = async (
  options: { inMemory?: boolean | undefined; dataDir?: string | undefined } = {},
): Promise<LocalS3> => {
  const temporary = options.inMemory ? await mkdtemp(join(tmpdir(), 'evently-s3-')) : undefined;
  const directory = temporary ?? options.dataDir ?? DEFAULT_DIR;
  await mkdir(directory, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    // Path-style only: virtual-host names of 127.0.0.1 do not resolve.
    vhostBuckets: false,
    configureBuckets: [{ name: LOCAL_MATERIALS_BUCKET, configs: [cors] }],
  });
  const address: AddressInfo = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;
  return {
    endpoint,
    bucket: LOCAL_MATERIALS_BUCKET,
    env: { S3_ENDPOINT: endpoint, MATERIALS_BUCKET: LOCAL_MATERIALS_BUCKET },
    stop: async () => {
      await server.close();
      if (temporary) await rm(temporary, { recursive: true, force: true });
    },
  };
};
