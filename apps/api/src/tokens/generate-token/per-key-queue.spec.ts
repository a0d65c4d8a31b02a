import { PerKeyQueue } from './per-key-queue';

function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('PerKeyQueue', () => {
  it('runs the tasks of one key one after another, in order, each after the previous settled', async () => {
    const queue = new PerKeyQueue();
    const steps: string[] = [];
    const first = gate();
    const a = queue.run('alice', async () => {
      steps.push('a starts');
      await first.opened;
      steps.push('a ends');
      return 'a';
    });
    const b = queue.run('alice', () => {
      steps.push('b runs');
      return Promise.resolve('b');
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(steps).toEqual(['a starts']);

    first.open();

    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
    expect(steps).toEqual(['a starts', 'a ends', 'b runs']);
  });

  it('runs the next task of a key after a failed one, and passes the failure to its caller only', async () => {
    const queue = new PerKeyQueue();
    const failed = queue.run('alice', () => Promise.reject(new Error('refused')));
    const next = queue.run('alice', () => Promise.resolve('next'));

    await expect(failed).rejects.toThrow('refused');
    await expect(next).resolves.toBe('next');
  });

  it('runs tasks of different keys side by side', async () => {
    const queue = new PerKeyQueue();
    const held = gate();
    const alice = queue.run('alice', () => held.opened.then(() => 'alice'));
    const bob = queue.run('bob', () => Promise.resolve('bob'));

    await expect(bob).resolves.toBe('bob');
    held.open();
    await expect(alice).resolves.toBe('alice');
  });

  it('forgets a key once its last task has settled', async () => {
    const queue = new PerKeyQueue();
    await Promise.all([
      queue.run('alice', () => Promise.resolve(1)),
      queue.run('alice', () => Promise.reject(new Error('x'))).catch(() => 0),
      queue.run('bob', () => Promise.resolve(2)),
    ]);
    await new Promise((resolve) => setImmediate(resolve));

    expect(queue.size).toBe(0);
  });
});
