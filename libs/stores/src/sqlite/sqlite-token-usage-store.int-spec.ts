import { join } from 'node:path';
import { describeTokenUsageStoreContract } from '../../../../test/contracts/token-usage-store.contract';
import { tempDataDir } from '../../../../test/support/temp-dir';
import { SqliteTokenUsageStore } from './sqlite-token-usage-store';

describeTokenUsageStoreContract('SQLite (usage.sqlite)', () => {
  const dir = tempDataDir('pat-usage');
  const file = join(dir.path, 'usage.sqlite');
  const stores = [new SqliteTokenUsageStore(file)];
  return Promise.resolve({
    store: stores[0],
    openAgain: () => {
      stores.push(new SqliteTokenUsageStore(file));
      return Promise.resolve(stores[stores.length - 1]);
    },
    cleanup: async () => {
      for (const store of stores) await store.close();
      dir.remove();
    },
  });
});
