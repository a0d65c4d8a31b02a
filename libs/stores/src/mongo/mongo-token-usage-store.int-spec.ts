import { describeTokenUsageStoreContract } from '../../../../test/contracts/token-usage-store.contract';
import { dropTestDatabase, testMongoUrl, uniqueDatabaseName } from '../../../../test/support/mongo-test-database';
import { MongoTokenUsageStore } from './mongo-token-usage-store';

describeTokenUsageStoreContract('MongoDB (token_usage)', async () => {
  const url = testMongoUrl(uniqueDatabaseName('usage'));
  const stores = [await MongoTokenUsageStore.open(url)];
  return {
    store: stores[0],
    openAgain: async () => {
      stores.push(await MongoTokenUsageStore.open(url));
      return stores[stores.length - 1];
    },
    cleanup: async () => {
      for (const store of stores) await store.close();
      await dropTestDatabase(url);
    },
  };
});
