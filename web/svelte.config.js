import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  kit: {
    // LAYAN_WEB_OUT lets tests and `layan start` choose where the build goes.
    adapter: adapter({ out: process.env.LAYAN_WEB_OUT ?? 'build', precompress: false }),
    // Form posts are checked against the Origin header by SvelteKit (its default); no extra origins.
  },
};

export default config;
