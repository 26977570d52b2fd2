import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { guardChild } from '../local/child-guard.js';

/**
 * fauxqs in a child process. The local runtime runs it in its own process by default, where a
 * booking's `SendMessage` would charge the queue server's work to the handler's CPU; in AWS that
 * work is SQS's, as DynamoDB's is (DynamoDB Local is a JVM of its own already).
 */

export interface SqsChild {
  endpoint: string;
  stop(): Promise<void>;
}

// Prints the port once listening; stops when its stdin closes (the parent went away).
const SERVER = `
const { startFauxqs } = await import('fauxqs');
const server = await startFauxqs({ port: 0, logger: false });
process.stdout.write(String(server.port) + '\\n');
process.stdin.on('end', () => server.stop().then(() => process.exit(0)));
process.stdin.resume();
`;

export const startSqsChild = async (): Promise<SqsChild> => {
  const child = spawn(process.execPath, ['--input-type=module', '-e', SERVER], {
    cwd: resolve(import.meta.dirname, '../..'),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  if (!child.pid) throw new Error('fauxqs child did not start');
  const guard = guardChild(child.pid);
  const [chunk] = (await Promise.race([
    once(child.stdout, 'data'),
    once(child, 'exit').then(() => {
      throw new Error('fauxqs child exited before listening');
    }),
  ])) as [Buffer];
  const port = Number(chunk.toString().trim());
  if (!Number.isInteger(port) || port <= 0) throw new Error(`fauxqs child printed "${chunk.toString()}"`);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      const exited = once(child, 'exit');
      child.stdin?.end();
      await exited;
      guard.release();
    },
  };
};
