import {
  eventParams,
  freeText,
  isoDateTime,
  sessionIdSchema,
  stampFields,
} from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';
import { accessLevels, materialTypes } from '../domain/model.js';

/** An event's materials (docs/materials.md). */

export const materialIdSchema = z
  .string()
  .regex(/^mat_[0-9a-z]{20}$/, 'must be a material id (mat_ followed by 20 lowercase letters or digits)')
  .openapi({ example: 'mat_5k9m3p7r1t5v9x3z7b1d' });

export const materialParams = eventParams.extend({ materialId: materialIdSchema });

const materialType = z.enum(materialTypes).openapi('MaterialType');
const accessLevel = z.enum(accessLevels).openapi('MaterialAccessLevel', {
  description:
    "public: anyone (of a published public event); attendees: holders of a live booking of its session (any session for event materials); speakers: the event's speakers; sponsors: members only. Members always.",
});

export const createMaterialBody = z
  .strictObject({
    title: freeText(z.string().trim().min(1).max(200)).openapi({ example: 'Keynote slides' }),
    description: freeText(z.string().trim().max(4000), { multiline: true }).nullable().optional(),
    materialType,
    accessLevel,
    sessionId: sessionIdSchema.nullable().optional().openapi({ description: 'Absent: the event as a whole' }),
    tags: z
      .array(freeText(z.string().trim().min(1).max(40)))
      .max(20)
      .optional(),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'must be a language tag such as en or pt-BR')
      .nullable()
      .optional(),
    url: z
      .string()
      .trim()
      .max(2048)
      .pipe(z.url({ protocol: /^https$/, error: 'must be an https:// URL' }))
      .optional()
      .openapi({ description: "A link's address (links only)", example: 'https://example.com/talk' }),
    contentType: z
      .string()
      .max(120)
      .optional()
      .openapi({ description: "The file's content type (files only)", example: 'application/pdf' }),
    sizeBytes: z
      .number()
      .int()
      .min(1)
      .max(200 * 1024 * 1024)
      .optional()
      .openapi({
        description: "The file's size (files only): 200 MB for videos, 50 MB for others",
        example: 1048576,
      }),
  })
  .openapi('CreateMaterial');

export const materialSchema = z
  .object({
    materialId: materialIdSchema,
    eventId: z.string(),
    sessionId: z.string().nullable(),
    title: z.string(),
    description: z.string().nullable(),
    materialType,
    accessLevel,
    tags: z.array(z.string()),
    language: z.string().nullable(),
    url: z.string().nullable(),
    contentType: z.string().nullable(),
    sizeBytes: z.number().int().nullable(),
    fileFormat: z.string().nullable(),
    status: z.enum(['pending_upload', 'available']),
    downloadCount: z.number().int(),
    createdBy: z.string(),
    ...stampFields,
  })
  .openapi('Material');

const presigned = z
  .object({
    url: z.string(),
    expiresAt: isoDateTime,
    headers: z.record(z.string(), z.string()).openapi({ description: 'Send these headers with the request' }),
  })
  .openapi('PresignedUrl');

export const createdMaterialSchema = z
  .object({
    material: materialSchema,
    upload: presigned.nullable().openapi({ description: 'PUT the file here (files only), then complete' }),
  })
  .openapi('CreatedMaterial');

export const downloadSchema = z
  .object({
    url: z.string(),
    expiresAt: isoDateTime.nullable().openapi({ description: "Null for a link's URL" }),
    downloadCount: z.number().int(),
  })
  .openapi('MaterialDownload');

export const publicMaterialsSchema = z
  .object({ items: z.array(materialSchema.omit({ createdBy: true, downloadCount: true })) })
  .openapi('PublicMaterials');
