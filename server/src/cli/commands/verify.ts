import fs from 'node:fs';
import path from 'node:path';
import { closeDeps, type Deps } from '../../deps.ts';
import { readEnv } from '../../env.ts';
import { verifyDocument, type VerifyResult } from '../../modules/document/document.service.ts';
import {
  isPdf,
  verifyPayload,
  verifyPdf,
  type InvalidReason,
  type VerificationKey,
} from '../../modules/document/document.signature.ts';
import { parseCommandArgs, printJson, usageError, type CliIO, type Command } from '../command.ts';
import { describeDatabase, openForCommand } from '../open.ts';

/** Exit codes besides 0 (valid), 2 (bad usage) and 3 (data directory locked). */
export const EXIT_INVALID = 1;
export const EXIT_CANNOT_VERIFY = 4;
export const EXIT_REVOKED = 5;

const usage = `Usage: layan verify <file-or-payload> [--keys <keys.json>] [--json]

Checks an output document of Layan: a PDF letter (every byte is signed), a file holding the QR
payload, the payload itself (L1.<kid>.<body>.<sig>) or the verify URL the QR holds.

  --keys <keys.json>  a saved copy of GET /api/v1/signing-keys: verifies offline, without any
                      database (revocation is then not known).
  --json              print the result as JSON.

Without --keys the keys and the revocation register are read from DATABASE_URL when set, else
the embedded PGlite in DATA_DIR (default ./data).
Exit codes: 0 valid, 1 invalid (the reason is printed), 2 bad usage, 3 the data directory is in
use, 4 cannot verify (no keys file or database), 5 authentic but revoked by its issuer.
Details: docs/DOCUMENTS.md.`;

const REASON_TEXT: Record<InvalidReason | 'not_registered', string> = {
  malformed: 'not a Layan document or payload, or cut short',
  not_signed: 'the PDF carries no Layan signature',
  unknown_key: 'signed with a key these keys do not include',
  wrong_tenant: 'the signing key belongs to another tenant than the document claims',
  bad_signature: 'the payload does not match its signature: it was altered or forged',
  file_altered: 'the file does not match its signature: at least one byte was changed',
  key_mismatch: 'the file and its payload name different keys',
  not_registered: 'validly signed, but this server never issued it (the key may have been misused)',
};

type Input = { pdf: Buffer } | { payload: string };

function readInput(arg: string): Input {
  if (fs.existsSync(arg) && fs.statSync(arg).isFile()) {
    const bytes = fs.readFileSync(arg);
    return isPdf(bytes) ? { pdf: bytes } : { payload: bytes.toString('utf8').trim() };
  }
  return { payload: arg };
}

/** The keys of a saved /signing-keys answer; throws with a readable message. */
function readKeysFile(file: string): Map<string, VerificationKey> {
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { keys?: unknown };
  if (!Array.isArray(parsed.keys)) throw new Error('expected the JSON of GET /api/v1/signing-keys ({ "keys": [...] })');
  const keys = new Map<string, VerificationKey>();
  for (const k of parsed.keys as Record<string, unknown>[]) {
    if (typeof k.kid !== 'string' || typeof k.tenantCode !== 'string' || typeof k.publicKey !== 'string') {
      throw new Error('a key lacks kid, tenantCode or publicKey');
    }
    keys.set(k.kid, {
      kid: k.kid,
      tenantCode: k.tenantCode,
      publicKey: k.publicKey,
      status: k.status === 'retired' ? 'retired' : 'active',
    });
  }
  return keys;
}

function offline(input: Input, keys: Map<string, VerificationKey>): VerifyResult {
  const lookup = (kid: string) => keys.get(kid);
  const result = 'pdf' in input ? verifyPdf(input.pdf, lookup) : verifyPayload(input.payload, lookup);
  if (!result.valid) return { valid: false, reason: result.reason, revoked: false };
  const f = result.facts;
  return {
    valid: true,
    revoked: false,
    document: {
      id: f.i,
      title: f.ti,
      decision: f.d,
      issuedDate: f.at,
      recipientName: f.r,
      agency: f.a,
      tenant: { code: f.t, name: null },
      kid: result.kid,
      keyStatus: result.key.status,
    },
  };
}

function describe(result: VerifyResult, revocationKnown: boolean): string[] {
  if (!result.valid) return [`INVALID: ${result.reason}: ${REASON_TEXT[result.reason!]}.`];
  const d = result.document!;
  const lines = [
    result.revoked
      ? `VALID SIGNATURE, but REVOKED by its issuer on ${result.revokedAt}.`
      : 'VALID: the document is authentic and unaltered.',
    `  document   ${d.id}`,
    `  title      ${d.title}`,
    `  decision   ${d.decision === 'approved' ? 'disetujui (approved)' : 'ditolak (rejected)'}`,
    `  issued     ${d.issuedDate} by ${d.agency}, ${d.tenant.name ?? d.tenant.code} (${d.tenant.code})`,
    `  recipient  ${d.recipientName}`,
    `  key        ${d.kid} (${d.keyStatus})`,
  ];
  if (!revocationKnown) lines.push('  revocation not checked (offline, --keys): ask the verify page or run without --keys.');
  return lines;
}

/** Opens the database without creating anything; a number is the exit code to return. */
async function openExisting(io: CliIO): Promise<Deps | number> {
  const env = readEnv();
  if (!env.databaseUrl && !fs.existsSync(path.join(env.dataDir, 'pgdata'))) {
    io.stderr(`layan verify: no database in ${env.dataDir} (set DATA_DIR or DATABASE_URL, or pass --keys).`);
    return EXIT_CANNOT_VERIFY;
  }
  return openForCommand(env, io);
}

async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(io, 'verify', {
    args,
    allowPositionals: true,
    options: { keys: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1)
    return usageError(io, 'verify', positionals.length ? 'give one file or payload' : 'missing file or payload');
  const input = readInput(positionals[0]!);

  let result: VerifyResult;
  const revocationKnown = values.keys === undefined;
  if (values.keys !== undefined) {
    let keys: Map<string, VerificationKey>;
    try {
      keys = readKeysFile(values.keys);
    } catch (error) {
      io.stderr(`layan verify: cannot read --keys ${values.keys}: ${(error as Error).message}`);
      return EXIT_CANNOT_VERIFY;
    }
    result = offline(input, keys);
  } else {
    const deps = await openExisting(io);
    if (typeof deps === 'number') return deps;
    try {
      if (!values.json) io.stdout(`Database: ${describeDatabase(deps)}`);
      result = await verifyDocument(deps.database.db, input);
    } catch (error) {
      io.stderr(`layan verify: cannot read the signing keys: ${(error as Error).message}`);
      return EXIT_CANNOT_VERIFY;
    } finally {
      await closeDeps(deps);
    }
  }
  if (values.json) printJson(io, { ...result, revocationChecked: revocationKnown });
  else io.stdout(describe(result, revocationKnown).join('\n'));
  if (!result.valid) return EXIT_INVALID;
  return result.revoked ? EXIT_REVOKED : 0;
}

export const command: Command = {
  name: 'verify',
  summary: 'Verify a signed output document (PDF or QR payload), offline with --keys / periksa keaslian dokumen',
  usage,
  run,
};
