import { join } from 'node:path';
import { describeWebSessionStoreContract } from '../../../../test/contracts/web-session-store.contract';
import { tempDataDir } from '../../../../test/support/temp-dir';
import { SqliteWebSessionStore } from './sqlite-web-session-store';

describeWebSessionStoreContract('SQLite (sessions.sqlite)', () => {
  const dir = tempDataDir('pat-sessions');
  const file = join(dir.path, 'sessions.sqlite');
  const stores = [new SqliteWebSessionStore(file)];
  return Promise.resolve({
    store: stores[0],
    openAgain: () => {
      stores.push(new SqliteWebSessionStore(file));
      return Promise.resolve(stores[stores.length - 1]);
    },
    cleanup: async () => {
      for (const store of stores) await store.close();
      dir.remove();
    },
  });
});
