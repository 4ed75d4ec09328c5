import { Type, type Static } from '@sinclair/typebox';
import { Uuid } from '../identity/identity.schemas.ts';

/** Request and response shapes of the outbox administration (docs/NOTIFICATIONS.md). */

const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Status = Type.Union([Type.Literal('pending'), Type.Literal('sending'), Type.Literal('sent'), Type.Literal('dead')]);

export const OutboxListQuery = Type.Object(
  {
    status: Type.Optional({ ...Status, default: 'dead', description: 'Which messages (default: dead letters)' }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type OutboxListQuery = Static<typeof OutboxListQuery>;

export const OutboxIdParams = Type.Object({ id: Uuid });

export const OutboxMessageView = Type.Object({
  id: Uuid,
  tenantCode: Nullable(Type.String({ description: 'The Pemda whose event it is; null for a citizen’s own account' })),
  channel: Type.Union([Type.Literal('email'), Type.Literal('sms'), Type.Literal('whatsapp')]),
  recipient: Type.String({ description: 'Masked: w•••@example.com, +62812•••890' }),
  template: Type.String(),
  language: Type.Union([Type.Literal('id'), Type.Literal('en')]),
  status: Status,
  attempts: Type.Integer(),
  nextAttemptAt: DateTime,
  lastError: Nullable(Type.String({ description: 'Why the last attempt failed (personal data masked)' })),
  createdAt: DateTime,
  sentAt: Nullable(DateTime),
});
export type OutboxMessageView = Static<typeof OutboxMessageView>;

export const OutboxList = Type.Object({
  items: Type.Array(OutboxMessageView),
  counts: Type.Object(
    { pending: Type.Integer(), sending: Type.Integer(), sent: Type.Integer(), dead: Type.Integer() },
    { description: 'Messages per status within the caller’s scope' },
  ),
});
export type OutboxList = Static<typeof OutboxList>;
