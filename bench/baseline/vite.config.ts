// The benchmark's baseline app: resolves everything from the root node_modules (same versions as Hashmint).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  base: './',
  envDir: new URL('../..', import.meta.url).pathname,
  plugins: [react()],
  build: { target: 'es2022', sourcemap: false },
});
