import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Entity, Service } from 'electrodb';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  electroValidateModel,
  recordedModels,
  skipModelValidationAtRunTime,
} from '../../functions/kernel/dynamo/model-validation.js';
import { localScheduleStore } from '../../functions/modules/bookings/adapters/local-schedule-store.js';

/**
 * The functions build their entities without ElectroDB's model validation (model-validation.ts);
 * this is where every model is validated instead, by ElectroDB's own validator.
 */
const root = join(import.meta.dirname, '..', '..');

const entityFiles = readdirSync(join(root, 'functions'), { withFileTypes: true, recursive: true })
  .filter((e) => e.isFile() && e.name.endsWith('.ts'))
  .map((e) => relative(root, join(e.parentPath, e.name)))
  .filter((f) => /export const \w+ = new Entity\(/.test(readFileSync(join(root, f), 'utf8')));

// Valid for ElectroDB's parser, refused by its validator: `required` must be a boolean.
const invalidModel = {
  model: { service: 'probe', entity: 'probe', version: '1' },
  attributes: { id: { type: 'string', required: 'yes' } },
  indexes: { byId: { pk: { field: 'pk', composite: ['id'] }, sk: { field: 'sk', composite: [] } } },
};

// Any built entity: the model's type parameters do not matter here.
type AnyEntity = Entity<string, string, string, never>;
const isEntity = (value: unknown): value is AnyEntity => value instanceof Entity;

const exportedEntities = new Map<string, AnyEntity[]>();

beforeAll(async () => {
  // Entities a store builds on demand, not when its module loads: built here so their models are
  // recorded and validated below with the others.
  localScheduleStore(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' })), 'probe');
  for (const file of entityFiles) {
    const mod = (await import(pathToFileURL(join(root, file)).href)) as Record<string, unknown>;
    exportedEntities.set(file, Object.values(mod).filter(isEntity));
  }
});

describe('entity models', () => {
  it('finds the files that build entities', () => {
    expect(entityFiles.length).toBeGreaterThan(30);
  });

  // The skip must be in place before an entity is built: entity-base.ts installs it.
  it.each(entityFiles)('%s imports entity-base before building its entity', (file) => {
    expect(readFileSync(join(root, file), 'utf8')).toMatch(/from '[./]+(kernel\/dynamo\/)?entity-base\.js'/);
  });

  it.each(entityFiles)(
    '%s: every entity it exports was built without validation, from a recorded model',
    (file) => {
      const entities = exportedEntities.get(file) ?? [];
      expect(entities.length).toBeGreaterThan(0);
      for (const entity of entities) expect(recordedModels()).toContain(entity.schema);
    },
  );

  it('records the models of entities built on demand (the local scheduler’s)', () => {
    const names = recordedModels().map((m) => (m as { model?: { entity?: string } }).model?.entity);
    expect(names).toContain('localSchedule');
  });

  it('every recorded model passes ElectroDB’s own validator', () => {
    const models = recordedModels();
    expect(models.length).toBeGreaterThanOrEqual(entityFiles.length);
    const failures = models.flatMap((model) => {
      try {
        electroValidateModel(model);
        return [];
      } catch (err) {
        const name = (model as { model?: { entity?: string } }).model?.entity;
        return [`${name}: ${(err as Error).message}`];
      }
    });
    expect(failures).toEqual([]);
  });

  it('ElectroDB’s validator refuses a broken model, and building an entity no longer runs it', () => {
    expect(() => electroValidateModel(invalidModel)).toThrow(/required is not of a type/);
    skipModelValidationAtRunTime();
    // If a new ElectroDB stops calling the validator through its module object, this throws.
    expect(() => new Entity(invalidModel as never)).not.toThrow();
    expect(recordedModels()).toContain(invalidModel);
  });

  it('a service still tells built entities from models', async () => {
    const { idempotencyEntity } = await import('../../functions/kernel/dynamo/idempotency-entity.js');
    const service = new Service({ idempotency: idempotencyEntity });
    expect(service.entities.idempotency).toBe(idempotencyEntity);
  });
});
