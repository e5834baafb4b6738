import type DataLoader from 'dataloader';

/**
 * The DataLoaders of one request, created lazily by the modules that own them (graphql/ knows no
 * module). A loader lives as long as the request, so nothing is cached across users.
 */
export class RequestLoaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(name: string, create: () => DataLoader<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(name);
    if (!loader) {
      loader = create() as unknown as DataLoader<unknown, unknown>;
      this.loaders.set(name, loader);
    }
    return loader as unknown as DataLoader<K, V>;
  }
}
