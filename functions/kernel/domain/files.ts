import { type FieldIssue, validationFailed } from './errors.js';

/**
 * The tenant's bucket of files (material files, vendor contract documents), reached by clients
 * through presigned URLs only. Each owner gets its own port over the bucket, scoped to a key prefix
 * of its own, so one owner's cascade (`removeAll`) never reaches another's objects.
 */

export interface PresignedUrl {
  url: string;
  expiresAt: string;
  /** Headers the client must send with the request (they are part of the signature). */
  headers: Record<string, string>;
}

/** What the bucket holds of an object. */
export interface StoredFile {
  sizeBytes: number;
  contentType: string | null;
}

/** Keys are the owner's (its port adds its prefix): an event's files share a key prefix of their own. */
export interface FileBucket {
  uploadUrl(
    key: string,
    contentType: string,
    sizeBytes: number,
    expiresInSeconds: number,
  ): Promise<PresignedUrl>;
  downloadUrl(key: string, fileName: string, expiresInSeconds: number): Promise<PresignedUrl>;
  head(key: string): Promise<StoredFile | undefined>;
  remove(key: string): Promise<void>;
  /** Deletes every object under `prefix` (an event's files); answers how many. */
  removeAll(prefix: string): Promise<number>;
}

/** What the client said it would upload (size and type are part of the presigned URL). */
export interface DeclaredFile {
  sizeBytes: number | null;
  contentType: string | null;
}

/**
 * Refuses (422) completing an upload the bucket does not hold as declared: nothing there yet, or
 * another size or type. The caller then keeps the file pending; the client may upload again.
 */
export const assertUploaded = async (
  bucket: FileBucket,
  key: string,
  declared: DeclaredFile,
): Promise<void> => {
  const stored = await bucket.head(key);
  if (!stored) throw validationFailed([{ field: 'file', message: 'nothing was uploaded yet' }]);
  const issues: FieldIssue[] = [];
  if (stored.sizeBytes !== declared.sizeBytes)
    issues.push({
      field: 'sizeBytes',
      message: `the upload has ${stored.sizeBytes} bytes, ${declared.sizeBytes} were declared`,
    });
  if (stored.contentType !== declared.contentType)
    issues.push({
      field: 'contentType',
      message: `the upload is ${stored.contentType ?? 'untyped'}, ${declared.contentType} was declared`,
    });
  if (issues.length > 0) throw validationFailed(issues);
};
