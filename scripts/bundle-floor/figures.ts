import type { FunctionName } from '../../functions/app/function-definitions.js';
import type { Machine } from '../booking-load/machine.js';

/** What one run of `npm run bench:bundle` measured (`--json` prints it). */

export interface ImportTiming {
  sizeKb: number;
  /** Wall time of the import, median of the runs. */
  coldImportMs: number;
  importRunsMs: number[];
  /** CPU time of the importing process meanwhile, median of the runs. */
  coldImportCpuMs: number;
  importCpuRunsMs: number[];
}

/** Bytes a package (or the project's own code) puts into a bundle. */
export interface PackageShare {
  name: string;
  kb: number;
}

export interface BundleReport extends ImportTiming {
  function: FunctionName;
  /** The floor's runs beside this function's, pair by pair (wall and CPU time). */
  floorRunsMs: number[];
  floorCpuRunsMs: number[];
  /** The same ratio in CPU time: what other work on the machine moves least. */
  importCpuRatio: number;
  importCpuRatioMet: boolean;
  overBudget: boolean;
  largestPackages: PackageShare[];
  /** Cold import / the floor's: the median of the pairs' ratios. */
  importRatio: number;
  maxImportRatio: number;
  importRatioMet: boolean;
}

export interface BundleBenchFigures {
  machine: Machine;
  budgetKb: number;
  runs: number;
  /** The function serving the booking route: its import ratio has the tighter target. */
  bookingFunction: FunctionName;
  /** The DynamoDB document client and one ElectroDB entity (scripts/bundle-floor/entry.ts): every run of it. */
  floor: ImportTiming & { largestPackages: PackageShare[] };
  functions: BundleReport[];
  /** How long the whole run took. */
  elapsedSeconds: number;
}

export const importTargets = { bookingFunction: 1.4, others: 1.8 } as const;

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** The median of the ratios of runs taken in pairs (`own[i]` beside `floor[i]`), to 2 decimals. */
export const pairedRatio = (own: readonly number[], floor: readonly number[]): number => {
  if (own.length === 0 || own.length !== floor.length) throw new Error('import runs must come in pairs');
  return Math.round(median(own.map((ms, i) => ms / floor[i]!)) * 100) / 100;
};

/**
 * A function's import ratio to the floor, from runs taken in pairs (`own[i]` beside `floor[i]`):
 * the median of the pairs' ratios, so a pair slowed by other work on the machine weighs no more
 * than any other. Also whether it meets its target.
 */
export const importRatioOf = (
  name: FunctionName,
  own: readonly number[],
  floor: readonly number[],
  bookingFunction: FunctionName,
): Pick<BundleReport, 'importRatio' | 'maxImportRatio' | 'importRatioMet'> => {
  const importRatio = pairedRatio(own, floor);
  const maxImportRatio = name === bookingFunction ? importTargets.bookingFunction : importTargets.others;
  return { importRatio, maxImportRatio, importRatioMet: importRatio <= maxImportRatio };
};
