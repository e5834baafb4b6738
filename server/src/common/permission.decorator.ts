import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import type { Actor } from './actor';
import { unauthenticated } from './domain-error';
import type { Permission } from './permissions';

export const PERMISSION_KEY = 'gongkai:permission';
export const PUBLIC = 'public';

/** The permission a resolver method or route needs. Deny by default: undeclared handlers fail. */
export const RequirePermission = (permission: Permission): MethodDecorator =>
  SetMetadata(PERMISSION_KEY, permission);

/** Reachable without signing in (sign-in itself, health). */
export const Public = (): MethodDecorator => SetMetadata(PERMISSION_KEY, PUBLIC);

/**
 * Field resolvers run under their parent's check; they declare the permission the parent needed,
 * so the audit test can see every method declares one.
 */
export const FieldPermission = RequirePermission;

export type RequestWithActor = Request & {
  actor?: Actor | null;
  /** The session lookup in flight: root fields resolved side by side share it. */
  actorLookup?: Promise<Actor | null>;
};

export function requestOf(context: ExecutionContext): RequestWithActor {
  if (context.getType<string>() === 'graphql')
    return GqlExecutionContext.create(context).getContext<{ req: RequestWithActor }>().req;
  return context.switchToHttp().getRequest<RequestWithActor>();
}

/** The signed-in actor of a request (the global guard has already refused anonymous calls). */
export function signedInActor(req: RequestWithActor): Actor {
  const actor = req.actor;
  if (!actor) throw unauthenticated();
  return actor;
}

/** The signed-in actor, as a parameter decorator. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  signedInActor(requestOf(context)),
);

/** The actor or null, for public handlers. */
export const OptionalActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext) => requestOf(context).actor ?? null,
);
