import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import tseslint from 'typescript-eslint';

/** Tenant data goes through TenantDb only: these are the ways around it. */
const tenancyBypassImports = {
  paths: [
    {
      name: 'typeorm',
      importNames: ['DataSource', 'getConnection', 'createConnection'],
      message:
        'Reach tenant data through TenantDb (libs/tenancy), platform data through PlatformDb.',
    },
    {
      name: '@plaza/tenancy',
      importNames: ['APP_DATA_SOURCE', 'ADMIN_DATA_SOURCE'],
      message: 'Only libs/tenancy touches the DataSource.',
    },
  ],
};
const tenancyBypassSyntax = [
  {
    selector:
      'Literal[value=/search_path|set_config\\s*\\(\\s*.role|\\bSET\\s+(LOCAL\\s+)?ROLE\\b/i]',
    message: 'Only TenantDb switches role and search_path.',
  },
  {
    selector:
      'TemplateElement[value.raw=/search_path|set_config\\s*\\(\\s*.role|\\bSET\\s+(LOCAL\\s+)?ROLE\\b/i]',
    message: 'Only TenantDb switches role and search_path.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'var/**',
      'migrations/*/1*.migration.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    plugins: { 'simple-import-sort': simpleImportSort },
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'writable',
      },
    },
    rules: {
      'simple-import-sort/imports': [
        'error',
        { groups: [['^\\u0000'], ['^node:'], ['^@nestjs/'], ['^@?\\w'], ['^@plaza/'], ['^\\.']] },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-imports': ['error', tenancyBypassImports],
      'no-restricted-syntax': ['error', ...tenancyBypassSyntax],
    },
  },
  {
    files: [
      'eslint.config.mjs',
      'libs/tenancy/**',
      'libs/testing/**',
      '**/*.spec.ts',
      '**/*.spec.tsx',
      '**/*.int-spec.ts',
      'scripts/**',
    ],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': 'off' },
  },
  { files: ['**/*.js'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
