/**
 * The contention model's proxy as a process of its own (started by proxy-child.ts): argv holds
 * DynamoDB Local's endpoint and the hold in ms. Prints its endpoint once listening; stops when its
 * stdin closes (the parent went away).
 */
import { startContentionProxy } from '../contention/proxy.js';

const [upstream, holdMs] = process.argv.slice(2);
if (!upstream) throw new Error('usage: proxy-main.ts <upstream> <holdMs>');
const proxy = await startContentionProxy({ upstream, options: { holdMs: Number(holdMs) } });
process.stdout.write(`${proxy.endpoint}\n`);
process.stdin.on('end', () => {
  proxy.stop().then(() => process.exit(0));
});
process.stdin.resume();
