import { randomBytes } from 'node:crypto';

import { INestApplicationContext } from '@nestjs/common';

import { UserEntity } from '@plaza/identity';
import { TenantDb, TenantRef } from '@plaza/tenancy';
import { SessionStore, TENANT_SESSION_COOKIE } from '@plaza/web';

export interface TestUserInput {
  email?: string;
  name?: string;
  nickname?: string;
  roles?: ('admin' | 'user_manager')[];
  confirmed?: boolean;
  passwordHash?: string | null;
}

/** Inserts a participant (or admin) in a tenant, confirmed unless told otherwise. */
export async function createUser(
  ctx: INestApplicationContext,
  tenant: TenantRef,
  input: TestUserInput = {},
): Promise<UserEntity> {
  const suffix = randomBytes(4).toString('hex');
  return ctx.get(TenantDb, { strict: false }).runFor(tenant, (em) =>
    em.save(
      em.create(UserEntity, {
        email: input.email ?? `user-${suffix}@example.org`,
        name: input.name ?? `User ${suffix}`,
        nickname: input.nickname ?? `user_${suffix}`,
        roles: input.roles ?? [],
        confirmedAt: input.confirmed === false ? null : new Date(),
        passwordHash: input.passwordHash ?? null,
      }),
    ),
  );
}

export interface TestSession {
  /** Value for a `Cookie` header. */
  cookie: string;
  csrfToken: string;
}

/** A signed-in session for `userId` on `tenant`, made in the app's own session store. */
export async function signInAs(
  app: INestApplicationContext,
  tenant: TenantRef,
  userId: string,
): Promise<TestSession> {
  const session = await app
    .get(SessionStore, { strict: false })
    .create(`tenant:${tenant.id}`, userId);
  return { cookie: `${TENANT_SESSION_COOKIE}=${session.id}`, csrfToken: session.csrfToken };
}
