import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Test files share their worker's module cache: the app's modules (Botkit's tree, the NLU and its
    // saved model) are loaded once per worker instead of once per file. Every file builds its own app,
    // data folder and database schema, so nothing else is shared between them.
    isolate: false,
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
