import { createServer } from 'node:net';

/** Thrown when the port the developer asked for is taken; carries a message meant for humans. */
export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`port ${port} is already in use (is another npm start running?) — set PORT to use another`);
    this.name = 'PortInUseError';
  }
}

const listenOnce = (port: number): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      server.close(() => resolve(bound));
    });
  });

/** A port the OS considers free right now (bind to 0, read it back, release it). */
export const findFreePort = (): Promise<number> => listenOnce(0);

/** Fails fast, before any child process is spawned, when `port` cannot be bound. */
export const assertPortFree = async (port: number): Promise<void> => {
  try {
    await listenOnce(port);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(port);
    throw error;
  }
};
