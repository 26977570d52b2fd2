/**
 * ElectroDB's model validator module (jsonschema), which the package ships without types. Only
 * model-validation.ts imports it: the two functions below are the ones it replaces.
 */
declare module 'electrodb/src/validations.js' {
  interface ElectroValidations {
    /** Throws an ElectroError naming every field when `model` is not a valid entity model. */
    model(model: unknown): void;
    /** `[true, '']` when `value` is a valid model, else `[false, reasons]`. */
    testModel(value: unknown): [boolean, string];
  }
  const validations: ElectroValidations;
  export default validations;
}
