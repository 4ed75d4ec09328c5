import { timeZoneOfRegion } from '@layan/domain';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { NATIONAL, withScope } from '../../db/scope.ts';
import type { DB } from '../../db/schema.ts';
import { redactPersonalData } from '../../lib/redact.ts';
import { repeat } from '../../lib/repeat.ts';
import { PermanentSendError, type Channels } from '../notification/notification.channel.ts';
import { renderTemplate, TemplateError } from '../notification/notification.templates.ts';
import { claimDueMessagesInTx, settleMessageInTx, type ClaimedMessage } from './outbox.repo.ts';

/** How the worker paces itself (docs/NOTIFICATIONS.md); tests shorten the delays. */
export interface OutboxWorkerConfig {
  /** Wait between polls when nothing was due. */
  pollIntervalMs: number;
  /** Messages claimed per round. */
  batchSize: number;
  /** Attempts before a message goes dead (the first send included). */
  maxAttempts: number;
  /** The delay after the first failure; doubled after each further one, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** How long a claim lasts; longer than any channel's own timeout (SMTP 20 s, gateway 10 s). */
  leaseMs: number;
}

export const DEFAULT_OUTBOX_WORKER_CONFIG: OutboxWorkerConfig = {
  pollIntervalMs: 2_000,
  batchSize: 20,
  maxAttempts: 10,
  baseDelayMs: 30_000,
  maxDelayMs: 60 * 60_000,
  leaseMs: 120_000,
};

/**
 * The wait before attempt `attempt + 1` after attempt `attempt` failed: exponential
 * (`base · 2^(attempt−1)`, capped) with "equal jitter" — half fixed, half random — so messages
 * that failed together (a gateway outage) do not all come back in the same second.
 */
export function retryDelayMs(
  attempt: number,
  config: Pick<OutboxWorkerConfig, 'baseDelayMs' | 'maxDelayMs'>,
  random = Math.random,
) {
  const exponential = Math.min(config.maxDelayMs, config.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}

export interface RoundResult {
  claimed: number;
  sent: number;
  retried: number;
  dead: number;
}

export interface OutboxWorker {
  /** Starts polling; a no-op when already running. */
  start(): void;
  /** Stops polling and waits for the round in progress; nothing keeps the process alive after. */
  stop(): Promise<void>;
  /** One round now: claim what is due, send, settle. Tests drive the worker with it. */
  runOnce(): Promise<RoundResult>;
}

export interface OutboxWorkerDeps {
  db: Kysely<DB>;
  channels: Channels;
  log: FastifyBaseLogger;
  config?: Partial<OutboxWorkerConfig>;
}

/** Error text as stored in `last_error` and logged: personal data masked, bounded. */
function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
  return redactPersonalData(text).slice(0, 2000);
}

/**
 * The outbox worker: turns committed `outbox_message` rows into delivered messages. It works in
 * the national scope (messages of every tenant), claims in one short transaction, sends outside
 * any transaction, and settles each message in another. Several workers (processes) may run on one
 * database: claims skip each other's locked rows, and a lapsed lease hands a message on.
 * Logs name the message id, template, channel and attempt — never the recipient or the text.
 */
export function createOutboxWorker(deps: OutboxWorkerDeps): OutboxWorker {
  const config: OutboxWorkerConfig = { ...DEFAULT_OUTBOX_WORKER_CONFIG, ...deps.config };
  const log = deps.log.child({ component: 'outbox' });

  async function deliver(message: ClaimedMessage): Promise<'sent' | 'retried' | 'dead'> {
    const about = { outboxId: message.id, template: message.template, channel: message.channel, attempt: message.attempts };
    let outcome: 'sent' | 'retried' | 'dead';
    let error: string | undefined;
    let delayMs = 0;
    try {
      const channel = deps.channels[message.channel];
      if (!channel) throw new PermanentSendError(`channel ${message.channel} is not configured in this deployment`);
      const rendered = renderTemplate({
        template: message.template,
        language: message.language,
        channel: message.channel,
        data: message.data,
        timeZone: message.tenant_code ? timeZoneOfRegion(message.tenant_code) : undefined,
      });
      await channel.send({ to: message.recipient, ...rendered, idempotencyKey: message.id });
      outcome = 'sent';
    } catch (caught) {
      error = describeError(caught);
      const permanent = caught instanceof PermanentSendError || caught instanceof TemplateError;
      if (permanent || message.attempts >= config.maxAttempts) {
        outcome = 'dead';
      } else {
        outcome = 'retried';
        delayMs = retryDelayMs(message.attempts, config);
      }
    }
    const recorded = await withScope(deps.db, NATIONAL, (trx) =>
      outcome === 'sent'
        ? settleMessageInTx(trx, { id: message.id, attempts: message.attempts, outcome: 'sent' })
        : outcome === 'retried'
          ? settleMessageInTx(trx, { id: message.id, attempts: message.attempts, outcome: 'retry', delayMs, error: error! })
          : settleMessageInTx(trx, { id: message.id, attempts: message.attempts, outcome: 'dead', error: error! }),
    );
    if (!recorded) log.warn(about, 'outbox message was claimed again before this attempt ended (lease too short?)');
    else if (outcome === 'sent') log.info(about, 'outbox message sent');
    else if (outcome === 'retried') log.warn({ ...about, error, retryInMs: delayMs }, 'outbox message failed; will retry');
    else log.error({ ...about, error }, 'outbox message is dead (administrators can retry it)');
    return outcome;
  }

  async function runOnce(): Promise<RoundResult> {
    const claimed = await withScope(deps.db, NATIONAL, (trx) =>
      claimDueMessagesInTx(trx, { limit: config.batchSize, leaseMs: config.leaseMs }),
    );
    const result: RoundResult = { claimed: claimed.length, sent: 0, retried: 0, dead: 0 };
    // One at a time: a deployment's SMTP server or gateway sets the pace, and several workers
    // (processes) give parallelism when it is needed.
    for (const message of claimed) result[await deliver(message)] += 1;
    return result;
  }

  // A full batch means more may be due: the next round starts at once.
  const loop = repeat({
    round: async () => ((await runOnce()).claimed === config.batchSize ? 0 : config.pollIntervalMs),
    onError: (error) => log.error({ err: error }, 'outbox round failed'),
    retryMs: config.pollIntervalMs,
  });

  return {
    start: loop.start,
    stop: loop.stop,
    runOnce,
  };
}
