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
    include: ['src/**/*.test.ts', 'test-setup/**/*.test.ts', 'cli/**/*.test.ts', 'scripts/**/*.test.ts', 'lint/**/*.test.ts'],
    environment: 'node',
    // One fixed seed for every property test, replayable from SCR_PROPERTY_SEED (see the file).
    setupFiles: ['test-setup/property-seed.ts'],
    testTimeout: 30_000,
  },
});
