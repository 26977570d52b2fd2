import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../functions/app/openapi.js';
import { routes } from '../../functions/app/routes.js';

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>;
};

describe('OpenAPI document', () => {
  const doc = openApiDocument() as Doc;

  it('is OpenAPI 3.1 and documents every route of the manifest once', () => {
    expect(doc.openapi).toBe('3.1.0');
    const ops = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(ops.sort()).toEqual(routes.map((r) => r.operationId).sort());
  });

  it('documents success and problem responses for each operation', () => {
    for (const r of routes) {
      const op = doc.paths[r.path]?.[r.method.toLowerCase()];
      expect(op?.responses[String(r.success.status)], r.operationId).toBeDefined();
      expect(op?.responses['422'], r.operationId).toBeDefined();
    }
  });
});
