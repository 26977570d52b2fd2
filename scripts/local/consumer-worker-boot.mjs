// The consumer thread's entry: a worker does not inherit the parent's TypeScript loader, so it
// registers tsx itself before loading the TypeScript module that polls the queues.
import { register } from 'tsx/esm/api';

register();
await import('./consumer-worker-source.ts');
