/**
 * npm run bench:pages -- --requests 1000
 * Renders a tenant homepage with every kind of content block (features stood in
 * by providers that each run one query) through the whole HTTP pipeline
 * in-process (host routing, tenant context, SQL, preact rendering), one request
 * at a time, and prints median/p95/max milliseconds and SQL statements per
 * page. Ends with RESULT {json}. Uses its own database (reset first).
 */
import 'reflect-metadata';

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import { QueryCounter, TenantDb } from '@plaza/tenancy';
import { applyTestEnv, testLogger, TestPlatform } from '@plaza/testing';
import {
  AppearanceEntity,
  CONTENT_BLOCK_KINDS,
  ContentBlockEntity,
  ContentBlockProviders,
  ITEM_BLOCK_KINDS,
  StaticPageEntity,
} from '@plaza/theming';

import { createApiApp } from '../../apps/api/src/api.app';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function withDatabase(url: string, suffix: string): string {
  const parsed = new URL(url);
  parsed.pathname = `${parsed.pathname}${suffix}`;
  return parsed.toString();
}

async function main(): Promise<void> {
  applyTestEnv();
  process.env.DATABASE_URL = withDatabase(process.env.DATABASE_URL as string, '_pagesbench');
  process.env.DATABASE_ADMIN_URL = withDatabase(
    process.env.DATABASE_ADMIN_URL as string,
    '_pagesbench',
  );
  process.env.DB_ROLE_PREFIX = `${process.env.DB_ROLE_PREFIX}pb`;
  const requests = arg('requests', 1000);
  execFileSync(
    process.execPath,
    [
      '-r',
      '@swc-node/register',
      '-e',
      `require(${JSON.stringify(join(__dirname, '../../libs/testing/src/global-setup.ts'))}).default()`,
    ],
    { stdio: 'inherit', env: process.env },
  );
  const platform = await TestPlatform.start();
  const app = await createApiApp(platform.config, testLogger());
  const tenant = await platform.createTenant({ name: 'Bench city', locales: ['en', 'fr'] });

  const providers = app.get(ContentBlockProviders);
  for (const kind of ITEM_BLOCK_KINDS) {
    providers.provideItems(kind, async ({ em, limit }) => {
      const rows = (await em.query(
        'select n, md5(n::text) as summary from generate_series(1, $1::int) as n',
        [limit],
      )) as { n: number; summary: string }[];
      return rows.map((r) => ({
        title: `${kind} ${r.n}`,
        href: `/${kind}/${r.n}`,
        summary: r.summary,
        meta: 'Town hall · 12 March',
      }));
    });
  }
  providers.provideStatistics(async ({ em }) => {
    const [row] = (await em.query(
      'select (select count(*) from users)::int as users, (select count(*) from static_pages)::int as pages',
    )) as { users: number; pages: number }[];
    return [
      { label: 'participants', value: row.users },
      { label: 'pages', value: row.pages },
    ];
  });

  const text = (s: string) => ({ en: s, fr: `${s} (fr)` });
  await platform.get(TenantDb).runFor(tenant, async (em) => {
    await em.update(
      AppearanceEntity,
      { id: 1 },
      {
        font: 'inter',
        officialUrl: 'https://example.org',
        social: { mastodon: '@bench@mastodon.example' },
      },
    );
    await em.query('delete from content_blocks');
    let position = 0;
    for (const kind of CONTENT_BLOCK_KINDS) {
      await em.save(
        em.create(ContentBlockEntity, {
          kind,
          position: ++position,
          settings: {
            title: text(`A ${kind} block`),
            subtitle: text('A subtitle that says what this site is for'),
            body: text(
              '<p>Some <strong>text</strong> with a <a href="https://example.org">link</a>.</p>',
            ),
            ctaLabel: text('Take part'),
            ctaUrl: '/processes',
            limit: 6,
          },
        }),
      );
    }
    for (let i = 0; i < 8; i++) {
      await em.save(
        em.create(StaticPageEntity, {
          slug: `page-${i}`,
          title: text(`Page ${i}`),
          content: text('<p>x</p>'),
          weight: i + 1,
        }),
      );
    }
  });

  const fastify = app.getHttpAdapter().getInstance();
  const hit = async () => {
    const res = await fastify.inject({
      method: 'GET',
      url: '/',
      headers: { host: `${tenant.slug}.plaza.test`, 'accept-language': 'fr' },
    });
    if (res.statusCode !== 200) throw new Error(`GET / answered ${res.statusCode}`);
    return res.body.length;
  };
  const page = await fastify.inject({
    method: 'GET',
    url: '/',
    headers: { host: `${tenant.slug}.plaza.test` },
  });
  const missing = CONTENT_BLOCK_KINDS.filter((k) => !page.body.includes(`A ${k} block`));
  if (missing.length) throw new Error(`Blocks not rendered: ${missing.join(', ')}`);
  for (let i = 0; i < 200; i++) await hit();
  const { queries } = await QueryCounter.measure(hit);
  const bytes = await hit();
  const ms: number[] = [];
  for (let i = 0; i < requests; i++) {
    const t0 = process.hrtime.bigint();
    await hit();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  await app.close();
  await platform.close();
  const sorted = [...ms].sort((a, b) => a - b);
  const result = {
    requests,
    blocks: CONTENT_BLOCK_KINDS.length,
    html_bytes: bytes,
    sql_statements_per_page: queries.all,
    tenant_sql_statements_per_page: queries.tenant,
    p50_ms: +percentile(sorted, 50).toFixed(3),
    p95_ms: +percentile(sorted, 95).toFixed(3),
    max_ms: +sorted[sorted.length - 1].toFixed(3),
    goal_p50_ms: 20,
    ratio_p50_to_goal: +(percentile(sorted, 50) / 20).toFixed(3),
  };
  console.log(
    `homepage, ${result.blocks} blocks, ${bytes} bytes, ${queries.all} SQL statements (${queries.tenant} in the tenant unit): ` +
      `p50 ${result.p50_ms} ms, p95 ${result.p95_ms} ms, max ${result.max_ms} ms over ${requests} requests`,
  );
  console.log(`RESULT ${JSON.stringify(result)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
