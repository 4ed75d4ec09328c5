import type { FastifyBaseLogger } from 'fastify';
import { redactPersonalData } from '../../lib/redact.ts';
import type { ChannelKind, MessageChannel } from './notification.channel.ts';

export interface LogChannelOptions {
  kind: ChannelKind;
  log: FastifyBaseLogger;
  /** Print the whole message, codes included, to stderr: development only (never in production). */
  printToStderr: boolean;
}

/** Every run of 4 or more digits (one-time codes among them) becomes `••••••` in the log. */
export function maskCodes(text: string): string {
  return redactPersonalData(text).replace(/\d{4,}/g, '••••••');
}

/**
 * The development channel: the message goes to the log with codes and addresses masked, and, when
 * allowed, whole to stderr so a developer running `npm start` can sign in without SMTP or SMS.
 */
export function createLogChannel(options: LogChannelOptions): MessageChannel {
  return {
    async send(message) {
      options.log.info(
        { channel: options.kind, subject: message.subject, text: maskCodes(message.text) },
        'message (log channel)',
      );
      if (options.printToStderr) {
        process.stderr.write(
          `\n[layan ${options.kind} → ${redactPersonalData(message.to)}] ${message.subject}\n${message.text}\n` +
            '(development only: configure SMTP_URL / SMS_GATEWAY_URL to send for real)\n\n',
        );
      }
    },
  };
}
