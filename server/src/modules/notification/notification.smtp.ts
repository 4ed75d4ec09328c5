import nodemailer from 'nodemailer';
import { PermanentSendError, type MessageChannel } from './notification.channel.ts';

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
      try {
        await sendMail(message);
      } catch (error) {
        // 5xx from the server is a refusal for good (no such mailbox, policy); 4xx and lost
        // connections may pass later. Only the code travels: the server's reply can quote the address.
        const code = (error as { responseCode?: unknown }).responseCode;
        // Refused credentials (530, 534, 535) are the deployment's to fix, not the message's: retried.
        const auth = (error as { code?: unknown }).code === 'EAUTH' || [530, 534, 535].includes(code as number);
        if (auth) throw new Error(`SMTP authentication failed${typeof code === 'number' ? ` (${code})` : ''}`);
        if (typeof code === 'number' && code >= 500 && code < 600) {
          throw new PermanentSendError(`SMTP server refused the message (${code})`);
        }
        if (typeof code === 'number') throw new Error(`SMTP server deferred the message (${code})`);
        throw new Error(`SMTP failed: ${(error as { code?: unknown }).code ?? (error as Error).message}`);
      }
    },
  };

  async function sendMail(message: Parameters<MessageChannel['send']>[0]) {
    await transport.sendMail({
      from: options.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      ...(message.html ? { html: message.html } : {}),
      ...(message.idempotencyKey ? { messageId: `<${message.idempotencyKey}@layan>` } : {}),
    });
  }
}
