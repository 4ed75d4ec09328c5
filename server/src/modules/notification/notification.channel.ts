import type { FastifyBaseLogger } from 'fastify';
import type { Env } from '../../env.ts';
import { createGatewayChannel } from './notification.gateway.ts';
import { createLogChannel } from './notification.log.ts';
import { createSmtpChannel } from './notification.smtp.ts';

/**
 * One message to one person. `to` is an e-mail address or an E.164 phone number (+628…);
 * `idempotencyKey` lets a gateway drop a retried duplicate (one is generated when absent).
 */
export interface Message {
  to: string;
  subject: string;
  text: string;
  html?: string;
  idempotencyKey?: string;
}

/** A way to reach people: SMTP, an SMS/WhatsApp gateway, or the development log. */
export interface MessageChannel {
  /** Resolves once the far end accepted the message; throws when it refused or could not be reached. */
  send(message: Message): Promise<void>;
}

export type ChannelKind = 'email' | 'sms' | 'whatsapp';

/**
 * A refusal that trying again cannot fix (the gateway answered 4xx, the SMTP server 5xx): the
 * outbox worker marks the message dead at once instead of retrying. Any other error is retried.
 * The message names statuses and codes only, never the recipient or the text.
 */
export class PermanentSendError extends Error {
  override name = 'PermanentSendError';
}

/** The channels a deployment has; a missing one cannot be chosen by citizens. */
export type Channels = Partial<Record<ChannelKind, MessageChannel>>;

/**
 * The channels configured in `env` (docs/NOTIFICATIONS.md): SMTP_URL → e-mail, SMS_GATEWAY_URL →
 * SMS and WhatsApp. Outside production, a channel left unconfigured falls back to the log channel,
 * which prints the message to stderr (one-time codes included) so `npm start` works offline.
 */
export function channelsFromEnv(env: Env, log: FastifyBaseLogger): Channels {
  const channels: Channels = {};
  if (env.smtpUrl) channels.email = createSmtpChannel({ url: env.smtpUrl, from: env.mailFrom ?? 'Layan <no-reply@localhost>' });
  if (env.smsGatewayUrl) {
    for (const kind of ['sms', 'whatsapp'] as const) {
      channels[kind] = createGatewayChannel({ url: env.smsGatewayUrl, token: env.smsGatewayToken, channel: kind });
    }
  }
  if (!env.production) {
    for (const kind of ['email', 'sms', 'whatsapp'] as const) {
      channels[kind] ??= createLogChannel({ kind, log, printToStderr: true });
    }
  }
  return channels;
}
