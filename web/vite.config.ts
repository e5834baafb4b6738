import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const api = process.env.GONGKAI_API ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  // Workspace packages are consumed as TypeScript sources (see their `exports`).
  resolve: { conditions: ['gongkai-source', 'module', 'browser', 'default'] },
  server: {
    proxy: { '/graphql': api, '/api': api, '/health': api },
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 900,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
