import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory())
      return ['node_modules', 'dist'].includes(name) ? [] : sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const isTest = (file: string) => /\.(spec|int-spec)\.tsx?$/.test(file);
const allowed = (file: string) =>
  file.startsWith('libs/tenancy/') || file.startsWith('libs/testing/') || isTest(file);

const files = ['apps', 'libs']
  .flatMap((d) => sourceFiles(join(ROOT, d)))
  .map((f) => ({ path: relative(ROOT, f), text: readFileSync(f, 'utf8') }));

describe('architecture', () => {
  it('finds the sources it checks', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.some((f) => f.path === 'libs/tenancy/src/tenant-db.service.ts')).toBe(true);
  });

  it('lets only libs/tenancy reach the DataSource', () => {
    const offenders = files
      .filter((f) => !allowed(f.path))
      .filter(
        (f) =>
          /import\s*\{[^}]*\bDataSource\b[^}]*\}\s*from\s*'typeorm'/.test(f.text) ||
          /\b(APP|ADMIN)_DATA_SOURCE\b/.test(f.text) ||
          /from 'pg'/.test(f.text),
      )
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('lets only libs/tenancy switch role or search_path', () => {
    const offenders = files
      .filter((f) => !allowed(f.path))
      .filter((f) => /search_path|set_config\s*\(\s*'role'|\bSET\s+(LOCAL\s+)?ROLE\b/i.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('keeps no session state on pooled connections, so PgBouncer in transaction mode works', () => {
    // Each transaction may run on another server connection: settings must be
    // transaction-local, locks transaction-scoped, statements unnamed. The schema
    // diff tool is exempt: it runs on a scratch database over a direct login.
    const sessionState = [
      /\bpg_advisory_(lock|lock_shared|unlock)\s*\(/i,
      /set_config\s*\([^)]*,\s*false\s*\)/i,
      /\bSET\s+(SESSION\s+)?(search_path|role|statement_timeout|lock_timeout|time\s+zone)\b/i,
      /\b(LISTEN|PREPARE)\s+[a-z_"]/,
      /\{\s*name:\s*[^,}]+,\s*text:/,
    ];
    const offenders = files
      .filter((f) => !isTest(f.path) && f.path !== 'libs/tenancy/src/schema-diff.ts')
      .filter((f) => sessionState.some((re) => re.test(f.text)))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('keeps apps as composition roots: no entities or SQL in apps/', () => {
    const offenders = files
      .filter((f) => f.path.startsWith('apps/') && !isTest(f.path))
      .filter((f) => /@Entity\(|\bselect\s.+\sfrom\s/i.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('keeps feature libraries independent of the console: plans are asked through PlanPolicy', () => {
    // Composition (apps, demo, testing) and the provider's side (billing) may know the console;
    // the features of the organizations' sites may not.
    const mayImportConsole = (path: string) =>
      path.startsWith('apps/') ||
      path.startsWith('libs/console/') ||
      path.startsWith('libs/billing/') ||
      path.startsWith('libs/demo/') ||
      path.startsWith('libs/testing/') ||
      isTest(path);
    const offenders = files
      .filter((f) => !mayImportConsole(f.path))
      .filter((f) => /from '@plaza\/console'/.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('makes other code import a library only through its public index', () => {
    const offenders = files
      .filter((f) => /from '@plaza\/[a-z-]+\/.+'/.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });
});
