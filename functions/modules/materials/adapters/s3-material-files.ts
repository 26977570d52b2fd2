import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { FileBucket } from '../../../kernel/domain/files.js';

const isMissing = (error: unknown): boolean => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
};

const expiry = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

/**
 * The tenant's bucket of files, seen under `prefix` (an owner's part of it: '' for materials,
 * whose keys came first, `vendor-contracts/` for contract documents). Uploads and downloads are
 * presigned: the bytes never pass through a function. An upload's URL signs its content type and
 * length, so S3 refuses another.
 */
export const s3MaterialFiles = (client: S3Client, bucket: string, prefix = ''): FileBucket => ({
  async uploadUrl(key, contentType, sizeBytes, expiresIn) {
    const command = new PutObjectCommand({
      Bucket: bucket,
      Key: prefix + key,
      ContentType: contentType,
      ContentLength: sizeBytes,
    });
    const url = await getSignedUrl(client, command, {
      expiresIn,
      signableHeaders: new Set(['content-type', 'content-length']),
    });
    return {
      url,
      expiresAt: expiry(expiresIn),
      headers: { 'content-type': contentType, 'content-length': String(sizeBytes) },
    };
  },

  async downloadUrl(key, fileName, expiresIn) {
    const command = new GetObjectCommand({
      Bucket: bucket,
      Key: prefix + key,
      ResponseContentDisposition: `attachment; filename="${fileName}"`,
    });
    return {
      url: await getSignedUrl(client, command, { expiresIn }),
      expiresAt: expiry(expiresIn),
      headers: {},
    };
  },

  async head(key) {
    try {
      const out = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: prefix + key }));
      return { sizeBytes: out.ContentLength ?? 0, contentType: out.ContentType ?? null };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  },

  async remove(key) {
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: prefix + key }));
  },

  async removeAll(under) {
    let removed = 0;
    let token: string | undefined;
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix + under, ContinuationToken: token }),
      );
      const keys = (page.Contents ?? []).flatMap((o) => (o.Key ? [{ Key: o.Key }] : []));
      if (keys.length > 0) {
        await client.send(
          new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys, Quiet: true } }),
        );
        removed += keys.length;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return removed;
  },
});
