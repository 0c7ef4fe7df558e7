import { randomBytes } from 'node:crypto';

import { Abstract, DynamicModule, INestApplicationContext, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { Logger } from 'pino';

import { ConsoleModule } from '@plaza/console';
import { CoreModule, createLogger, loadConfig, PlazaConfig } from '@plaza/core';
import { SCHEMA, TENANT_SEEDERS } from '@plaza/migrations';
import {
  Migrator,
  NewTenant,
  ProvisioningService,
  TenancyModule,
  TenantRef,
  TenantRegistry,
  toTenantRef,
} from '@plaza/tenancy';

import { applyTestEnv } from './env';

export function testConfig(overrides: Record<string, string> = {}): PlazaConfig {
  applyTestEnv();
  return loadConfig({ ...process.env, ...overrides }, { admin: true });
}

export function testLogger(): Logger {
  return createLogger(process.env.TEST_LOG_LEVEL ?? 'silent', 'plaza-test');
}

/** A slug no other test uses. */
export function uniqueSlug(prefix = 't'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

@Module({})
class TestPlatformModule {
  static forRoot(config: PlazaConfig, logger: Logger, extra: Type[] = []): DynamicModule {
    return {
      module: TestPlatformModule,
      imports: [
        CoreModule.forRoot(config, logger),
        TenancyModule.forRoot({
          catalog: SCHEMA,
          seeders: TENANT_SEEDERS,
          admin: true,
          applicationName: 'plaza-test',
        }),
        ConsoleModule,
      ],
      providers: extra,
    };
  }
}

/**
 * The privileged side of a test: provisions tenants with unique slugs so tests
 * never share state and can run in parallel.
 */
export class TestPlatform {
  private constructor(
    readonly ctx: INestApplicationContext,
    readonly config: PlazaConfig,
  ) {}

  static async start(
    overrides: Record<string, string> = {},
    extraProviders: Type[] = [],
  ): Promise<TestPlatform> {
    const config = testConfig(overrides);
    const ctx = await NestFactory.createApplicationContext(
      TestPlatformModule.forRoot(config, testLogger(), extraProviders),
      // Throw instead of exiting the jest worker, so a failure says why.
      { logger: false, abortOnError: false },
    );
    return new TestPlatform(ctx, config);
  }

  get<T>(type: Type<T> | Abstract<T> | string | symbol): T {
    return this.ctx.get(type, { strict: false });
  }

  async createTenant(input: Partial<NewTenant> = {}): Promise<TenantRef> {
    const registry = this.get(TenantRegistry);
    const row = await registry.create({
      slug: input.slug ?? uniqueSlug(),
      name: input.name ?? 'Test organization',
      locales: input.locales ?? ['en', 'fr'],
      defaultLocale: input.defaultLocale ?? input.locales?.[0] ?? 'en',
      adminEmail: input.adminEmail ?? null,
      adminName: input.adminName ?? null,
      planCode: input.planCode ?? null,
    });
    await this.get(ProvisioningService).provision(row.id);
    return toTenantRef({ ...row, status: 'active' });
  }

  async close(): Promise<void> {
    await this.ctx.close();
  }
}

/** Used by the global setup: platform schema ready before any test runs. */
export async function migrateForTests(): Promise<void> {
  const platform = await TestPlatform.start();
  try {
    await platform.get(Migrator).migratePlatform();
  } finally {
    await platform.close();
  }
}

/** Polls until `check` returns a truthy value or the time runs out (no wall-clock assertions). */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 30000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Condition not met in ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
}
