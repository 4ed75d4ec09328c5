import { randomUUID } from 'node:crypto';
import { PermanentSendError, type MessageChannel } from './notification.channel.ts';

export interface GatewayChannelOptions {
  /** The gateway's endpoint; Layan POSTs one JSON message per request (docs/NOTIFICATIONS.md). */
  url: string;
  /** Sent as `Authorization: Bearer <token>` when set. */
  token?: string;
  channel: 'sms' | 'whatsapp';
  timeoutMs?: number;
}

/** The body Layan sends, the whole contract (docs/NOTIFICATIONS.md). */
export interface GatewayRequest {
  to: string;
  text: string;
  channel: 'sms' | 'whatsapp';
  idempotencyKey: string;
}

/**
 * SMS or WhatsApp through an HTTP gateway: any 2xx means accepted; 4xx (but 401, 408, 425, 429) is a
 * permanent refusal (PermanentSendError); anything else, a timeout or no connection, may be retried.
 * The error names the status only (never the number or the text, which are personal data or secrets).
 */
export function createGatewayChannel(options: GatewayChannelOptions): MessageChannel {
  return {
    async send(message) {
      const body: GatewayRequest = {
        to: message.to,
        text: message.text,
        channel: options.channel,
        idempotencyKey: message.idempotencyKey ?? randomUUID(),
      };
      const response = await fetch(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      // Drain the body so the connection can be reused.
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return;
      const error = `${options.channel} gateway answered HTTP ${response.status}`;
      // 4xx: the gateway will never take this message (bad number, refused content). 401 is the
      // deployment's token, not the message, and 408/425/429 and 5xx may pass later: retried.
      if (response.status >= 400 && response.status < 500 && ![401, 408, 425, 429].includes(response.status)) {
        throw new PermanentSendError(error);
      }
      throw new Error(error);
    },
  };
}
