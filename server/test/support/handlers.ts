import { PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { PERMISSION_KEY } from '../../src/common/permission.decorator';
import type { TestApp } from '../test-app';

export type Handler = {
  owner: string;
  method: string;
  /** 'Query', 'Mutation', 'ResolveField' or similar for resolvers; 'route' for controllers. */
  kind: string;
  /** The GraphQL field name (resolvers) or the method name. */
  name: string;
  permission: string | undefined;
};

/** Every resolver method and controller route of the running app, with its declared permission. */
export function allHandlers(app: TestApp): Handler[] {
  const reflector = app.app.get(Reflector);
  const out: Handler[] = [];
  const seen = new Set<object>();
  for (const module of app.app.get(ModulesContainer).values()) {
    const wrappers = [
      ...[...module.providers.values()].map((w) => ({ w, controller: false })),
      ...[...module.controllers.values()].map((w) => ({ w, controller: true })),
    ];
    for (const { w, controller } of wrappers) {
      const instance = w.instance as object | undefined;
      if (!instance || typeof instance !== 'object' || seen.has(instance)) continue;
      seen.add(instance);
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown> | null;
      if (!prototype) continue;
      for (const method of Object.getOwnPropertyNames(prototype)) {
        if (method === 'constructor') continue;
        const handler = Object.getOwnPropertyDescriptor(prototype, method)?.value as unknown;
        if (typeof handler !== 'function') continue; // skips getters
        const type = Reflect.getMetadata('graphql:resolver_type', handler) as string | undefined;
        const isRoute = controller && Reflect.getMetadata(PATH_METADATA, handler) !== undefined;
        if (!type && !isRoute) continue;
        out.push({
          owner: instance.constructor.name,
          method,
          kind: type ?? 'route',
          name:
            (Reflect.getMetadata('graphql:resolver_name', handler) as string | undefined) ?? method,
          permission: reflector.getAllAndOverride<string | undefined>(PERMISSION_KEY, [
            handler as never,
            instance.constructor,
          ]),
        });
      }
    }
  }
  return out;
}
