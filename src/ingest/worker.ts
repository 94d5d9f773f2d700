import { parentPort } from 'node:worker_threads';
import { analyzeRequest, type AnalyzeRequest } from './work.js';

/** Worker thread: answers { id, req } messages with { id, res }, one at a time. */
if (!parentPort) throw new Error('worker.js must run in a worker thread');
const port = parentPort;
// Fault-injection knob for the crash tests only: makes each article take at least this long.
const delayMs = Number(process.env.VIGIE_TEST_WORKER_DELAY_MS ?? 0) || 0;
port.on('message', async (msg: { id: number; req: AnalyzeRequest }) => {
  if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
  const res = await analyzeRequest(msg.req);
  port.postMessage({ id: msg.id, res });
});
