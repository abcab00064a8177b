import { defineConfig } from 'vite';

// Built into the jar's static resources, so the API service serves the page at /.
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'target/classes/static',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/buy': 'http://localhost:8080',
      '/sales': 'http://localhost:8080',
      '/orders': 'http://localhost:8080',
      '/admin': 'http://localhost:8080',
      '/ws': { target: 'ws://localhost:8080', ws: true },
    },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.js'],
  },
});
