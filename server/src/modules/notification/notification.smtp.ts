import nodemailer from 'nodemailer';
import type { MessageChannel } from './notification.channel.ts';

export interface SmtpChannelOptions {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`. */
  url: string;
  /** The From header: `Layan <no-reply@…>`. */
  from: string;
}

/** E-mail through an SMTP server (nodemailer), with short timeouts so a request never hangs on it. */
export function createSmtpChannel(options: SmtpChannelOptions): MessageChannel {
  const url = new URL(options.url);
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    secure: url.protocol === 'smtps:',
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(message) {
      await transport.sendMail({
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
        ...(message.idempotencyKey ? { messageId: `<${message.idempotencyKey}@layan>` } : {}),
      });
    },
  };
}
