/**
 * A port for a use-case unit test: the methods the test gives, and for any other one a function
 * that throws, so a use case reaching for a port it should not use fails the test.
 */
export const fake = <T extends object>(given: Partial<T>): T =>
  new Proxy(given, {
    get: (target, name) =>
      name in target
        ? (target as Record<PropertyKey, unknown>)[name]
        : () => {
            throw new Error(`the use case called ${String(name)}, which the test did not expect`);
          },
  }) as T;
