/**
 * Materials of an event (docs/materials.md): files (presentations, documents, videos, audio,
 * images) kept in the tenant's bucket and reached through presigned URLs only, or links. Each has
 * an access level that decides who may download it.
 */

export const materialTypes = ['presentation', 'document', 'video', 'audio', 'image', 'link'] as const;
export type MaterialType = (typeof materialTypes)[number];

export const accessLevels = ['public', 'attendees', 'speakers', 'sponsors'] as const;
export type AccessLevel = (typeof accessLevels)[number];

/** A file's material waits for its upload; a link is available at once. */
export type MaterialStatus = 'pending_upload' | 'available';

export interface Material {
  orgId: string;
  eventId: string;
  materialId: string;
  /** The session it belongs to, or null for the event as a whole. */
  sessionId: string | null;
  title: string;
  description: string | null;
  materialType: MaterialType;
  accessLevel: AccessLevel;
  tags: string[];
  language: string | null;
  /** A link's URL; null for files. */
  url: string | null;
  /** Where the file is in the bucket (`${orgId}/${eventId}/${materialId}`); null for links. */
  fileKey: string | null;
  contentType: string | null;
  sizeBytes: number | null;
  /** The file's format (`pdf`, `mp4`, ...), from its content type. */
  fileFormat: string | null;
  status: MaterialStatus;
  downloadCount: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

const MB = 1024 * 1024;

/** The largest file of each type: videos are long, everything else stays small. */
export const maxBytes: Record<Exclude<MaterialType, 'link'>, number> = {
  presentation: 50 * MB,
  document: 50 * MB,
  video: 200 * MB,
  audio: 50 * MB,
  image: 50 * MB,
};

const pdf = { 'application/pdf': 'pdf' };

/** The content types each file type accepts, with the format each stands for. */
export const allowedContentTypes: Record<Exclude<MaterialType, 'link'>, Record<string, string>> = {
  presentation: {
    ...pdf,
    'application/vnd.ms-powerpoint': 'ppt',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
    'application/vnd.oasis.opendocument.presentation': 'odp',
  },
  document: {
    ...pdf,
    'application/msword': 'doc',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
    'application/vnd.oasis.opendocument.text': 'odt',
    'text/plain': 'txt',
    'text/markdown': 'md',
  },
  video: { 'video/mp4': 'mp4', 'video/webm': 'webm', 'video/quicktime': 'mov' },
  audio: {
    'audio/mpeg': 'mp3',
    'audio/mp4': 'm4a',
    'audio/ogg': 'ogg',
    'audio/wav': 'wav',
    'audio/webm': 'weba',
  },
  // No SVG: a script inside one would run when a browser opens it from the bucket.
  image: { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp' },
};

/** The object key of a material's file: the organization and event first (a cascade deletes by prefix). */
export const fileKeyOf = (orgId: string, eventId: string, materialId: string): string =>
  `${eventFilesPrefix(orgId, eventId)}${materialId}`;

export const eventFilesPrefix = (orgId: string, eventId: string): string => `${orgId}/${eventId}/`;

/** How long a presigned upload or download URL is valid. */
export const uploadUrlSeconds = 15 * 60;
export const downloadUrlSeconds = 5 * 60;
