import { ensureWebBuild } from '../server/src/lib/web-build.ts';
import { readEnv } from '../server/src/env.ts';

/** Browser journeys need the built pages; build once per run if the sources changed. */
export default async function setup() {
  await ensureWebBuild(readEnv().webBuildDir, (line) => process.stderr.write(`${line}\n`));
}
