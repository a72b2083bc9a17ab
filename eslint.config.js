// ESLint 9 flat config: typescript-eslint with type information (projectService: each file is checked
// with its nearest tsconfig, src/playground/web/tsconfig.json for the browser code), then
// eslint-config-prettier so that formatting is Prettier's alone (`npm run lint` runs prettier --check).
// The import boundaries of ARCHITECTURE.md are checked by test/unit/architecture.test.ts, not here.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'data/',
      'src/data/generated/',
      'src/subgraphs/*/generated/',
      'src/client/generated/',
      'src/playground/dist/',
      'prisma/migrations/',
      'prisma/postgresql/',
      'test/bench/results/',
      'test/artifacts/',
      'test/.tmp/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      // Off: Apollo Server plugin hooks, DataLoader batch functions and port implementations are async by
      // contract (they return promises the caller awaits) whether or not their body awaits anything.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  {
    // The browser code: DOM globals, no Node.
    files: ['src/playground/web/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Tests read GraphQL responses as untyped JSON (the `Json` type of test/support/stack.ts) and assert
    // their shape at run time: the no-unsafe-* family would flag every such read, so it is off in tests only.
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  prettier,
);
