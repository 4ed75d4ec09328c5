import fs from 'node:fs';
import path from 'node:path';
import { closeDeps, type Deps } from '../../deps.ts';
import { readEnv } from '../../env.ts';
import {
  auditLogExists,
  findAuditHead,
  verifyAuditChain,
  type AuditBreak,
  type AuditVerification,
} from '../../modules/audit/audit.service.ts';
import { parseCommandArgs, printJson, usageError, type CliIO, type Command } from '../command.ts';
import { describeDatabase, openForCommand } from '../open.ts';

/** Exit codes besides 0 (whole), 2 (bad usage) and 3 (data directory locked, see open.ts). */
export const EXIT_BROKEN = 1;
export const EXIT_CANNOT_VERIFY = 4;

const usage = `Usage: layan audit verify [--json] [--expect-head <seq>:<hash>]
       layan audit head [--json]

verify  Re-computes the hash chain of the audit log (audit_log) from the first entry to the
        newest and reports the first entry that breaks it: altered (hash_mismatch), removed
        (gap), or following a rewritten entry (prev_hash_mismatch). Reads only.
        --expect-head <seq>:<hash>  an anchor printed earlier by \`layan audit head\` and kept
        outside the database; also catches removal of the newest entries (truncated) and a
        rewritten chain (anchor_mismatch), which the chain alone cannot show.
head    Prints the newest entry as <seq>:<hash>, to record elsewhere (e.g. daily).

Uses DATABASE_URL when set, else the embedded PGlite in DATA_DIR (default ./data).
Exit codes: 0 the chain is whole, 1 it is broken (the first broken entry is named),
2 bad usage, 3 the data directory is in use, 4 no audit log to read (no database, or not migrated).
Details: docs/AUDIT.md.`;

function fail(io: CliIO, message: string): number {
  return usageError(io, 'audit', message);
}

function parseAnchor(text: string): { seq: number; hash: string } | undefined {
  const match = /^(\d{1,15}):([0-9a-f]{64})$/.exec(text.trim());
  if (!match || Number(match[1]) < 1) return undefined;
  return { seq: Number(match[1]), hash: match[2]! };
}

const REASON_TEXT: Record<AuditBreak['reason'], string> = {
  hash_mismatch: 'its content does not match its hash: the entry was altered',
  gap: 'entries before it are missing: they were removed',
  prev_hash_mismatch: 'it does not follow the entry before it: that entry was altered and its hash rewritten, or this one was',
  anchor_mismatch: 'its hash differs from the recorded anchor: the chain up to here was rewritten',
  truncated: 'the log ends before this anchored entry: the newest entries were removed',
};

/** The human report of a verification; the first line names the broken entry. */
export function describeVerification(result: AuditVerification): string[] {
  const head = `${result.lastSeq}:${result.lastHash}`;
  if (result.ok) {
    return result.checked === 0
      ? ['Audit log: empty, nothing to verify.']
      : [`Audit log: whole. ${result.checked} entries verified; head ${head}`];
  }
  const b = result.firstBroken!;
  const lines = [`Audit log: BROKEN at entry seq ${b.seq}${b.id ? ` (id ${b.id})` : ''}: ${b.reason}: ${REASON_TEXT[b.reason]}.`];
  if (b.expected !== undefined) lines.push(`  expected ${b.expected}`);
  if (b.found !== undefined) lines.push(`  found    ${b.found}`);
  lines.push(`${result.checked} entries before it are intact (last intact ${head}).`);
  return lines;
}

/** Opens the database without creating anything; a number is the exit code to return. */
async function openExisting(io: CliIO): Promise<Deps | number> {
  const env = readEnv();
  // Opening PGlite on a missing directory would create an empty database there.
  if (!env.databaseUrl && !fs.existsSync(path.join(env.dataDir, 'pgdata'))) {
    io.stderr(`layan audit: no database in ${env.dataDir} (set DATA_DIR or DATABASE_URL).`);
    return EXIT_CANNOT_VERIFY;
  }
  const deps = await openForCommand(env, io);
  if (typeof deps === 'number') return deps;
  let exists: boolean;
  try {
    exists = await auditLogExists(deps.database.db);
  } catch (error) {
    await closeDeps(deps);
    io.stderr(`layan audit: cannot read ${describeDatabase(deps)}: ${(error as Error).message}`);
    return EXIT_CANNOT_VERIFY;
  }
  if (!exists) {
    await closeDeps(deps);
    io.stderr(`layan audit: ${describeDatabase(deps)} has no audit_log table; run \`layan migrate\` first.`);
    return EXIT_CANNOT_VERIFY;
  }
  return deps;
}

async function run(args: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'verify' && sub !== 'head') return fail(io, sub ? `unknown subcommand "${sub}"` : 'missing subcommand');
  const parsed = parseCommandArgs(io, 'audit', {
    args: rest,
    options: { json: { type: 'boolean' }, ...(sub === 'verify' ? { 'expect-head': { type: 'string' } } : {}) },
  });
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const anchorText = (values as { 'expect-head'?: string })['expect-head'];
  const anchor = anchorText === undefined ? undefined : parseAnchor(anchorText);
  if (anchorText !== undefined && !anchor) return fail(io, `--expect-head "${anchorText}": expected <seq>:<64 hex digits>`);

  const deps = await openExisting(io);
  if (typeof deps === 'number') return deps;
  try {
    if (!values.json) io.stdout(`Database: ${describeDatabase(deps)}`);
    if (sub === 'head') {
      const head = await findAuditHead(deps.database.db);
      if (values.json) printJson(io, head ? { ...head, anchor: `${head.seq}:${head.hash}` } : null);
      else io.stdout(head ? `Head: ${head.seq}:${head.hash} (${head.occurredAt})` : 'Audit log: empty.');
      return 0;
    }
    const result = await verifyAuditChain(deps.database.db, { expectHead: anchor });
    if (values.json) printJson(io, result);
    else io.stdout(describeVerification(result).join('\n'));
    return result.ok ? 0 : EXIT_BROKEN;
  } catch (error) {
    // A database failure is not a broken chain: exit 4, so monitoring can tell the two apart.
    io.stderr(`layan audit: cannot read the audit log: ${(error as Error).message}`);
    return EXIT_CANNOT_VERIFY;
  } finally {
    await closeDeps(deps);
  }
}

export const command: Command = {
  name: 'audit',
  summary: 'Verify the hash-chained audit log / periksa keutuhan log audit',
  usage,
  run,
};
