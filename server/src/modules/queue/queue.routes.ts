import type { FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { Deps } from '../../deps.ts';
import { errorResponses } from '../../http/openapi.ts';
import type { App } from '../../http/types.ts';
import { LANGUAGE_COOKIE, pickLanguage } from '../../lib/language.ts';
import { requestContext } from '../identity/identity.plugin.ts';
import * as counters from './queue.counter.service.ts';
import { createQueueEventBus, type QueueEvent } from './queue.events.ts';
import {
  Board,
  Booking,
  CheckInBody,
  CodeParams,
  Console,
  ConsoleCounters,
  CounterParams,
  CounterTicketParams,
  CreateBookingBody,
  CreateQueueBody,
  FinishBody,
  LinkBody,
  LocationParams,
  LocationQueues,
  MaybeTicket,
  Queue,
  QueueParams,
  RescheduleBody,
  Skills,
  SkillsBody,
  Slots,
  SlotsQuery,
  Stats,
  StatsQuery,
  Ticket,
  TicketParams,
  TicketStatusView,
  TransferBody,
  UpdateQueueBody,
  WalkInBody,
} from './queue.schemas.ts';
import * as service from './queue.service.ts';
import type { PublicCaller } from './queue.views.ts';

const READ_ERRORS = errorResponses(400, 404, 500);
const PUBLIC_WRITE_ERRORS = errorResponses(400, 404, 409, 413, 415, 500);
const STAFF_READ_ERRORS = errorResponses(400, 401, 403, 404, 500);
const STAFF_WRITE_ERRORS = errorResponses(400, 401, 403, 404, 409, 413, 415, 500);

/** Heartbeat of the event stream: keeps proxies from closing an idle connection. */
const HEARTBEAT_MS = 15_000;
/** How often each process runs the booking job (reminders, no-shows); the first run is a minute after start. */
const BOOKING_JOB_MS = 60 * 60_000;

function publicCaller(request: FastifyRequest): PublicCaller {
  return {
    context: requestContext(request),
    language: pickLanguage(request.headers['accept-language'], request.cookies?.[LANGUAGE_COOKIE]),
    ...(request.citizen ? { citizenId: request.citizen.citizenId } : {}),
  };
}

const staff = (request: FastifyRequest): counters.StaffCaller => ({
  principal: request.principal,
  context: requestContext(request),
});

/** Queues of a service location: booking, kiosk, counter console, display board (docs/QUEUE.md). */
export function queueRoutes(deps: Deps) {
  const { db } = deps.database;
  const publicUrl = deps.env.publicUrl;
  return async function register(app: App) {
    const bus = createQueueEventBus(deps.database, deps.env.databaseUrl);
    const consoleDeps = { db, bus };
    const streams = new Set<() => void>();
    let jobTimer: NodeJS.Timeout | undefined;
    const runJob = () => {
      service
        .runBookingJobs(db, { publicUrl })
        .catch((error: unknown) => app.log.error({ err: error }, 'queue booking job failed'));
    };
    app.addHook('onReady', async () => {
      jobTimer = setTimeout(function tick() {
        runJob();
        jobTimer = setTimeout(tick, BOOKING_JOB_MS).unref();
      }, 60_000).unref();
    });
    // Open event streams would keep the server from closing: end them first.
    app.addHook('preClose', async () => {
      for (const stop of [...streams]) stop();
    });
    app.addHook('onClose', async () => {
      if (jobTimer) clearTimeout(jobTimer);
      await bus.close();
    });

    // ---- public: booking page, kiosk, ticket, board ----

    app.get(
      '/queue/locations/:location',
      {
        schema: {
          tags: ['queue'],
          summary: 'A location’s queues, their services and the next bookable dates (public)',
          params: LocationParams,
          response: { 200: LocationQueues, ...READ_ERRORS },
        },
      },
      async (request) => service.getLocationQueues(db, request.params.location),
    );

    app.get(
      '/queue/locations/:location/slots',
      {
        schema: {
          tags: ['queue'],
          summary: 'Booking slots of a queue on a date, with places left (public)',
          description:
            'Slots follow the location’s opening hours and the holiday calendar (closed on weekends, libur nasional and cuti bersama).',
          params: LocationParams,
          querystring: SlotsQuery,
          response: { 200: Slots, ...READ_ERRORS },
        },
      },
      async (request) =>
        service.getSlots(db, { locationId: request.params.location, queueId: request.query.queue, date: request.query.date }),
    );

    app.post(
      '/queue/locations/:location/bookings',
      {
        schema: {
          tags: ['queue'],
          summary: 'Book a slot (anonymous with a phone or e-mail, or as the signed-in citizen)',
          description:
            'The booking code is sent by SMS and/or e-mail (template booking.confirmed); a reminder follows the day before.',
          params: LocationParams,
          body: CreateBookingBody,
          response: { 201: Booking, ...PUBLIC_WRITE_ERRORS },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await service.createBooking(db, publicCaller(request), {
            locationId: request.params.location,
            input: request.body,
            publicUrl,
          }),
        ),
    );

    app.get(
      '/queue/bookings/:code',
      {
        schema: {
          tags: ['queue'],
          summary: 'A booking by its code (whoever holds the code)',
          params: CodeParams,
          response: { 200: Booking, ...READ_ERRORS },
        },
      },
      async (request) => service.getBooking(db, request.params.code),
    );

    app.get(
      '/queue/bookings/:code/qr.svg',
      {
        schema: {
          tags: ['queue'],
          summary: 'The booking code as a QR image, to show at the kiosk',
          params: CodeParams,
          response: {
            200: { description: 'SVG image', content: { 'image/svg+xml': { schema: { type: 'string' } } } },
            ...READ_ERRORS,
          },
        },
      },
      async (request, reply) => {
        const booking = await service.getBooking(db, request.params.code);
        const svg = await QRCode.toString(booking.code, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
        return reply.type('image/svg+xml').header('cache-control', 'no-store').send(Buffer.from(svg));
      },
    );

    app.post(
      '/queue/bookings/:code/cancel',
      {
        schema: {
          tags: ['queue'],
          summary: 'Cancel a booking',
          params: CodeParams,
          response: { 200: Booking, ...PUBLIC_WRITE_ERRORS },
        },
      },
      async (request) => service.cancelBooking(db, publicCaller(request), request.params.code),
    );

    app.post(
      '/queue/bookings/:code/reschedule',
      {
        schema: {
          tags: ['queue'],
          summary: 'Move a booking to another date and time of the same queue',
          params: CodeParams,
          body: RescheduleBody,
          response: { 200: Booking, ...PUBLIC_WRITE_ERRORS },
        },
      },
      async (request) =>
        service.rescheduleBooking(db, publicCaller(request), { code: request.params.code, ...request.body, publicUrl }),
    );

    app.post(
      '/queue/locations/:location/tickets',
      {
        schema: {
          tags: ['queue'],
          summary: 'Take a walk-in ticket (kiosk)',
          params: LocationParams,
          body: WalkInBody,
          response: { 201: Ticket, ...PUBLIC_WRITE_ERRORS },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await service.issueWalkInTicket(db, publicCaller(request), {
            locationId: request.params.location,
            queueId: request.body.queueId,
            priority: request.body.priority,
          }),
        ),
    );

    app.post(
      '/queue/locations/:location/check-in',
      {
        schema: {
          tags: ['queue'],
          summary: 'Check a booking in by its code or QR, on its day at its location; issues its ticket',
          params: LocationParams,
          body: CheckInBody,
          response: { 201: Ticket, ...PUBLIC_WRITE_ERRORS },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await service.checkInBooking(db, publicCaller(request), {
            locationId: request.params.location,
            code: request.body.code,
          }),
        ),
    );

    app.get(
      '/queue/tickets/:ticket',
      {
        schema: {
          tags: ['queue'],
          summary: 'A ticket’s state: places ahead and estimated wait (public; the id is on the printed ticket)',
          params: TicketParams,
          response: { 200: TicketStatusView, ...READ_ERRORS },
        },
      },
      async (request) => service.getTicketStatus(db, request.params.ticket),
    );

    app.get(
      '/queue/locations/:location/board',
      {
        schema: {
          tags: ['queue'],
          summary: 'The display board: tickets being called or served now (public)',
          params: LocationParams,
          response: { 200: Board, ...READ_ERRORS },
        },
      },
      async (request) => service.getBoard(db, request.params.location),
    );

    app.get(
      '/queue/locations/:location/events',
      {
        schema: {
          tags: ['queue'],
          summary: 'Live calls at a location (Server-Sent Events)',
          description:
            'A `text/event-stream`. First event `board` (the Board object), then one event per change: `call`, `recall`, ' +
            '`serving`, `done`, `no_show`, `transfer`, each with a JSON QueueEvent ' +
            '{type, locationId, ticketId, displayCode, queueCode, number, counterCode, counterName, callCount, at}. ' +
            'Calls made by any server process arrive (PostgreSQL LISTEN/NOTIFY). A comment line every 15 s keeps the connection open.',
          params: LocationParams,
          response: {
            200: {
              description: 'The event stream',
              content: { 'text/event-stream': { schema: { type: 'string', description: 'event: <type>\\ndata: <JSON>\\n\\n' } } },
            },
            ...READ_ERRORS,
          },
        },
      },
      async (request: FastifyRequest<{ Params: { location: string } }>, reply: FastifyReply) => {
        const locationId = request.params.location;
        // Fails with LOCATION_NOT_FOUND before the stream starts.
        await service.getBoard(db, locationId);
        const raw = reply.raw;
        const queued: QueueEvent[] = [];
        let ready = false;
        const send = (event: QueueEvent) => {
          if (!ready) queued.push(event);
          else raw.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
        };
        // Listen before reading the board, so no call falls between the two.
        const unsubscribe = await bus.subscribe(locationId, send);
        reply.hijack();
        raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
          'x-request-id': request.id,
        });
        const heartbeat = setInterval(() => raw.write(': ping\n\n'), HEARTBEAT_MS);
        const stop = () => {
          clearInterval(heartbeat);
          unsubscribe();
          streams.delete(stop);
          if (!raw.writableEnded) raw.end();
        };
        streams.add(stop);
        request.raw.on('close', stop);
        try {
          const board = await service.getBoard(db, locationId);
          raw.write(`retry: 2000\n\nevent: board\ndata: ${JSON.stringify(board)}\n\n`);
          ready = true;
          for (const event of queued.splice(0)) send(event);
        } catch (error) {
          request.log.error({ err: error }, 'queue event stream failed');
          stop();
        }
      },
    );

    // ---- staff: counter console ----

    app.get(
      '/queue/locations/:location/counters',
      {
        schema: {
          tags: ['queue'],
          summary: 'The counters of a location with their skills (staff)',
          params: LocationParams,
          response: { 200: ConsoleCounters, ...STAFF_READ_ERRORS },
        },
      },
      async (request) => ({ items: await counters.listConsoleCounters(db, staff(request), request.params.location) }),
    );

    app.get(
      '/queue/counters/:counter',
      {
        schema: {
          tags: ['queue'],
          summary: 'Counter console: the counter, its current ticket, the tickets waiting for it',
          params: CounterParams,
          response: { 200: Console, ...STAFF_READ_ERRORS },
        },
      },
      async (request) => counters.getConsole(db, staff(request), request.params.counter),
    );

    const consoleWrite = (summary: string, description?: string) => ({
      tags: ['queue'],
      summary,
      ...(description ? { description } : {}),
      params: CounterParams,
      response: { 200: Ticket, ...STAFF_WRITE_ERRORS },
    });

    app.post(
      '/queue/counters/:counter/call-next',
      {
        schema: {
          ...consoleWrite(
            'Call the next ticket',
            'By the counter’s skills, then: transferred to this counter, priority, due time (bookings at their slot), number. ' +
              'Concurrent counters never receive the same ticket. `ticket` is null when nobody waits for this counter.',
          ),
          response: { 200: MaybeTicket, ...STAFF_WRITE_ERRORS },
        },
      },
      async (request) => ({ ticket: await counters.callNext(consoleDeps, staff(request), request.params.counter) }),
    );
    app.post(
      '/queue/counters/:counter/call/:ticket',
      {
        schema: {
          tags: ['queue'],
          summary: 'Call one waiting ticket by id',
          params: CounterTicketParams,
          response: { 200: Ticket, ...STAFF_WRITE_ERRORS },
        },
      },
      async (request) => (await counters.callTicket(consoleDeps, staff(request), request.params.counter, request.params.ticket))!,
    );
    app.post(
      '/queue/counters/:counter/recall',
      { schema: consoleWrite('Announce the called ticket again', 'After 3 calls the next recall records a no-show.') },
      async (request) => (await counters.recall(consoleDeps, staff(request), request.params.counter))!,
    );
    app.post(
      '/queue/counters/:counter/no-show',
      { schema: consoleWrite('Record the called ticket as absent') },
      async (request) => (await counters.markNoShow(consoleDeps, staff(request), request.params.counter))!,
    );
    app.post(
      '/queue/counters/:counter/start',
      { schema: consoleWrite('The citizen arrived: start service') },
      async (request) => (await counters.startService(consoleDeps, staff(request), request.params.counter))!,
    );
    app.post(
      '/queue/counters/:counter/finish',
      { schema: { ...consoleWrite('Finish service, optionally linking the application started'), body: FinishBody } },
      async (request) =>
        (await counters.finishService(consoleDeps, staff(request), request.params.counter, request.body?.applicationId))!,
    );
    app.post(
      '/queue/counters/:counter/transfer',
      {
        schema: {
          ...consoleWrite('Send the ticket to another queue or counter; it keeps its number and place'),
          body: TransferBody,
        },
      },
      async (request) => (await counters.transferTicket(consoleDeps, staff(request), request.params.counter, request.body))!,
    );
    app.post(
      '/queue/counters/:counter/link',
      { schema: { ...consoleWrite('Link a ticket of this location to an application (permohonan)'), body: LinkBody } },
      async (request) => (await counters.linkApplication(consoleDeps, staff(request), request.params.counter, request.body))!,
    );

    // ---- staff: setup and statistics ----

    app.post(
      '/queue/locations/:location/queues',
      {
        schema: {
          tags: ['queue'],
          summary: 'Add a queue at a location',
          params: LocationParams,
          body: CreateQueueBody,
          response: { 201: Queue, ...STAFF_WRITE_ERRORS },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await counters.createQueue(db, staff(request), request.params.location, request.body)),
    );
    app.patch(
      '/queue/queues/:queue',
      {
        schema: {
          tags: ['queue'],
          summary: 'Change a queue’s name, quotas or slot length, or close it',
          params: QueueParams,
          body: UpdateQueueBody,
          response: { 200: Queue, ...STAFF_WRITE_ERRORS },
        },
      },
      async (request) => counters.updateQueue(db, staff(request), request.params.queue, request.body),
    );
    app.put(
      '/queue/counters/:counter/skills',
      {
        schema: {
          tags: ['queue'],
          summary: 'Set the queues a counter calls from',
          params: CounterParams,
          body: SkillsBody,
          response: { 200: Skills, ...STAFF_WRITE_ERRORS },
        },
      },
      async (request) => counters.setCounterSkills(db, staff(request), request.params.counter, request.body.queueIds),
    );
    app.get(
      '/queue/locations/:location/stats',
      {
        schema: {
          tags: ['queue'],
          summary: 'Waiting and service times per queue, agency, counter and day; booked vs served vs no-show',
          params: LocationParams,
          querystring: StatsQuery,
          response: { 200: Stats, ...STAFF_READ_ERRORS },
        },
      },
      async (request) => counters.getStats(db, staff(request), { locationId: request.params.location, ...request.query }),
    );
  };
}
