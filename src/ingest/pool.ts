import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AnalyzeRequest, AnalyzeResponse } from './work.js';

/**
 * A fixed pool of worker threads running extraction + annotation (worker.ts). Tasks queue
 * when every worker is busy; a task that runs past its time-out gets its worker terminated
 * and replaced, so one pathological article cannot stall the pool; a crashed worker is
 * replaced too, and its task fails with the reason.
 */
export interface PoolOptions {
  /** Worker threads (default: os.availableParallelism()). */
  size?: number;
  /** Per-task time-out in milliseconds (default: none). */
  taskTimeoutMs?: number;
  /** Largest number of queued (not yet running) tasks; beyond it run() rejects with PoolFullError. */
  maxQueue?: number;
  /** Heap limit of each worker in MiB (default: Node's). */
  maxOldGenerationSizeMb?: number;
  /** The worker script (default: worker.js beside this file); tests use their own. */
  workerUrl?: URL;
}

export class PoolFullError extends Error {
  constructor() {
    super('all workers are busy and the queue is full');
    this.name = 'PoolFullError';
  }
}

export class TaskTimeoutError extends Error {
  constructor(ms: number) {
    super(`analysis took longer than ${ms} ms and was stopped`);
    this.name = 'TaskTimeoutError';
  }
}

interface Task {
  id: number;
  req: AnalyzeRequest;
  resolve: (r: AnalyzeResponse) => void;
  reject: (e: Error) => void;
  timer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  task: Task | null;
  /** True once the worker has answered a task (it loaded fine). */
  answered: boolean;
}

const WORKER_URL = new URL('./worker.js', import.meta.url);

export class WorkerPool {
  readonly size: number;
  private slots: Slot[] = [];
  private queue: Task[] = [];
  private nextId = 1;
  private closed = false;
  /** Workers that died in a row without ever answering (a module that cannot load, say). */
  private deathsWithoutAnswer = 0;
  private broken: { error: Error; until: number } | null = null;
  /** Workers started so far (replacements included). */
  spawned = 0;

  constructor(private readonly opts: PoolOptions = {}) {
    this.size = Math.max(1, Math.floor(opts.size ?? availableParallelism()));
    for (let i = 0; i < this.size; i++) this.slots.push(this.spawn());
  }

  /** Tasks running or waiting. */
  get pending(): number {
    return this.queue.length + this.slots.filter((s) => s.task).length;
  }

  get queued(): number {
    return this.queue.length;
  }

  private spawn(): Slot {
    const resourceLimits = this.opts.maxOldGenerationSizeMb ? { maxOldGenerationSizeMb: this.opts.maxOldGenerationSizeMb } : undefined;
    const worker = new Worker(this.opts.workerUrl ?? WORKER_URL, { resourceLimits });
    this.spawned++;
    const slot: Slot = { worker, task: null, answered: false };
    worker.on('message', (msg: { id: number; res: AnalyzeResponse }) => {
      slot.answered = true;
      this.deathsWithoutAnswer = 0;
      const t = slot.task;
      if (!t || t.id !== msg.id) return;
      slot.task = null;
      // An idle worker does not keep the process alive; a busy one does.
      worker.unref();
      if (t.timer) clearTimeout(t.timer);
      t.resolve(msg.res);
      this.pump();
    });
    const fail = (err: Error) => {
      const t = slot.task;
      slot.task = null;
      if (t) {
        if (t.timer) clearTimeout(t.timer);
        t.reject(err);
      }
      if (!slot.answered && ++this.deathsWithoutAnswer >= 3) {
        // Workers cannot even start: stop respawning for a while and fail what waits, rather
        // than spinning up dead workers in a loop.
        this.broken = { error: err, until: Date.now() + 2000 };
        for (const q of this.queue.splice(0)) q.reject(err);
        const i = this.slots.indexOf(slot);
        if (i >= 0) this.slots.splice(i, 1);
        slot.worker.removeAllListeners('exit');
        void slot.worker.terminate().catch(() => {});
        return;
      }
      this.replace(slot);
    };
    worker.on('error', (err) => fail(new Error(`worker failed: ${err.message}`)));
    worker.on('exit', (code) => {
      if (!this.closed && this.slots.includes(slot)) fail(new Error(`worker exited with code ${code}`));
    });
    worker.unref();
    return slot;
  }

  private replace(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    slot.worker.removeAllListeners('exit');
    void slot.worker.terminate().catch(() => {});
    if (this.closed) {
      this.slots.splice(i, 1);
      return;
    }
    this.slots[i] = this.spawn();
    this.pump();
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (!this.queue.length) return;
      if (slot.task) continue;
      const t = this.queue.shift()!;
      slot.task = t;
      slot.worker.ref();
      if (this.opts.taskTimeoutMs) {
        const ms = this.opts.taskTimeoutMs;
        t.timer = setTimeout(() => {
          if (slot.task !== t) return;
          slot.task = null;
          t.reject(new TaskTimeoutError(ms));
          this.replace(slot);
        }, ms);
      }
      slot.worker.postMessage({ id: t.id, req: t.req });
    }
  }

  /** Runs one analysis. Rejects with PoolFullError when maxQueue tasks already wait. */
  run(req: AnalyzeRequest): Promise<AnalyzeResponse> {
    if (this.closed) return Promise.reject(new Error('worker pool is closed'));
    if (this.broken) {
      if (Date.now() < this.broken.until) return Promise.reject(this.broken.error);
      this.broken = null;
      this.deathsWithoutAnswer = 0;
    }
    while (this.slots.length < this.size) this.slots.push(this.spawn());
    const idle = this.slots.some((s) => !s.task);
    if (!idle && this.opts.maxQueue !== undefined && this.queue.length >= this.opts.maxQueue) {
      return Promise.reject(new PoolFullError());
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, req, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.queue) t.reject(new Error('worker pool closed'));
    this.queue = [];
    await Promise.all(
      this.slots.map(async (s) => {
        if (s.task) {
          if (s.task.timer) clearTimeout(s.task.timer);
          s.task.reject(new Error('worker pool closed'));
          s.task = null;
        }
        await s.worker.terminate().catch(() => {});
      }),
    );
    this.slots = [];
  }
}
