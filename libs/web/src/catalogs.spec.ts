import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { SUPPORTED_LOCALES } from '@plaza/core';

import { placeholdersOf, registeredCatalogs } from './i18n';
import { PLATFORM_MESSAGES } from './messages';

function messageFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : messageFiles(path);
    return name.endsWith('.messages.ts') ? [path] : [];
  });
}

describe('interface catalogs', () => {
  const files = messageFiles(join(__dirname, '..', '..'));
  // Loading each file registers its catalog.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  files.forEach((f) => require(f));
  const catalogs = [
    ...registeredCatalogs(),
    {
      name: 'platform',
      catalog: PLATFORM_MESSAGES as unknown as Record<string, Record<string, string>>,
    },
  ];

  it('finds every catalog', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(catalogs.map((c) => c.name)).toContain('site');
  });

  it.each(catalogs.map((c) => [c.name, c.catalog] as const))(
    '%s: every locale has every key, none empty, same placeholders',
    (_name, catalog) => {
      const keys = Object.keys(catalog.en).sort();
      for (const locale of SUPPORTED_LOCALES) {
        const table = (catalog as Record<string, Record<string, string>>)[locale];
        expect({ locale, keys: Object.keys(table).sort() }).toEqual({ locale, keys });
        for (const key of keys) {
          expect({ locale, key, empty: !table[key]?.trim() }).toEqual({
            locale,
            key,
            empty: false,
          });
          expect({ locale, key, placeholders: placeholdersOf(table[key]) }).toEqual({
            locale,
            key,
            placeholders: placeholdersOf(catalog.en[key]),
          });
        }
      }
    },
  );
});
