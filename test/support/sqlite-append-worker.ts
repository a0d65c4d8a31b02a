/**
 * A child process that appends to a shared SQLite event log through the real adapter.
 * Run by `run-ts.js`: `node test/support/run-ts.js test/support/sqlite-append-worker.ts <json WorkerTask>`.
 * It says `ready` once its store is open, waits for `go`, appends, reports `done`, and then
 * closes its store, or, with `crashAfterDone`, dies by SIGKILL without closing anything.
 */
import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError, type AppendResult, type EventToAppend, type ExpectedRevision } from '@pat/domain';
import { SqliteEventStore } from '@pat/stores';

export interface WorkerTask {
  file: string;
  worker: string;
  events: number;
  streams: string[];
  /** Every n-th append is sent a second time, unchanged, as a client retrying after a timeout would. */
  retryEvery: number;
  /** Longest pause between two appends, so that the workers' appends interleave as real clients' do. */
  maxPauseMs: number;
  crashAfterDone: boolean;
}

export interface AppendedEvent {
  id: string;
  streamId: string;
  seq: number;
}

export type WorkerMessage =
  | { kind: 'ready' }
  | { kind: 'done'; appended: AppendedEvent[]; conflicts: number; retries: number }
  | { kind: 'failed'; message: string };

export type ParentMessage = { kind: 'go' };

function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) return reject(new Error('No IPC channel: start this worker with child_process.fork'));
    process.send(message, undefined, {}, (error) => (error ? reject(error) : resolve()));
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function waitForGo(): Promise<void> {
  return new Promise((resolve) => {
    process.on('message', (message: ParentMessage) => {
      if (message.kind === 'go') resolve();
    });
  });
}

async function run(task: WorkerTask): Promise<void> {
  const store = new SqliteEventStore(task.file, { pollIntervalMs: 10 });
  const heads = new Map<string, ExpectedRevision>();
  const appended: AppendedEvent[] = [];
  let conflicts = 0;
  let retries = 0;

  const headOf = async (streamId: string): Promise<ExpectedRevision> => {
    const known = heads.get(streamId);
    if (known !== undefined) return known;
    const events = await store.readStream(streamId);
    return events.length === 0 ? 'no_stream' : events.length - 1;
  };

  const appendWithRetry = async (streamId: string, event: EventToAppend): Promise<[AppendResult, ExpectedRevision]> => {
    for (;;) {
      const expected = await headOf(streamId);
      try {
        const result = await store.append(streamId, [event], expected);
        heads.set(streamId, result.nextExpectedRevision);
        return [result, expected];
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        conflicts++;
        heads.delete(streamId);
      }
    }
  };

  await send({ kind: 'ready' });
  await waitForGo();
  for (let seq = 0; seq < task.events; seq++) {
    const streamId = task.streams[seq % task.streams.length];
    const event: EventToAppend = {
      id: randomUUID(),
      type: 'WorkerAppended',
      data: { worker: task.worker, seq },
      metadata: { correlationId: randomUUID(), causationId: randomUUID(), actor: task.worker },
    };
    const [result, expected] = await appendWithRetry(streamId, event);
    appended.push({ id: event.id, streamId, seq });
    await sleep(Math.random() * task.maxPauseMs);
    if (seq % task.retryEvery === 0) {
      const again = await store.append(streamId, [event], expected);
      if (again.nextExpectedRevision !== result.nextExpectedRevision || again.position !== result.position) {
        throw new Error(`Retried append answered ${JSON.stringify(again)}, first ${JSON.stringify(result)}`);
      }
      retries++;
    }
  }
  await send({ kind: 'done', appended, conflicts, retries });
  if (task.crashAfterDone) process.kill(process.pid, 'SIGKILL');
  await store.close();
  process.disconnect();
}

run(JSON.parse(process.argv[2]) as WorkerTask).catch(async (error: unknown) => {
  await send({ kind: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
