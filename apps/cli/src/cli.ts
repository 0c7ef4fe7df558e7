import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { SingleBar } from 'cli-progress';
import { Command, Option } from 'commander';

import { ConsoleUsersService, TenantArchiveService } from '@plaza/console';
import { createLogger, loadConfigOrExit, PlazaConfig, publicUrl } from '@plaza/core';
import { DemoService } from '@plaza/demo';
import { TotpSecrets, VerificationHashes } from '@plaza/identity';
import {
  bootstrapDatabase,
  Migrator,
  ProvisioningService,
  TenantProvisionedHooks,
  TenantRegistry,
} from '@plaza/tenancy';

import { CliModule } from './cli.module';

type Out = (line: string) => void;

async function withContext<T>(
  config: PlazaConfig,
  work: (ctx: INestApplicationContext) => Promise<T>,
): Promise<T> {
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn', 'plaza-cli');
  const ctx = await NestFactory.createApplicationContext(CliModule.forRoot(config, logger), {
    logger: false,
  });
  try {
    return await work(ctx);
  } finally {
    await ctx.close();
  }
}

function describeError(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'getResponse' in error) {
    const response = (error as { getResponse(): unknown }).getResponse();
    if (typeof response === 'object' && response !== null) {
      const r = response as { message?: unknown; fields?: Record<string, string[]> };
      const fields = r.fields ?? (error as { fields?: Record<string, string[]> }).fields;
      const lines = [String(r.message ?? 'Invalid input.')];
      for (const [field, messages] of Object.entries(fields ?? {}))
        lines.push(`  ${field}: ${messages.join(' ')}`);
      return lines.join('\n');
    }
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Steps that need SECRETS_KEY, which migrations do not have: seals
 * participants' two-factor secrets still stored in clear and keys verification
 * document hashes still stored as bare SHA-256 (both written by earlier
 * versions). Idempotent. False when a tenant failed.
 */
async function secretSteps(
  ctx: INestApplicationContext,
  tenants: { tenantId: string; slug: string }[],
  out: Out,
): Promise<boolean> {
  const registry = ctx.get(TenantRegistry);
  const secrets = ctx.get(TotpSecrets);
  const hashes = ctx.get(VerificationHashes);
  let ok = true;
  for (const { tenantId, slug } of tenants) {
    try {
      const ref = await registry.refById(tenantId);
      if (!ref) continue;
      const sealed = await secrets.sealClear(ref);
      if (sealed) out(`  ${slug}: sealed ${sealed} two-factor secret(s)`);
      const keyed = await hashes.keyLegacy(ref);
      if (keyed) out(`  ${slug}: keyed ${keyed} verification document hash(es)`);
    } catch (error) {
      ok = false;
      out(`  FAILED securing secrets of ${slug} (${tenantId}): ${describeError(error)}`);
    }
  }
  return ok;
}

/** Parses argv and runs one operator command; resolves to the process exit code. */
export async function runCli(
  argv: string[],
  out: Out = (l) => process.stdout.write(`${l}\n`),
): Promise<number> {
  let exitCode = 0;
  const program = new Command('plaza')
    .description('Plaza operator commands')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => out(s.trimEnd()),
      writeErr: (s) => process.stderr.write(s),
    });

  program
    .command('migrate')
    .description('Create the database if needed, migrate the platform schema, then every tenant')
    .option('--concurrency <n>', 'tenants migrated at once', (v) => Number(v), 4)
    .option('--platform-only', 'skip tenant schemas')
    .action(async (opts: { concurrency: number; platformOnly?: boolean }) => {
      const config = loadConfigOrExit({ admin: true });
      const boot = await bootstrapDatabase(config.databaseAdminUrl as string, config.databaseUrl);
      if (boot.createdDatabase) out('Created the database.');
      if (boot.createdLogin) out('Created the serving login.');
      exitCode = await withContext(config, async (ctx) => {
        const migrator = ctx.get(Migrator);
        const platform = await migrator.migratePlatform();
        out(platform.length ? `Platform: applied ${platform.join(', ')}` : 'Platform: up to date.');
        if (opts.platformOnly) return 0;
        const bar = process.stdout.isTTY
          ? new SingleBar({ format: 'Tenants {bar} {value}/{total} {slug}', hideCursor: true })
          : undefined;
        let started = false;
        const report = await migrator.migrateAllTenants({
          concurrency: opts.concurrency,
          onResult: (result, done, total) => {
            if (bar && !started) {
              bar.start(total, 0, { slug: '' });
              started = true;
            }
            bar?.update(done, { slug: result.slug });
          },
        });
        bar?.stop();
        for (const r of report.results.filter((x) => x.applied.length && !x.error)) {
          out(`  ${r.slug}: applied ${r.applied.length} migration(s) in ${r.ms} ms`);
        }
        for (const failed of report.failed)
          out(`  FAILED ${failed.slug} (${failed.tenantId}): ${failed.error}`);
        out(
          `Tenants: ${report.succeeded}/${report.total} up to date, ${report.failed.length} failed, in ${(report.ms / 1000).toFixed(1)} s.`,
        );
        const sealing = await secretSteps(
          ctx,
          report.results.filter((r) => !r.error),
          out,
        );
        return report.failed.length || !sealing ? 1 : 0;
      });
    });

  program
    .command('tenants:create')
    .description('Create an organization and provision its site now')
    .requiredOption('--slug <slug>', 'subdomain, e.g. lille')
    .requiredOption('--name <name>', 'organization name')
    .option('--locales <list>', 'available locales, comma separated', 'en')
    .option('--default-locale <locale>', 'default locale (first of --locales when omitted)')
    .option('--admin-email <email>', 'first admin, invited')
    .option('--admin-name <name>', "first admin's name")
    .option('--plan <code>', 'plan code')
    .addOption(
      new Option('--template <template>', 'initial content')
        .choices(['empty', 'demo'])
        .default('empty'),
    )
    .action(async (opts: Record<string, string>) => {
      const config = loadConfigOrExit({ admin: true });
      exitCode = await withContext(config, async (ctx) => {
        const locales = opts.locales
          .split(',')
          .map((l) => l.trim())
          .filter(Boolean);
        try {
          const row = await ctx.get(TenantRegistry).create({
            slug: opts.slug,
            name: opts.name,
            locales,
            defaultLocale: opts.defaultLocale ?? locales[0],
            adminEmail: opts.adminEmail,
            adminName: opts.adminName,
            planCode: opts.plan,
          });
          const t0 = Date.now();
          const ref = await ctx
            .get(ProvisioningService)
            .provision(row.id, { template: opts.template as 'empty' | 'demo' });
          // The same follow-up as the worker's provisioning job (the first admin's invitation).
          await ctx.get(TenantProvisionedHooks).runAll(ref);
          out(
            `Created ${row.slug} (${row.id}) in ${Date.now() - t0} ms: ${publicUrl(config, `${row.slug}.${config.baseDomain}`)}`,
          );
          return 0;
        } catch (error) {
          process.stderr.write(`${describeError(error)}\n`);
          return 1;
        }
      });
    });

  program
    .command('tenants:list')
    .description('List organizations')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const config = loadConfigOrExit({ admin: true });
      exitCode = await withContext(config, async (ctx) => {
        const tenants = await ctx.get(TenantRegistry).list();
        if (opts.json) {
          out(
            JSON.stringify(
              tenants.map((t) => ({
                id: t.id,
                slug: t.slug,
                name: t.name,
                status: t.status,
                defaultLocale: t.defaultLocale,
                locales: t.locales,
                plan: t.planCode,
                schema: t.schemaName,
                url: publicUrl(config, `${t.slug}.${config.baseDomain}`),
                createdAt: t.createdAt,
              })),
              null,
              2,
            ),
          );
          return 0;
        }
        if (tenants.length === 0)
          out(
            'No organizations yet. Create one with: npm run cli -- tenants:create --slug S --name N',
          );
        for (const t of tenants)
          out(`${t.slug.padEnd(24)} ${t.status.padEnd(12)} ${t.id}  ${t.name}`);
        return 0;
      });
    });

  program
    .command('tenants:delete')
    .description(
      'Delete an organization: drops its schema, role and domains (keeps a 410 tombstone)',
    )
    .requiredOption('--slug <slug>', 'organization slug')
    .option('--yes', 'confirm deletion')
    .action(async (opts: { slug: string; yes?: boolean }) => {
      if (!opts.yes) {
        process.stderr.write(
          `This deletes ${opts.slug} and all its data. Run again with --yes to confirm.\n`,
        );
        exitCode = 2;
        return;
      }
      const config = loadConfigOrExit({ admin: true });
      exitCode = await withContext(config, async (ctx) => {
        const tenant = await ctx.get(TenantRegistry).findBySlug(opts.slug);
        if (!tenant || tenant.status === 'deleted') {
          process.stderr.write(`No organization with slug "${opts.slug}".\n`);
          return 1;
        }
        await ctx.get(ProvisioningService).deprovision(tenant.id);
        out(`Deleted ${opts.slug} (${tenant.id}).`);
        return 0;
      });
    });

  program
    .command('tenants:export')
    .description("Write an organization's whole data (tables, files, manifest) to a .tar.gz")
    .requiredOption('--slug <slug>', 'organization slug')
    .requiredOption('--out <file>', 'archive to write, e.g. lille.tar.gz')
    .action(async (opts: { slug: string; out: string }) => {
      const config = loadConfigOrExit({ admin: true });
      exitCode = await withContext(config, async (ctx) => {
        const tenant = await ctx
          .get(TenantRegistry)
          .refById((await ctx.get(TenantRegistry).findBySlug(opts.slug))?.id ?? '');
        if (!tenant || tenant.status === 'deleted' || tenant.status === 'provisioning') {
          process.stderr.write(`No exportable organization with slug "${opts.slug}".\n`);
          return 1;
        }
        const manifest = await ctx.get(TenantArchiveService).export(tenant, opts.out);
        const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
        out(`Exported ${opts.slug}: ${rows} rows, ${manifest.files} files to ${opts.out}.`);
        return 0;
      });
    });

  program
    .command('tenants:import')
    .description('Restore an organization from a tenants:export archive, as a new organization')
    .requiredOption('--file <file>', 'archive made by tenants:export')
    .requiredOption('--slug <slug>', 'slug of the new organization')
    .option('--name <name>', 'name of the new organization (default: the exported one)')
    .action(async (opts: { file: string; slug: string; name?: string }) => {
      const config = loadConfigOrExit({ admin: true });
      exitCode = await withContext(config, async (ctx) => {
        try {
          const tenant = await ctx
            .get(TenantArchiveService)
            .import(opts.file, opts.slug, opts.name);
          out(
            `Imported ${tenant.slug} (${tenant.id}): ${publicUrl(config, `${tenant.slug}.${config.baseDomain}`)}`,
          );
          return 0;
        } catch (error) {
          process.stderr.write(`${describeError(error)}\n`);
          return 1;
        }
      });
    });

  program
    .command('console-users:create')
    .description('Create a console user (owner unless --role says otherwise)')
    .requiredOption('--email <email>', 'email address')
    .requiredOption('--password <password>', 'password (12 characters or more)')
    .option('--name <name>', 'display name')
    .addOption(
      new Option('--role <role>', 'role').choices(['owner', 'operator', 'viewer']).default('owner'),
    )
    .action(async (opts: { email: string; password: string; name?: string; role: string }) => {
      const config = loadConfigOrExit({ admin: true });
      exitCode = await withContext(config, async (ctx) => {
        try {
          const user = await ctx.get(ConsoleUsersService).create(opts);
          out(`Created console user ${user.email} (${user.role}).`);
          return 0;
        } catch (error) {
          process.stderr.write(`${describeError(error)}\n`);
          return 1;
        }
      });
    });

  program
    .command('demo:seed')
    .description('Create the demo organizations and logins (idempotent)')
    .action(async () => {
      const config = loadConfigOrExit({ admin: true });
      exitCode = await withContext(config, async (ctx) => {
        const logins = await ctx.get(DemoService).seed();
        out('Demo sites and logins (demo data only):');
        for (const l of logins)
          out(`  ${l.name.padEnd(22)} ${l.url.padEnd(34)} ${l.email} / ${l.password}`);
        return 0;
      });
    });

  try {
    await program.parseAsync(argv);
  } catch (error) {
    const code = (error as { exitCode?: number }).exitCode;
    return typeof code === 'number' ? code : 1;
  }
  return exitCode;
}
