import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from '../env.ts';

const STAMP = '.layan-source-hash';
const WEB = path.join(repoRoot, 'web');
// What the SvelteKit bundle is made of: change any of these and the build is stale.
const SOURCES = [path.join(WEB, 'src'), path.join(WEB, 'static'), path.join(repoRoot, 'domain/src')];
const FILES = ['svelte.config.js', 'vite.config.ts', 'package.json', 'tsconfig.json'].map((f) => path.join(WEB, f));

function walk(dir: string, out: string[]): void {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (!entry.name.endsWith('.test.ts')) out.push(full);
  }
}

/** Hash of every file the web build is made from (names and contents). */
export function webSourceHash(): string {
  const files: string[] = [];
  for (const dir of SOURCES) walk(dir, files);
  files.push(...FILES.filter((f) => fs.existsSync(f)));
  const hash = createHash('sha256');
  for (const file of files.sort()) {
    hash.update(path.relative(repoRoot, file));
    hash.update(fs.readFileSync(file));
  }
  return hash.digest('hex');
}

/** True when `buildDir` holds a build of the current sources. */
export function isWebBuildFresh(buildDir: string): boolean {
  const stamp = path.join(buildDir, STAMP);
  return (
    fs.existsSync(path.join(buildDir, 'handler.js')) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === webSourceHash()
  );
}

/**
 * Builds the SvelteKit app when its sources changed since the last build, so `npm start` on a
 * fresh clone needs no separate build step and later starts skip it. Throws when the build fails.
 */
export async function ensureWebBuild(buildDir: string, log: (line: string) => void): Promise<'fresh' | 'built'> {
  if (isWebBuildFresh(buildDir)) return 'fresh';
  const hash = webSourceHash();
  log('Membangun antarmuka web (sekali saja) / Building the web app (once)…');
  // Resolved from the web workspace: npm may nest the Vite that SvelteKit needs under web/.
  const vitePackage = createRequire(path.join(WEB, 'package.json')).resolve('vite/package.json');
  const vite = path.join(path.dirname(vitePackage), 'bin/vite.js');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
      cwd: WEB,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, LAYAN_WEB_OUT: buildDir },
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`web build failed (exit ${code})`))));
  });
  fs.writeFileSync(path.join(buildDir, STAMP), hash);
  return 'built';
}
