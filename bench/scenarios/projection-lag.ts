import {
  TokenFormat,
  tokenStreamName,
  type RecordedEvent,
  type TokenProjection,
  type TokenReadModel,
} from '@pat/domain';
import { InMemoryTokenReadModel, MongoTokenReadModel, ProjectionRunner, SqliteEventStore } from '@pat/stores';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { tempDir } from '../support/bench-env';
import { below, fixed, row, type ResultRow } from '../support/results';
import type { ScenarioContext } from '../support/scenario-context';
import { generatedEvent } from '../support/seed-log';
import { percentile, sleep } from '../support/stats';

type ReadModelStore = TokenReadModel & TokenProjection & { close?(): Promise<void> };

/**
 * One connection appends a TokenGenerated; a second connection to the same log (what another
 * process has: no in-process wake-up, only the log's change polling) projects it. The lag is
 * from the append's start until the projection has applied it, so that findByDigest finds it.
 */
export async function projectionLagScenario({ sizes, mongo, log }: ScenarioContext): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  const stores: [string, () => Promise<ReadModelStore>][] = [
    ['embedded (in memory)', () => Promise.resolve(new InMemoryTokenReadModel())],
    ['MongoDB read model', () => MongoTokenReadModel.open(mongo.url('bench_projection_lag'))],
  ];
  for (const [label, open] of stores) {
    const samples = await measureLag(await open(), sizes.propagationSamples);
    log(`  ${label}: max ${fixed(Math.max(...samples))} ms`);
    rows.push(
      row(
        '3. projection lag',
        `${label}: append → visible (${samples.length} events)`,
        `p50 ${fixed(percentile(samples, 50))} ms, p99 ${fixed(percentile(samples, 99))} ms`,
        'p99 < 50 ms',
        below(percentile(samples, 99), 50),
      ),
    );
  }
  return rows;
}

async function measureLag(readModel: ReadModelStore, count: number): Promise<number[]> {
  const file = join(tempDir('lag'), 'events.sqlite');
  const writer = new SqliteEventStore(file);
  const reader = new SqliteEventStore(file);
  const applied = new Map<string, () => void>();
  const projection: TokenProjection = {
    apply: async (event: RecordedEvent) => {
      await readModel.apply(event);
      applied.get(event.streamId)?.();
    },
    checkpoint: () => readModel.checkpoint(),
  };
  const runner = new ProjectionRunner(reader, projection, () => undefined);
  await runner.start();
  const format = new TokenFormat('pat');
  const samples: number[] = [];
  try {
    for (let index = 0; index < count; index++) {
      const id = randomUUID();
      const event = generatedEvent(
        {
          id,
          userId: 'lag-user',
          digest: randomBytes(32).toString('hex'),
          name: `lag ${index}`,
          expiresAt: new Date(Date.now() + 86_400_000 * 30),
        },
        format.hint(format.generate(randomBytes)),
        new Date(),
      );
      const visible = new Promise<void>((resolve) => applied.set(tokenStreamName(id), resolve));
      const started = performance.now();
      await writer.append(
        tokenStreamName(id),
        [
          {
            id: randomUUID(),
            type: event.type,
            data: { ...event.data },
            metadata: { correlationId: id, causationId: id, actor: 'lag-user' },
          },
        ],
        'no_stream',
      );
      await visible;
      samples.push(performance.now() - started);
      if ((await readModel.findByDigest(event.data.tokenDigest)) === null) throw new Error('applied but not visible');
      await sleep(Math.random() * 20);
    }
  } finally {
    await runner.stop();
    await Promise.all([writer.close(), reader.close(), readModel.close?.()]);
  }
  return samples;
}
