/**
 * Writes a migration with what the entities still change, for `platform` or
 * `tenant`: npm run migration:generate -- tenant AddProposals
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { loadDotEnv } from '@plaza/core';
import { diffCatalog } from '@plaza/tenancy';

import { SCHEMA } from '../migrations';

async function main(): Promise<void> {
  loadDotEnv();
  const [target, rawName] = process.argv.slice(2);
  if (
    (target !== 'platform' && target !== 'tenant') ||
    !rawName ||
    !/^[A-Za-z][A-Za-z0-9]*$/.test(rawName)
  ) {
    console.error('Usage: npm run migration:generate -- <platform|tenant> <PascalCaseName>');
    process.exit(2);
  }
  const adminUrl = process.env.DATABASE_ADMIN_URL;
  if (!adminUrl) {
    console.error('DATABASE_ADMIN_URL is required');
    process.exit(2);
  }
  const diff = (await diffCatalog(adminUrl, SCHEMA))[target];
  if (diff.up.length === 0) {
    console.log(`No changes: the ${target} entities and migrations agree.`);
    return;
  }
  const stamp = Date.now();
  const className = `${rawName}${stamp}`;
  const q = (sql: string) => `    await queryRunner.query(${JSON.stringify(sql)});`;
  const body = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${diff.up.map(q).join('\n')}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${diff.down.map(q).join('\n')}
  }
}
`;
  const dir = join(__dirname, '..', 'migrations', target);
  const file = `${stamp}-${rawName.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}.migration.ts`;
  writeFileSync(join(dir, file), body);
  writeIndex(dir, target);
  console.log(`Wrote migrations/${target}/${file}`);
}

function writeIndex(dir: string, target: string): void {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.migration.ts'))
    .sort((a, b) => Number(a.split('-')[0]) - Number(b.split('-')[0]));
  const entries = files.map((f) => {
    const source = readFileSync(join(dir, f), 'utf8');
    const cls = source.match(/export class (\w+)/)?.[1];
    return { cls, path: `./${f.replace(/\.ts$/, '')}` };
  });
  const constName = target === 'platform' ? 'PLATFORM_MIGRATIONS' : 'TENANT_MIGRATIONS';
  const lines = [
    "import type { MigrationClass } from '@plaza/tenancy';",
    '',
    ...entries.map((e) => `import { ${e.cls} } from '${e.path}';`),
    '',
    '/** In the order they run. Written by scripts/generate-migration.ts. */',
    `export const ${constName}: MigrationClass[] = [${entries.map((e) => e.cls).join(', ')}];`,
    '',
  ];
  writeFileSync(join(dir, 'index.ts'), lines.join('\n'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
