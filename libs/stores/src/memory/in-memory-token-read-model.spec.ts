import { describeTokenReadModelContract } from '../../../../test/contracts/token-read-model.contract';
import { InMemoryTokenReadModel } from './in-memory-token-read-model';

describeTokenReadModelContract(
  'InMemoryTokenReadModel',
  () => Promise.resolve({ model: new InMemoryTokenReadModel(), cleanup: () => Promise.resolve() }),
  { durable: false },
);
