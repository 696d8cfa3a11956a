import type { ObjectStore } from '../../core/ports.js';
import { createLocalStore, type LocalStoreOptions } from './local-store.js';
import { joinPublicUrl } from './object-key-rules.js';
import type { R2StoreOptions } from './r2-store.js';

export type ObjectStoreOptions =
  | ({ driver: 'local' } & LocalStoreOptions)
  | ({ driver: 'r2' } & R2StoreOptions);

/** The ObjectStore for the configured driver (STORAGE_DRIVER). */
export function createObjectStore(options: ObjectStoreOptions): ObjectStore {
  switch (options.driver) {
    case 'local':
      return createLocalStore(options);
    case 'r2':
      return createLazyR2Store(options);
  }
}

/**
 * The R2 store, loaded on first use: @aws-sdk/client-s3 is a large module graph (resident memory and
 * start-up time) that a bot on local storage should never load.
 */
function createLazyR2Store(options: R2StoreOptions): ObjectStore {
  let loading: Promise<ObjectStore> | undefined;
  const store = () => {
    loading ??= import('./r2-store.js').then((m) => m.createR2Store(options));
    return loading;
  };
  return {
    driver: 'r2',
    put: async (key, body, meta) => (await store()).put(key, body, meta),
    get: async (key) => (await store()).get(key),
    delete: async (key) => (await store()).delete(key),
    // Same as the R2 store's, without waiting for the SDK: callers need it synchronously.
    publicUrl: (key) => joinPublicUrl(options.publicUrl, key),
    check: async () => (await store()).check(),
  };
}
