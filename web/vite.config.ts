import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  build: { reportCompressedSize: false },
  ssr: {
    // SvelteKit 2 needs cookie@0.6 while Fastify needs cookie@2, and the workspace hoists 2 to the
    // root. Bundling it resolves SvelteKit's import from SvelteKit's own folder, so the built
    // server never picks up the wrong major version at run time.
    noExternal: ['cookie'],
  },
});
