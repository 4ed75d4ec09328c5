// `npm test`: type-check, lint, then every test tier (unit, API, browser) on the database the
// environment names (PGlite by default, PostgreSQL when DATABASE_URL is set). Ends with one
// "N passed, N failed" line so CI logs state the count plainly.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const database = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';

function step(title, command, args, options = {}) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.log(`\n✗ ${title} failed (exit ${result.status})`);
    process.exit(result.status ?? 1);
  }
}

step('Type-check (server, domain, tests)', npx, ['tsc', '-p', 'tsconfig.json', '--noEmit']);
step('Type-check (web)', 'npm', ['run', 'check', '-w', '@layan/web', '--silent']);
step('Lint', npx, ['eslint', '.']);
step('Format', npx, ['prettier', '--check', '.']);

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'layan-vitest-')), 'report.json');
console.log(`\n▶ Tests on ${database}`);
const run = spawnSync(
  npx,
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
let summary = 'no report';
if (fs.existsSync(report)) {
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  const skipped = r.numPendingTests + r.numTodoTests;
  summary = `${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`;
}
console.log(`\n${database}: ${summary}`);
process.exit(run.status ?? 1);
