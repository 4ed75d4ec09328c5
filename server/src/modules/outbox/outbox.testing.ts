import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { Deps } from '../../deps.ts';
import { NATIONAL, withScope } from '../../db/scope.ts';
import { enqueueInTx, type OutboxMessageInput } from './outbox.repo.ts';

/** Test helpers for the outbox (not a test file itself). */

export interface ParsedMail {
  to: string[];
  subject: string;
  messageId: string;
  /** The text/plain part, decoded. */
  text: string;
  /** The text/html part, decoded ('' when there is none). */
  html: string;
}

/** Decodes RFC 2047 encoded words (=?UTF-8?Q?…?= / ?B?) in a header. */
function decodeHeader(value: string): string {
  return value.replace(/=\?utf-8\?([qb])\?([^?]*)\?=\s*/gi, (_, kind: string, body: string) =>
    kind.toLowerCase() === 'b' ? Buffer.from(body, 'base64').toString('utf8') : decodeQuotedPrintable(body.replace(/_/g, ' ')),
  );
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const joined = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(joined[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function splitPart(part: string): { headers: Record<string, string>; body: string } {
  const at = part.search(/\r?\n\r?\n/);
  const head = part.slice(0, at).replace(/\r?\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body: part.slice(at).replace(/^\r?\n\r?\n/, '') };
}

function decodeBody(headers: Record<string, string>, body: string): string {
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const decoded =
    encoding === 'quoted-printable'
      ? decodeQuotedPrintable(body)
      : encoding === 'base64'
        ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
        : body;
  return decoded.replace(/\r\n/g, '\n');
}

/** Just enough MIME to read what nodemailer sends: a single part or multipart/alternative. */
export function parseMail(raw: string, to: string[]): ParsedMail {
  const { headers, body } = splitPart(raw);
  const result: ParsedMail = {
    to,
    subject: decodeHeader(headers.subject ?? ''),
    messageId: headers['message-id'] ?? '',
    text: '',
    html: '',
  };
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
  const parts = boundary
    ? body
        .split(`--${boundary}`)
        .slice(1, -1)
        .map((p) => splitPart(p.replace(/^\r?\n/, '')))
    : [{ headers, body }];
  for (const part of parts) {
    const type = (part.headers['content-type'] ?? 'text/plain').toLowerCase();
    if (type.startsWith('text/plain')) result.text = decodeBody(part.headers, part.body).trimEnd();
    if (type.startsWith('text/html')) result.html = decodeBody(part.headers, part.body).trimEnd();
  }
  return result;
}

export type SmtpMode = 'accept' | 'defer' | 'reject';

export interface ControlledSmtpServer {
  url: string;
  /** accept: keep the message; defer: answer 451 (try later); reject: answer 550 (never). */
  mode: SmtpMode;
  received: ParsedMail[];
  /** Every DATA the server answered, accepted or not. */
  attempts: number;
  /** Resolves once `count` messages have been accepted (rejects after `timeoutMs`). */
  waitForMail(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 at a free port whose answer the test chooses. */
export async function startControlledSmtpServer(mode: SmtpMode = 'accept'): Promise<ControlledSmtpServer> {
  const waiters: Array<() => void> = [];
  const state = { mode, received: [] as ParsedMail[], attempts: 0 } as ControlledSmtpServer;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        state.attempts += 1;
        if (state.mode !== 'accept') {
          const error = new Error(state.mode === 'defer' ? 'Try again later' : 'Mailbox unavailable') as Error & {
            responseCode: number;
          };
          error.responseCode = state.mode === 'defer' ? 451 : 550;
          callback(error);
          return;
        }
        state.received.push(
          parseMail(
            Buffer.concat(chunks).toString('utf8'),
            session.envelope.rcptTo.map((r) => r.address),
          ),
        );
        callback();
        for (const wake of waiters.splice(0)) wake();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return Object.assign(state, {
    url: `smtp://127.0.0.1:${port}`,
    waitForMail(count: number, timeoutMs = 30_000) {
      return new Promise<ParsedMail[]>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`expected ${count} mail(s), got ${state.received.length}`)), timeoutMs);
        const check = () => {
          if (state.received.length >= count) {
            clearTimeout(timer);
            resolve(state.received);
          } else waiters.push(check);
        };
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** Enqueues `message` in its own committed unit of work (as a module's transaction would). */
export async function enqueue(deps: Deps, message: OutboxMessageInput): Promise<void> {
  await withScope(deps.database.db, NATIONAL, (trx) => enqueueInTx(trx, message));
}

/** A message's row as the connection's own user sees it (tests only). */
export async function messageRows(deps: Deps) {
  return deps.database.db.selectFrom('outbox_message').selectAll().orderBy('created_at').orderBy('id').execute();
}
