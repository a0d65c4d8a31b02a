import { describeWebSessionStoreContract } from '../../../../test/contracts/web-session-store.contract';
import { dropTestDatabase, testMongoUrl, uniqueDatabaseName } from '../../../../test/support/mongo-test-database';
import { MongoWebSessionStore } from './mongo-web-session-store';

describeWebSessionStoreContract('MongoDB (web_sessions)', async () => {
  const url = testMongoUrl(uniqueDatabaseName('sessions'));
  const stores = [await MongoWebSessionStore.open(url)];
  return {
    store: stores[0],
    openAgain: async () => {
      stores.push(await MongoWebSessionStore.open(url));
      return stores[stores.length - 1];
    },
    cleanup: async () => {
      for (const store of stores) await store.close();
      await dropTestDatabase(url);
    },
  };
});
