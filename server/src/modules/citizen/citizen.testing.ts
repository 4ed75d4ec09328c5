import type { FastifyInstance } from 'fastify';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DestinationStream } from 'pino';
import { SMTPServer } from 'smtp-server';
import { buildApp } from '../../app.ts';
import { closeDeps, createTestDeps } from '../../../../test/db.ts';
import type { Deps } from '../../deps.ts';
import { CSRF_HEADER } from '../identity/identity.plugin.ts';
import { FAST_ARGON2 } from '../identity/identity.testing.ts';
import type { Channels } from '../notification/notification.channel.ts';
import type { GatewayRequest } from '../notification/notification.gateway.ts';
import { createGatewayChannel } from '../notification/notification.gateway.ts';
import { createSmtpChannel } from '../notification/notification.smtp.ts';
import type { CitizenConfig } from './citizen.config.ts';
import { CITIZEN_SESSION_COOKIE } from './citizen.plugin.ts';

/** Test helpers for citizens: a real SMTP server, a real HTTP SMS gateway, sign-up (not a test file itself). */

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/** Waits for the first item that `match` accepts, among those received so far and those to come. */
class Inbox<T> {
  readonly items: T[] = [];
  private waiters: Array<{ match: (item: T) => boolean; resolve: (item: T) => void }> = [];

  push(item: T) {
    this.items.push(item);
    this.waiters = this.waiters.filter((w) => (w.match(item) ? (w.resolve(item), false) : true));
  }

  /**
   * The first matching item at index ≥ `from` (so a test can wait for the next one). The default
   * wait is long because it is for correctness, not speed: a loaded CI machine can take seconds.
   */
  waitFor(match: (item: T) => boolean, options: { from?: number; timeoutMs?: number } = {}): Promise<T> {
    const found = this.items.slice(options.from ?? 0).find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('nothing arrived in time')), options.timeoutMs ?? 30_000);
      this.waiters.push({
        match,
        resolve: (item) => {
          clearTimeout(timer);
          resolve(item);
        },
      });
    });
  }
}

export interface TestSmtpServer {
  url: string;
  inbox: Inbox<ReceivedMail>;
  /** The 6-digit code of the next mail to `to` (after the `from`-th mail received). */
  nextCode(to: string, from?: number): Promise<string>;
  close(): Promise<void>;
}

/** An SMTP server on 127.0.0.1 at a free port that keeps every message it accepts. */
export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const inbox = new Inbox<ReceivedMail>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        inbox.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    inbox,
    async nextCode(to, from) {
      const mail = await inbox.waitFor((m) => m.to.includes(to), { from });
      const code = /Kode masuk Layan Anda: (\d{6})/.exec(mail.raw)?.[1];
      if (!code) throw new Error('no code in the message');
      return code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface TestGateway {
  url: string;
  inbox: Inbox<{ body: GatewayRequest; authorization: string | undefined }>;
  /** What the gateway answers (default 202). */
  status: number;
  nextCode(to: string, from?: number): Promise<string>;
  close(): Promise<void>;
}

/** An HTTP SMS/WhatsApp gateway on 127.0.0.1 that records each POSTed message. */
export async function startTestGateway(): Promise<TestGateway> {
  const inbox = new Inbox<{ body: GatewayRequest; authorization: string | undefined }>();
  const gateway = { status: 202 } as TestGateway;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      inbox.push({ body: JSON.parse(Buffer.concat(chunks).toString('utf8')), authorization: req.headers.authorization });
      res.statusCode = gateway.status;
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(gateway, {
    url: `http://127.0.0.1:${port}/messages`,
    inbox,
    async nextCode(to: string, from?: number) {
      const message = await inbox.waitFor((m) => m.body.to === to, { from });
      const code = /Kode masuk Layan Anda: (\d{6})/.exec(message.body.text)?.[1];
      if (!code) throw new Error('no code in the message');
      return code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

export interface CitizenTestApp {
  app: FastifyInstance;
  deps: Deps;
  smtp: TestSmtpServer;
  gateway: TestGateway;
  close(): Promise<void>;
}

/** Channels pointed at the test servers, as a deployment would configure them. */
export function testChannels(smtp: TestSmtpServer, gateway: TestGateway): Channels {
  return {
    email: createSmtpChannel({ url: smtp.url, from: 'Layan Uji <no-reply@layan.test>' }),
    sms: createGatewayChannel({ url: gateway.url, token: 'gateway-token', channel: 'sms' }),
    whatsapp: createGatewayChannel({ url: gateway.url, token: 'gateway-token', channel: 'whatsapp' }),
  };
}

/** The whole app over a fresh database with real SMTP and gateway servers behind its channels. */
export async function createCitizenTestApp(
  options: { citizenConfig?: Partial<CitizenConfig>; logStream?: DestinationStream; logLevel?: string } = {},
): Promise<CitizenTestApp> {
  const [smtp, gateway] = await Promise.all([startTestSmtpServer(), startTestGateway()]);
  const base = await createTestDeps();
  const deps: Deps = {
    ...base,
    authConfig: { argon2: FAST_ARGON2 },
    citizenConfig: options.citizenConfig,
    channels: testChannels(smtp, gateway),
  };
  const app = await buildApp(deps, { web: false, logLevel: options.logLevel ?? 'silent', logStream: options.logStream });
  await app.ready();
  return {
    app,
    deps,
    smtp,
    gateway,
    async close() {
      await app.close();
      await Promise.all([smtp.close(), gateway.close()]);
      await closeDeps(base);
    },
  };
}

/** The cookie header value ("name=token") set by a sign-in answer. */
export function citizenCookie(response: { cookies: Array<{ name: string; value: string }> }): string {
  const cookie = response.cookies.find((c) => c.name === CITIZEN_SESSION_COOKIE);
  if (!cookie) throw new Error('no citizen session cookie');
  return `${cookie.name}=${cookie.value}`;
}

/** Asks for a code by e-mail and returns it as the SMTP server received it. */
export async function requestEmailCode(t: CitizenTestApp, nik: string, email: string): Promise<string> {
  const from = t.smtp.inbox.items.length;
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/citizen/otp',
    headers: { [CSRF_HEADER]: '1' },
    payload: { nik, channel: 'email', destination: email },
  });
  if (response.statusCode !== 202) throw new Error(`code request failed: ${response.statusCode} ${response.body}`);
  return t.smtp.nextCode(email, from);
}

/** Signs a citizen up (or in) by e-mail code; returns the session cookie and the citizen id. */
export async function signUpCitizen(t: CitizenTestApp, options: { nik: string; email: string; name?: string }) {
  const code = await requestEmailCode(t, options.nik, options.email);
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/citizen/verify',
    headers: { [CSRF_HEADER]: '1' },
    payload: { nik: options.nik, code, name: options.name ?? 'Warga Uji' },
  });
  if (response.statusCode !== 200) throw new Error(`verify failed: ${response.statusCode} ${response.body}`);
  return { cookie: citizenCookie(response), id: response.json().citizen.id as string };
}
