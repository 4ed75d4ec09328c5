import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const layanBin = path.resolve(import.meta.dirname, '../server/bin/layan.js');

export interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Runs `layan <args>` as a real process with `env` added to (or removed from, when undefined) this one's. */
export function runLayan(args: string[], env: Record<string, string | undefined>): Running {
  const merged: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete merged[key];
    else merged[key] = value;
  }
  const child = spawn(process.execPath, [layanBin, ...args], { env: merged, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (d) => (text += String(d)));
  child.stderr!.on('data', (d) => (text += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

/** Waits until the process prints `pattern`; rejects if it exits first or time runs out. */
export async function waitForOutput(running: Running, pattern: RegExp, timeoutMs = 90_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  let done = false;
  void running.exited.then(() => (done = true));
  while (Date.now() < deadline) {
    const match = running.output().match(pattern);
    if (match) return match;
    if (done) throw new Error(`process exited before printing ${pattern}:\n${running.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${pattern}:\n${running.output()}`);
}

/** Runs a command to completion and returns its exit code and output. */
export async function runToEnd(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<{ code: number | null; output: string }> {
  const running = runLayan(args, env);
  const code = await running.exited;
  return { code, output: running.output() };
}
