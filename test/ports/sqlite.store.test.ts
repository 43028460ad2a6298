import path from 'node:path';
import { SqliteStore } from '../../adapters/storage/sqlite.store.js';
import { tempDir } from '../helpers/app.js';
import { storeContract } from './store.contract.js';

const file = path.join(tempDir(), 'contract.sqlite');
storeContract('SQLite file', async () => new SqliteStore(file), async (s) => {
  await s.close();
  return new SqliteStore(file);
});
