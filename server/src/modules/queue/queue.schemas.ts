import { Type, type Static } from '@sinclair/typebox';

/** Request and response shapes of queues, bookings, tickets and the counter console. */

const Uuid = Type.String({ format: 'uuid' });
const LocalDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Local date YYYY-MM-DD' });
const Time = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'Local time HH:MM' });
const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const LocationParams = Type.Object({ location: Uuid });
export const QueueParams = Type.Object({ queue: Uuid });
export const CounterParams = Type.Object({ counter: Uuid });
export const CounterTicketParams = Type.Object({ counter: Uuid, ticket: Uuid });
export const TicketParams = Type.Object({ ticket: Uuid });
export const CodeParams = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 20, description: 'Booking code, e.g. 7KQ4M2XA' }),
});

const ServiceRef = Type.Object({ id: Uuid, slug: Type.String(), name: Type.String() });

export const Queue = Type.Object({
  id: Uuid,
  locationId: Uuid,
  agencyId: Nullable(Type.String()),
  code: Type.String({ description: 'Letter of its tickets: A → A-001' }),
  name: Type.String(),
  slotMinutes: Type.Integer(),
  slotQuota: Type.Integer({ description: 'Bookings per slot' }),
  dailyQuota: Type.Integer({ description: 'Bookings per day' }),
  active: Type.Boolean(),
  services: Type.Array(ServiceRef),
});

export const LocationQueues = Type.Object({
  location: Type.Object({
    id: Uuid,
    tenantCode: Type.String(),
    slug: Type.String(),
    name: Type.String(),
    regionCode: Type.String(),
    timeZone: Type.String(),
  }),
  today: LocalDate,
  dates: Type.Array(LocalDate, { description: 'The next dates the location opens (bookable days)' }),
  queues: Type.Array(Queue),
});

export const SlotsQuery = Type.Object({ queue: Uuid, date: LocalDate }, { additionalProperties: false });
export const Slots = Type.Object({
  date: LocalDate,
  closed: Type.Union([Type.Object({ reason: Type.String(), name: Nullable(Type.String()) }), Type.Null()]),
  dayLeft: Type.Integer(),
  slots: Type.Array(Type.Object({ start: Time, end: Time, left: Type.Integer(), available: Type.Boolean() })),
});

export const CreateBookingBody = Type.Object(
  {
    queueId: Uuid,
    serviceId: Type.Optional(Uuid),
    date: LocalDate,
    time: Time,
    name: Type.String({ minLength: 2, maxLength: 200 }),
    phone: Type.Optional(Type.String({ maxLength: 30, description: 'Indonesian mobile number, for the SMS' })),
    email: Type.Optional(Type.String({ maxLength: 254 })),
    priority: Type.Optional(
      Type.Boolean({ description: 'Lansia, penyandang disabilitas, ibu hamil (UU 25/2009): served first' }),
    ),
  },
  { additionalProperties: false },
);
export type CreateBookingBodyType = Static<typeof CreateBookingBody>;

export const RescheduleBody = Type.Object({ date: LocalDate, time: Time }, { additionalProperties: false });

export const Booking = Type.Object({
  id: Uuid,
  code: Type.String(),
  tenantCode: Type.String(),
  locationId: Uuid,
  locationName: Type.String(),
  queueId: Uuid,
  queueCode: Type.String(),
  queueName: Type.String(),
  serviceId: Nullable(Type.String()),
  date: LocalDate,
  time: Time,
  startsAt: Timestamp,
  endsAt: Timestamp,
  name: Type.String(),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  priority: Type.Boolean(),
  status: Type.Union((['booked', 'cancelled', 'checked_in', 'no_show'] as const).map((s) => Type.Literal(s))),
  ticketId: Nullable(Type.String()),
  createdAt: Timestamp,
});
export type BookingType = Static<typeof Booking>;

export const WalkInBody = Type.Object(
  { queueId: Uuid, priority: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export const CheckInBody = Type.Object({ code: Type.String({ minLength: 1, maxLength: 20 }) }, { additionalProperties: false });

const TicketStatus = Type.Union((['waiting', 'called', 'serving', 'done', 'no_show'] as const).map((s) => Type.Literal(s)));
const TicketFields = {
  id: Uuid,
  tenantCode: Type.String(),
  locationId: Uuid,
  queueId: Uuid,
  queueCode: Type.String(),
  queueName: Type.String(),
  date: LocalDate,
  number: Type.Integer(),
  displayCode: Type.String({ description: 'A-001' }),
  source: Type.Union([Type.Literal('walk_in'), Type.Literal('booking')]),
  bookingId: Nullable(Type.String()),
  priority: Type.Boolean(),
  status: TicketStatus,
  issuedAt: Timestamp,
  dueAt: Timestamp,
  counterId: Nullable(Type.String()),
  counterCode: Nullable(Type.String()),
  targetCounterId: Nullable(Type.String()),
  callCount: Type.Integer(),
  calledAt: Nullable(Timestamp),
  startedAt: Nullable(Timestamp),
  finishedAt: Nullable(Timestamp),
  applicationId: Nullable(Type.String()),
};
export const Ticket = Type.Object(TicketFields);
export type TicketType = Static<typeof Ticket>;
export const MaybeTicket = Type.Object({ ticket: Type.Union([Ticket, Type.Null()]) });

export const TicketStatusView = Type.Object({
  ...TicketFields,
  counterName: Nullable(Type.String()),
  locationName: Type.String(),
  timeZone: Type.String(),
  placesAhead: Type.Union([Type.Integer(), Type.Null()]),
  estimatedWaitMinutes: Type.Union([Type.Integer(), Type.Null()]),
});
export type TicketStatusViewType = Static<typeof TicketStatusView>;

export const Board = Type.Object({
  location: Type.Object({ id: Uuid, name: Type.String(), slug: Type.String(), timeZone: Type.String() }),
  date: LocalDate,
  calls: Type.Array(
    Type.Object({
      ticketId: Uuid,
      displayCode: Type.String(),
      counterCode: Type.String(),
      counterName: Type.String(),
      status: TicketStatus,
      callCount: Type.Integer(),
      calledAt: Timestamp,
    }),
  ),
  waiting: Type.Integer(),
});
export type BoardType = Static<typeof Board>;

export const Console = Type.Object({
  counter: Type.Object({ id: Uuid, code: Type.String(), name: Type.String(), locationId: Uuid, locationName: Type.String() }),
  date: LocalDate,
  queues: Type.Array(Type.Object({ ...Queue.properties, skill: Type.Boolean(), waiting: Type.Integer() })),
  counters: Type.Array(Type.Object({ id: Uuid, code: Type.String(), name: Type.String() })),
  current: Type.Union([Ticket, Type.Null()]),
  waiting: Type.Array(Ticket),
  waitingCount: Type.Integer(),
});
export type ConsoleType = Static<typeof Console>;

export const ConsoleCounters = Type.Object({
  items: Type.Array(Type.Object({ id: Uuid, code: Type.String(), name: Type.String(), queueIds: Type.Array(Uuid) })),
});

export const TransferBody = Type.Object(
  { queueId: Type.Optional(Uuid), counterId: Type.Optional(Uuid) },
  { additionalProperties: false, minProperties: 1 },
);
export const FinishBody = Type.Object({ applicationId: Type.Optional(Uuid) }, { additionalProperties: false });
export const LinkBody = Type.Object({ ticketId: Uuid, applicationId: Uuid }, { additionalProperties: false });

export const CreateQueueBody = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Z]{1,3}$' }),
    name: Type.String({ minLength: 2, maxLength: 200 }),
    agencyId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    slotMinutes: Type.Optional(Type.Integer({ minimum: 5, maximum: 240 })),
    slotQuota: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
    dailyQuota: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
    serviceIds: Type.Optional(Type.Array(Uuid, { maxItems: 200 })),
  },
  { additionalProperties: false },
);
export const UpdateQueueBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 2, maxLength: 200 })),
    slotMinutes: Type.Optional(Type.Integer({ minimum: 5, maximum: 240 })),
    slotQuota: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
    dailyQuota: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export const SkillsBody = Type.Object({ queueIds: Type.Array(Uuid, { maxItems: 50 }) }, { additionalProperties: false });
export const Skills = Type.Object({ counterId: Uuid, queueIds: Type.Array(Uuid) });

export const StatsQuery = Type.Object(
  { from: Type.Optional(LocalDate), to: Type.Optional(LocalDate) },
  { additionalProperties: false },
);
const Seconds = Type.Union([Type.Integer(), Type.Null()]);
export const Stats = Type.Object({
  locationId: Uuid,
  from: LocalDate,
  to: LocalDate,
  days: Type.Array(Type.Object({ date: LocalDate, issued: Type.Integer(), served: Type.Integer(), noShow: Type.Integer() })),
  queues: Type.Array(
    Type.Object({
      queueId: Uuid,
      queueCode: Type.String(),
      queueName: Type.String(),
      agencyId: Nullable(Type.String()),
      issued: Type.Integer(),
      served: Type.Integer(),
      noShow: Type.Integer(),
      averageWaitSeconds: Seconds,
      averageServiceSeconds: Seconds,
    }),
  ),
  agencies: Type.Array(
    Type.Object({ agencyId: Nullable(Type.String()), issued: Type.Integer(), served: Type.Integer(), noShow: Type.Integer() }),
  ),
  counters: Type.Array(
    Type.Object({ counterId: Uuid, counterCode: Type.String(), served: Type.Integer(), averageServiceSeconds: Seconds }),
  ),
  bookings: Type.Object({
    booked: Type.Integer(),
    checkedIn: Type.Integer(),
    cancelled: Type.Integer(),
    noShow: Type.Integer(),
  }),
});
export type StatsType = Static<typeof Stats>;
