import { getContainer } from '../../../app/container.js';
import { created, noContent, ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import {
  completeMaterial,
  createMaterial,
  type Download,
  deleteMaterial,
  downloadMaterial,
  getMaterial,
  listMaterials,
  publicDownload,
  publicMaterials,
} from '../domain/materials.js';
import type { Material } from '../domain/model.js';

const deps = () => getContainer().deps;

const materialView = ({ orgId: _o, fileKey: _k, ...m }: Material) => m;
const publicView = (m: Material) => {
  const { createdBy: _c, downloadCount: _d, ...rest } = materialView(m);
  return rest;
};
const downloadView = (d: Download) => ({
  url: d.url,
  expiresAt: d.expiresAt,
  downloadCount: d.material.downloadCount,
});

export const materialHandlers = {
  createMaterial: async ({ principal, params, body }) => {
    const { material, upload } = await createMaterial(deps(), principal, params.orgId, params.eventId, body);
    return created({ material: materialView(material), upload });
  },
  completeMaterial: async ({ principal, params }) =>
    ok(
      materialView(
        await completeMaterial(deps(), principal, params.orgId, params.eventId, params.materialId),
      ),
    ),
  listMaterials: async ({ principal, params, query }) => {
    const page = await listMaterials(deps(), principal, params.orgId, params.eventId, query);
    return ok({ items: page.items.map(materialView), nextCursor: page.nextCursor });
  },
  getMaterial: async ({ principal, params }) =>
    ok(materialView(await getMaterial(deps(), principal, params.orgId, params.eventId, params.materialId))),
  downloadMaterial: async ({ principal, params }) =>
    ok(
      downloadView(
        await downloadMaterial(deps(), principal, params.orgId, params.eventId, params.materialId),
      ),
    ),
  deleteMaterial: async ({ principal, params }) => {
    await deleteMaterial(deps(), principal, params.orgId, params.eventId, params.materialId);
    return noContent();
  },
  listPublicMaterials: async ({ params }) =>
    ok({ items: (await publicMaterials(deps(), params.orgId, params.eventId)).map(publicView) }),
  downloadPublicMaterial: async ({ params }) =>
    ok(downloadView(await publicDownload(deps(), params.orgId, params.eventId, params.materialId))),
} satisfies Partial<RouteHandlers<'catalog'>>;
