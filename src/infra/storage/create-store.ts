import type { ObjectStore } from '../../core/ports.js';
import { createLocalStore, type LocalStoreOptions } from './local-store.js';
import { createR2Store, type R2StoreOptions } from './r2-store.js';

export type ObjectStoreOptions =
  | ({ driver: 'local' } & LocalStoreOptions)
  | ({ driver: 'r2' } & R2StoreOptions);

/** The ObjectStore for the configured driver (STORAGE_DRIVER). */
export function createObjectStore(options: ObjectStoreOptions): ObjectStore {
  switch (options.driver) {
    case 'local':
      return createLocalStore(options);
    case 'r2':
      return createR2Store(options);
  }
}
