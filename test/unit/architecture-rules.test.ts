import { describe, expect, it } from 'vitest';
import { parseSource, type SourceFile } from '../../scripts/architecture/graph.js';
import { domainPurity, moduleCycles, moduleInternals } from '../../scripts/architecture/rules.js';

/** Each rule of `npm run check:architecture` on small made-up trees: quiet when kept, loud when broken. */

const file = (path: string, ...imports: string[]): SourceFile => ({ path, imports, readsEnv: false });

describe('import graph', () => {
  it('resolves relative imports to repository paths and keeps packages by name', () => {
    const parsed = parseSource(
      'functions/modules/bookings/domain/book.ts',
      "import { x } from './model.js';\nimport type { y } from '../../catalog/index.js';\nimport { Entity } from 'electrodb';\nconst e = process.env.X;",
    );
    expect(parsed).toEqual({
      path: 'functions/modules/bookings/domain/book.ts',
      imports: [
        'functions/modules/bookings/domain/model.ts',
        'functions/modules/catalog/index.ts',
        'electrodb',
      ],
      readsEnv: true,
    });
  });
});

describe('domain purity', () => {
  it('lets a domain import its module, the kernel domain and another module entry', () => {
    const files = [
      file(
        'functions/modules/bookings/domain/book.ts',
        'functions/modules/bookings/domain/model.ts',
        'functions/kernel/domain/errors.ts',
        'functions/modules/catalog/index.ts',
      ),
    ];
    expect(domainPurity(files)).toEqual([]);
  });

  it('refuses AWS, ElectroDB, middy, Powertools, zod, adapters, contracts, the app and process.env', () => {
    const files = [
      file(
        'functions/modules/bookings/domain/book.ts',
        '@aws-sdk/client-dynamodb',
        'electrodb',
        '@middy/core',
        '@aws-lambda-powertools/logger',
        'zod',
        'functions/modules/bookings/adapters/booking-store.ts',
        'functions/modules/bookings/contracts/bookings.ts',
        'functions/app/container.ts',
        'functions/kernel/http/problem.ts',
      ),
      { ...file('functions/kernel/domain/clock.ts'), readsEnv: true },
    ];
    expect(domainPurity(files).map((v) => v.key)).toEqual([
      'functions/modules/bookings/domain/book.ts imports @aws-sdk/client-dynamodb',
      'functions/modules/bookings/domain/book.ts imports electrodb',
      'functions/modules/bookings/domain/book.ts imports @middy/core',
      'functions/modules/bookings/domain/book.ts imports @aws-lambda-powertools/logger',
      'functions/modules/bookings/domain/book.ts imports zod',
      'functions/modules/bookings/domain/book.ts imports functions/modules/bookings/adapters/booking-store.ts',
      'functions/modules/bookings/domain/book.ts imports functions/modules/bookings/contracts/bookings.ts',
      'functions/modules/bookings/domain/book.ts imports functions/app/container.ts',
      'functions/modules/bookings/domain/book.ts imports functions/kernel/http/problem.ts',
      'functions/kernel/domain/clock.ts reads process.env',
    ]);
  });

  it('does not judge files outside a domain folder', () => {
    expect(domainPurity([file('functions/modules/bookings/adapters/store.ts', 'electrodb')])).toEqual([]);
  });
});

describe('module internals', () => {
  it('lets a module import its own files, the kernel and another module entry', () => {
    const files = [
      file(
        'functions/modules/waitlist/adapters/store.ts',
        'functions/modules/waitlist/domain/model.ts',
        'functions/kernel/dynamo/service.ts',
        'functions/modules/bookings/index.ts',
      ),
    ];
    expect(moduleInternals(files)).toEqual([]);
  });

  it("refuses a module importing another module's files other than its entry", () => {
    const files = [
      file('functions/modules/waitlist/domain/join.ts', 'functions/modules/bookings/domain/bookings.ts'),
    ];
    expect(moduleInternals(files)).toEqual([
      {
        rule: 'module-internals',
        key: 'functions/modules/waitlist/domain/join.ts imports functions/modules/bookings/domain/bookings.ts',
      },
    ]);
  });
});

describe('module cycles', () => {
  it('accepts modules that import each other one way only', () => {
    const files = [
      file('functions/modules/waitlist/domain/a.ts', 'functions/modules/bookings/index.ts'),
      file('functions/modules/bookings/domain/b.ts', 'functions/modules/catalog/index.ts'),
    ];
    expect(moduleCycles(files)).toEqual([]);
  });

  it('names every group of modules that import each other, however long the cycle', () => {
    const files = [
      file('functions/modules/waitlist/domain/a.ts', 'functions/modules/bookings/index.ts'),
      file('functions/modules/bookings/domain/b.ts', 'functions/modules/catalog/index.ts'),
      file('functions/modules/catalog/adapters/c.ts', 'functions/modules/waitlist/index.ts'),
      file('functions/modules/people/domain/d.ts', 'functions/modules/organizations/index.ts'),
      file('functions/modules/organizations/domain/e.ts', 'functions/modules/people/index.ts'),
    ];
    expect(moduleCycles(files).map((v) => v.key)).toEqual([
      'modules bookings, catalog, waitlist import each other',
      'modules organizations, people import each other',
    ]);
  });
});
