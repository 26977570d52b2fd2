import { Entity } from 'electrodb';
import validations from 'electrodb/src/validations.js';

/**
 * ElectroDB validates every model with jsonschema when an entity is built (`new Entity`), and
 * validates each entity again, as a candidate model, when a `Service` is built: about half of
 * the import time of the entities, paid at every cold start for models that never change between
 * deployments. Here that work is done once, by a test (test/unit/entity-models.test.ts runs
 * ElectroDB's own validator over every model recorded below); at run time a model is recorded,
 * not validated.
 *
 * Both functions are replaced on the module object ElectroDB's own code calls them through. If a
 * new ElectroDB calls them some other way, validation simply runs again (slower, still correct)
 * and the test that proves it is skipped fails.
 */
export const electroValidateModel = validations.model;
const electroTestModel = validations.testModel;

const recorded = new Set<object>();

/** Every model an entity was built from in this process (the test validates each). */
export const recordedModels = (): readonly object[] => [...recorded];

let installed = false;

/** Idempotent; entity-base.ts calls it, and every entity file imports entity-base first. */
export const skipModelValidationAtRunTime = (): void => {
  if (installed) return;
  installed = true;
  validations.model = (model) => {
    if (typeof model === 'object' && model !== null) recorded.add(model);
  };
  // A built entity is never a model; the Service asks only to tell the two apart.
  validations.testModel = (value) => (value instanceof Entity ? [false, ''] : electroTestModel(value));
};
