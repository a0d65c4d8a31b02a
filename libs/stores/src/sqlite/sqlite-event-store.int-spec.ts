import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { EventStore, RecordedEvent } from '@pat/domain';
import {
  describeEventStoreContract,
  newEvent,
  uniqueStream,
  waitUntil,
  withTimeout,
} from '../../../../test/contracts/event-store.contract';
import { OUTCOME_DEADLINE_MS } from '../../../../test/support/outcome-deadline';
import type { AppendedEvent, WorkerMessage, WorkerTask } from '../../../../test/support/sqlite-append-worker';
import { SqliteEventStore } from './sqlite-event-store';

const ROOT = resolve(__dirname, '../../../..');
const RUN_TS = join(ROOT, 'test/support/run-ts.js');
const WORKER = join(ROOT, 'test/support/sqlite-append-worker.ts');

/** A fresh directory with an event log file; `cleanup` closes every store opened on it. */
function tempLog(): { file: string; open: () => SqliteEventStore; cleanup: () => Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'pat-sqlite-'));
  const file = join(dir, 'events.sqlite');
  const stores: SqliteEventStore[] = [];
  return {
    file,
    open: () => {
      const store = new SqliteEventStore(file);
      stores.push(store);
      return store;
    },
    cleanup: async () => {
      await Promise.all(stores.map((store) => store.close()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describeEventStoreContract('SqliteEventStore', () => {
  const log = tempLog();
  return Promise.resolve({
    store: log.open(),
    reopen: () => Promise.resolve(log.open()),
    cleanup: log.cleanup,
  });
});

describe('SqliteEventStore on one file shared by several connections', () => {
  let log: ReturnType<typeof tempLog>;

  beforeEach(() => {
    log = tempLog();
  });

  afterEach(() => log.cleanup());

  it("delivers another connection's appends to a subscription", async () => {
    const [follower, writer] = [log.open(), log.open()];
    const stream = uniqueStream();
    await writer.append(stream, [newEvent('Before')], 'no_stream');
    const received: string[] = [];
    const subscription = follower.subscribeToAll(null, (event) => void received.push(event.type));
    await subscription.caughtUp;
    expect(received).toEqual(['Before']);

    await writer.append(stream, [newEvent('After')], 0);
    await waitUntil(() => received.length === 2, OUTCOME_DEADLINE_MS);

    expect(received).toEqual(['Before', 'After']);
    await subscription.close();
  });

  it('orders appends of both connections in one log and sees conflicts across them', async () => {
    const [first, second] = [log.open(), log.open()];
    const stream = uniqueStream();
    await first.append(stream, [newEvent('A')], 'no_stream');

    await expect(second.append(stream, [newEvent('B')], 'no_stream')).rejects.toMatchObject({
      name: 'WrongExpectedRevisionError',
      actual: 0,
    });
    await second.append(stream, [newEvent('B')], 0);
    await first.append(stream, [newEvent('C')], 1);

    const [fromFirst, fromSecond] = await Promise.all([first.readAll(null, 10), second.readAll(null, 10)]);
    expect(fromFirst.map((event) => [event.type, event.revision])).toEqual([
      ['A', 0],
      ['B', 1],
      ['C', 2],
    ]);
    expect(fromSecond).toEqual(fromFirst);
  });
});

describe('SqliteEventStore durability', () => {
  let log: ReturnType<typeof tempLog>;

  beforeEach(() => {
    log = tempLog();
  });

  afterEach(() => log.cleanup());

  it('reads back everything from a new instance after close', async () => {
    const writer = log.open();
    const streams = [uniqueStream(), uniqueStream(), uniqueStream()];
    for (let round = 0; round < 10; round++) {
      for (const stream of streams) {
        await writer.append(
          stream,
          [newEvent(`R${round}a`), newEvent(`R${round}b`)],
          round === 0 ? 'no_stream' : round * 2 - 1,
        );
      }
    }
    const before = await writer.readAll(null, 1000);
    const streamsBefore = await Promise.all(streams.map((stream) => writer.readStream(stream)));
    await writer.close();

    const reader = log.open();

    expect(before).toHaveLength(60);
    expect(await reader.readAll(null, 1000)).toEqual(before);
    expect(await Promise.all(streams.map((stream) => reader.readStream(stream)))).toEqual(streamsBefore);
    const next = await reader.append(streams[0], [newEvent('After')], 19);
    expect(reader.comparePositions(next.position, before[59].position)).toBeGreaterThan(0);
  });

  it('keeps what a process appended even when it is killed without closing the store', async () => {
    const stream = uniqueStream();
    const [worker] = startWorkers(1, {
      file: log.file,
      events: 50,
      streams: [stream],
      retryEvery: 1000,
      maxPauseMs: 0,
      crashAfterDone: true,
    });

    await worker.ready;
    worker.go();
    const done = await worker.done;
    const exit = await worker.exit;

    expect(exit.signal).toBe('SIGKILL');
    const reader = log.open();
    const recorded = await reader.readStream(stream);
    expect(recorded.map((event) => event.id)).toEqual(done.appended.map((event) => event.id));
    expect(recorded.map((event) => event.revision)).toEqual(recorded.map((_, index) => index));
  });
});

describe('SqliteEventStore written by several OS processes at once', () => {
  let log: ReturnType<typeof tempLog>;

  beforeEach(() => {
    log = tempLog();
  });

  afterEach(() => log.cleanup());

  it('keeps every stream gapless, loses and doubles nothing, and orders the log', async () => {
    const run = uniqueStream();
    const streams = [`${run}-a`, `${run}-b`, `${run}-c`];
    const perWorker = 200;
    const workers = startWorkers(3, {
      file: log.file,
      events: perWorker,
      streams,
      retryEvery: 10,
      maxPauseMs: 3,
      crashAfterDone: false,
    });
    await Promise.all(workers.map((worker) => worker.ready));
    const follower = log.open();
    const live: RecordedEvent[] = [];
    const subscription = follower.subscribeToAll(null, (event) => void live.push(event), { streamPrefix: run });
    await subscription.caughtUp;

    for (const worker of workers) worker.go();
    const reports = await Promise.all(workers.map((worker) => worker.done));
    const exits = await Promise.all(workers.map((worker) => worker.exit));

    expect(exits).toEqual(workers.map(() => ({ code: 0, signal: null })));
    const appended = reports.flatMap((report) => report.appended);
    expect(appended).toHaveLength(3 * perWorker);
    expect(reports.reduce((sum, report) => sum + report.retries, 0)).toBe(3 * (perWorker / 10));

    const all = await follower.readAll(null, 10_000, { streamPrefix: run });
    expect(all).toHaveLength(appended.length);
    expect(new Set(all.map((event) => event.id))).toEqual(new Set(appended.map((event) => event.id)));
    expectStrictlyIncreasing(follower, all);
    for (const stream of streams) {
      const recorded = await follower.readStream(stream);
      expect(recorded.map((event) => event.revision)).toEqual(recorded.map((_, index) => index));
      expect(recorded).toEqual(all.filter((event) => event.streamId === stream));
      const appendedToStream = appended.filter((event) => event.streamId === stream).map((event) => event.id);
      expect(recorded.map((event) => event.id).sort()).toEqual(appendedToStream.sort());
    }
    for (const report of reports) expectInWorkerOrder(all, report.appended);
    // The workers really ran at once: their appends interleave and they raced for the same revisions.
    expect(workerSwitches(all)).toBeGreaterThan(60);
    expect(reports.reduce((sum, report) => sum + report.conflicts, 0)).toBeGreaterThan(0);

    await waitUntil(() => live.length >= all.length, OUTCOME_DEADLINE_MS);
    expect(live).toEqual(all);
    await subscription.close();
  }, 60_000);
});

function expectStrictlyIncreasing(store: EventStore, events: readonly RecordedEvent[]): void {
  for (let i = 1; i < events.length; i++) {
    expect(store.comparePositions(events[i - 1].position, events[i].position)).toBeLessThan(0);
  }
}

/** Each worker appended one event at a time, so the log must hold its events in its own order. */
function expectInWorkerOrder(log: readonly RecordedEvent[], appended: readonly AppendedEvent[]): void {
  const ids = new Set(appended.map((event) => event.id));
  expect(log.filter((event) => ids.has(event.id)).map((event) => event.id)).toEqual(appended.map((event) => event.id));
}

function workerSwitches(log: readonly RecordedEvent[]): number {
  return log.filter((event, index) => index > 0 && event.data.worker !== log[index - 1].data.worker).length;
}

interface RunningWorker {
  ready: Promise<void>;
  done: Promise<Extract<WorkerMessage, { kind: 'done' }>>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  go: () => void;
}

function startWorkers(count: number, task: Omit<WorkerTask, 'worker'>): RunningWorker[] {
  return Array.from({ length: count }, (_, index) => startWorker({ ...task, worker: `worker-${index}` }));
}

function startWorker(task: WorkerTask): RunningWorker {
  const child: ChildProcess = fork(RUN_TS, [WORKER, JSON.stringify(task)], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) =>
    child.on('close', (code, signal) => resolveExit({ code, signal })),
  );
  const failure = exit.then(({ code, signal }) => {
    throw new Error(`${task.worker} exited (code ${code}, signal ${signal}) before reporting:\n${stderr}`);
  });
  const message = <K extends WorkerMessage['kind']>(kind: K): Promise<Extract<WorkerMessage, { kind: K }>> =>
    withTimeout(
      Promise.race([
        new Promise<Extract<WorkerMessage, { kind: K }>>((resolveMessage, reject) =>
          child.on('message', (received: WorkerMessage) => {
            if (received.kind === 'failed') reject(new Error(`${task.worker} failed: ${received.message}`));
            if (received.kind === kind) resolveMessage(received as Extract<WorkerMessage, { kind: K }>);
          }),
        ),
        failure,
      ]),
      50_000,
    );
  const ready = message('ready').then(() => undefined);
  const done = message('done');
  failure.catch(() => undefined);
  return { ready, done, exit, go: () => child.send({ kind: 'go' }) };
}
