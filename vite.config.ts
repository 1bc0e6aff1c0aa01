import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Relative base: the built dist/ works from any static host, under a sub-path, or from a USB stick.
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  preview: { strictPort: true },
  test: {
    include: ['src/**/*.test.ts', 'cli/**/*.test.ts', 'scripts/**/*.test.ts', 'lint/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
