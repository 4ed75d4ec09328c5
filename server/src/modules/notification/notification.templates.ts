import { formatDate, isLocalDate, TIME_ZONE_LABEL, type TimeZoneName } from '@layan/domain';
import type { ChannelKind } from './notification.channel.ts';

/** What a template produces; `html` only for e-mail. */
export interface RenderedMessage {
  subject: string;
  text: string;
  html?: string;
}

/** A message that can never be rendered (unknown template, missing or malformed data): it goes dead at once. */
export class TemplateError extends Error {
  override name = 'TemplateError';
}

export type TemplateLanguage = 'id' | 'en';

export interface RenderInput {
  template: string;
  language: TemplateLanguage;
  channel: ChannelKind;
  data: Record<string, unknown>;
  /** The tenant's zone; `data.timeZone` wins when present. Dates and times are shown in it. */
  timeZone?: TimeZoneName;
}

/** An SMS segment in the GSM-7 alphabet holds 160 characters; longer ones are split (and cost more). */
export const SMS_LIMIT = 160;

// GSM 03.38 basic alphabet (extension-table characters count twice and are avoided on purpose).
const GSM7 = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);

/** True when every character of `text` is in the GSM-7 basic alphabet (one SMS holds 160 of them). */
export function isGsm7(text: string): boolean {
  return [...text].every((c) => GSM7.has(c));
}

/** Names as people type them (curly quotes, dashes, accents) turned into plain GSM-7 text. */
export function toGsm7(text: string): string {
  const plain = text
    .replace(/[‘’‚‛′]/g, "'")
    .replace(/[“”„‟″]/g, '"')
    .replace(/[‐-―−]/g, '-')
    .replace(/…/g, '...')
    .replace(/\s+/g, ' ');
  return [...plain]
    .map((c) => (GSM7.has(c) ? c : c.normalize('NFD').replace(/\p{M}/gu, '')))
    .map((c) => (isGsm7(c) ? c : '?'))
    .join('');
}

const ZONES: readonly TimeZoneName[] = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'];

/** Reads the template's data, failing with a message an administrator can act on. */
class DataReader {
  constructor(
    private readonly template: string,
    private readonly data: Record<string, unknown>,
  ) {}

  text(key: string): string {
    const value = this.optional(key);
    if (value === undefined) throw new TemplateError(`template ${this.template} needs data.${key}`);
    return value;
  }

  optional(key: string): string | undefined {
    const value = this.data[key];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value === 'string') return value.trim();
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    throw new TemplateError(`template ${this.template}: data.${key} must be text`);
  }

  url(key: string): string {
    return this.checkUrl(key, this.text(key));
  }

  optionalUrl(key: string): string | undefined {
    const value = this.optional(key);
    return value === undefined ? undefined : this.checkUrl(key, value);
  }

  count(key: string): number {
    const value = Number(this.data[key]);
    if (this.data[key] === undefined || this.data[key] === null || !Number.isInteger(value) || value < 0) {
      throw new TemplateError(`template ${this.template} needs data.${key} as a whole number ≥ 0`);
    }
    return value;
  }

  private checkUrl(key: string, value: string): string {
    if (!/^https?:\/\/\S+$/.test(value))
      throw new TemplateError(`template ${this.template}: data.${key} must be an absolute URL`);
    return value;
  }
}

/**
 * A date for people: '2026-12-29' as it is (a local date), an ISO instant in the zone.
 * Indonesian "29 Desember 2026", English "29 December 2026"; SMS use short months ("29 Des 2026").
 */
function formatDay(
  value: string,
  c: { language: TemplateLanguage; timeZone: TimeZoneName | undefined; template: string },
  key: string,
  month: 'long' | 'short' = 'long',
) {
  const local = isLocalDate(value);
  const instant = local ? new Date(`${value}T00:00:00Z`) : new Date(value);
  if (!local && (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(instant.getTime()))) {
    throw new TemplateError(`template ${c.template}: data.${key} must be a date (YYYY-MM-DD) or an ISO timestamp`);
  }
  if (local && c.language === 'id' && month === 'long') return formatDate(value);
  // A local date is that day wherever it is read; an instant is shown in the tenant's zone.
  return new Intl.DateTimeFormat(c.language === 'id' ? 'id-ID' : 'en-GB', {
    timeZone: local ? 'UTC' : (c.timeZone ?? 'Asia/Jakarta'),
    day: 'numeric',
    month,
    year: 'numeric',
  }).format(instant);
}

/** '09:30' → "09.30 WIB" (Indonesian) / "09:30 WIB" (English); the zone label only when the zone is known. */
function formatClock(value: string, language: TemplateLanguage, timeZone: TimeZoneName | undefined, template: string) {
  const match = /^([01]\d|2[0-3])[:.]([0-5]\d)(?::[0-5]\d)?$/.exec(value);
  if (!match) throw new TemplateError(`template ${template}: data.time must be HH:MM`);
  const clock = `${match[1]}${language === 'id' ? '.' : ':'}${match[2]}`;
  return timeZone ? `${clock} ${TIME_ZONE_LABEL[timeZone]}` : clock;
}

/** An e-mail body as paragraphs; text and HTML are both made from it. */
type Paragraphs = string[];

const FOOTER: Record<TemplateLanguage, string> = {
  id: 'Pesan ini dikirim otomatis oleh Layan; mohon tidak membalas.',
  en: 'This message was sent automatically by Layan; please do not reply.',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function toHtml(paragraphs: Paragraphs, language: TemplateLanguage): string {
  const body = paragraphs
    .map((p) =>
      escapeHtml(p)
        .replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`)
        .replace(/\n/g, '<br>'),
    )
    .map((p) => `<p>${p}</p>`)
    .join('\n');
  return `<!doctype html>\n<html lang="${language}"><body>\n${body}\n</body></html>`;
}

interface Parts {
  subject: string;
  email: Paragraphs;
  /**
   * The SMS/WhatsApp text from its shortenable parts: called again with shorter values until the
   * text fits one GSM-7 SMS or nothing is left to shorten.
   */
  short: (fit: (value: string, key: string) => string) => string;
  /**
   * Which values `short` may shorten, first to go first: a service or place name (the code
   * identifies the case) before an officer's note (it says what the citizen must do).
   */
  shortenable: string[];
}

type Context = { language: TemplateLanguage; timeZone: TimeZoneName | undefined; read: DataReader; template: string };

const id = (c: Context) => c.language === 'id';

/** The templates, by id: the contract others enqueue against (docs/NOTIFICATIONS.md). */
const TEMPLATES: Record<string, (c: Context) => Parts> = {
  'application.submitted': (c) => {
    const code = c.read.text('trackingCode');
    const service = c.read.text('serviceName');
    // Optional although the contract lists them: a service without a service time has no due
    // date, and the message is worth sending anyway.
    const agency = c.read.optional('agencyName');
    const url = c.read.url('trackUrl');
    const dueDate = c.read.optional('dueDate');
    const due = dueDate === undefined ? undefined : formatDay(dueDate, c, 'dueDate');
    const dueShort = dueDate === undefined ? undefined : formatDay(dueDate, c, 'dueDate', 'short');
    return id(c)
      ? {
          subject: `Permohonan ${service} diterima (${code})`,
          email: [
            `Permohonan Anda untuk layanan ${service}${agency ? ` di ${agency}` : ''} telah kami terima.`,
            `Kode lacak: ${code}${due ? `\nPerkiraan selesai: paling lambat ${due}` : ''}`,
            `Pantau status permohonan Anda: ${url}`,
          ],
          short: (fit) =>
            `Layan: Permohonan ${fit(service, 'service')} diterima, kode ${code}.${dueShort ? ` Selesai paling lambat ${dueShort}.` : ''} ${url}`,
          shortenable: ['service'],
        }
      : {
          subject: `Application for ${service} received (${code})`,
          email: [
            `We have received your application for ${service}${agency ? ` at ${agency}` : ''}.`,
            `Tracking code: ${code}${due ? `\nExpected completion: by ${due}` : ''}`,
            `Follow your application: ${url}`,
          ],
          short: (fit) =>
            `Layan: Application for ${fit(service, 'service')} received, code ${code}.${dueShort ? ` Due by ${dueShort}.` : ''} ${url}`,
          shortenable: ['service'],
        };
  },
  'application.status_changed': (c) => {
    const code = c.read.text('trackingCode');
    const service = c.read.text('serviceName');
    c.read.text('status');
    const label = c.read.text(id(c) ? 'statusLabelId' : 'statusLabelEn');
    const note = c.read.optional('note');
    const url = c.read.url('trackUrl');
    return id(c)
      ? {
          subject: `Status permohonan ${code}: ${label}`,
          email: [
            `Status permohonan Anda untuk layanan ${service} (kode ${code}) kini: ${label}.`,
            ...(note ? [`Catatan petugas: ${note}`] : []),
            `Lihat rinciannya: ${url}`,
          ],
          short: (fit) =>
            `Layan: Permohonan ${code} (${fit(service, 'service')}) kini ${label}.${note ? ` ${fit(note, 'note')}` : ''} ${url}`,
          shortenable: ['service', 'note'],
        }
      : {
          subject: `Application ${code} status: ${label}`,
          email: [
            `Your application for ${service} (code ${code}) is now: ${label}.`,
            ...(note ? [`Officer's note: ${note}`] : []),
            `See the details: ${url}`,
          ],
          short: (fit) =>
            `Layan: Application ${code} (${fit(service, 'service')}) is now ${label}.${note ? ` ${fit(note, 'note')}` : ''} ${url}`,
          shortenable: ['service', 'note'],
        };
  },
  'application.returned': (c) => {
    const code = c.read.text('trackingCode');
    const service = c.read.text('serviceName');
    // The officer's note says what to fix; a workflow that does not ask for one still sends the link.
    const note = c.read.optional('note');
    const url = c.read.url('trackUrl');
    return id(c)
      ? {
          subject: `Permohonan ${code} perlu dilengkapi`,
          email: [
            `Permohonan Anda untuk layanan ${service} (kode ${code}) dikembalikan agar Anda lengkapi atau perbaiki.`,
            note ? `Yang perlu diperbaiki: ${note}` : 'Rincian yang perlu diperbaiki ada di halaman permohonan Anda.',
            `Perbaiki permohonan Anda di: ${url}`,
          ],
          short: (fit) =>
            `Layan: Permohonan ${code} (${fit(service, 'service')}) perlu diperbaiki${note ? `: ${fit(note, 'note')}` : '.'} ${url}`,
          shortenable: ['service', 'note'],
        }
      : {
          subject: `Application ${code} needs more from you`,
          email: [
            `Your application for ${service} (code ${code}) was returned for you to complete or correct.`,
            note ? `What to fix: ${note}` : 'What to fix is on your application’s page.',
            `Fix your application at: ${url}`,
          ],
          short: (fit) =>
            `Layan: Application ${code} (${fit(service, 'service')}) needs fixing${note ? `: ${fit(note, 'note')}` : '.'} ${url}`,
          shortenable: ['service', 'note'],
        };
  },
  'application.completed': (c) => {
    const code = c.read.text('trackingCode');
    const service = c.read.text('serviceName');
    const url = c.read.url('trackUrl');
    const documentUrl = c.read.optionalUrl('documentUrl');
    return id(c)
      ? {
          subject: `Permohonan ${code} selesai`,
          email: [
            `Permohonan Anda untuk layanan ${service} (kode ${code}) telah selesai.`,
            ...(documentUrl ? [`Unduh dokumen Anda: ${documentUrl}`] : []),
            `Lihat rinciannya: ${url}`,
          ],
          short: (fit) =>
            `Layan: Permohonan ${code} (${fit(service, 'service')}) selesai. ${documentUrl ? `Unduh: ${documentUrl}` : url}`,
          shortenable: ['service'],
        }
      : {
          subject: `Application ${code} completed`,
          email: [
            `Your application for ${service} (code ${code}) is complete.`,
            ...(documentUrl ? [`Download your document: ${documentUrl}`] : []),
            `See the details: ${url}`,
          ],
          short: (fit) =>
            `Layan: Application ${code} (${fit(service, 'service')}) is complete. ${documentUrl ? `Download: ${documentUrl}` : url}`,
          shortenable: ['service'],
        };
  },
  'application.rejected': (c) => {
    const code = c.read.text('trackingCode');
    const service = c.read.text('serviceName');
    const note = c.read.optional('note');
    const url = c.read.url('trackUrl');
    return id(c)
      ? {
          subject: `Permohonan ${code} ditolak`,
          email: [
            `Mohon maaf, permohonan Anda untuk layanan ${service} (kode ${code}) ditolak.`,
            ...(note ? [`Alasan: ${note}`] : []),
            `Lihat rinciannya, termasuk cara mengajukan pengaduan: ${url}`,
          ],
          short: (fit) =>
            `Layan: Permohonan ${code} (${fit(service, 'service')}) ditolak.${note ? ` Alasan: ${fit(note, 'note')}` : ''} ${url}`,
          shortenable: ['service', 'note'],
        }
      : {
          subject: `Application ${code} rejected`,
          email: [
            `We are sorry: your application for ${service} (code ${code}) was rejected.`,
            ...(note ? [`Reason: ${note}`] : []),
            `See the details, including how to complain: ${url}`,
          ],
          short: (fit) =>
            `Layan: Application ${code} (${fit(service, 'service')}) rejected.${note ? ` Reason: ${fit(note, 'note')}` : ''} ${url}`,
          shortenable: ['service', 'note'],
        };
  },
  'complaint.received': (c) => {
    const code = c.read.text('trackingCode');
    const title = c.read.text('title');
    const url = c.read.url('trackUrl');
    const dueDate = c.read.text('verifyDueDate');
    const due = formatDay(dueDate, c, 'verifyDueDate');
    const dueShort = formatDay(dueDate, c, 'verifyDueDate', 'short');
    return id(c)
      ? {
          subject: `Pengaduan Anda diterima (${code})`,
          email: [
            `Pengaduan Anda "${title}" telah kami terima.`,
            `Kode lacak: ${code}\nDiverifikasi paling lambat: ${due}`,
            `Pantau tindak lanjutnya: ${url}`,
          ],
          short: (fit) => `Layan: Pengaduan "${fit(title, 'title')}" diterima, kode ${code}. Verifikasi s.d. ${dueShort}. ${url}`,
          shortenable: ['title'],
        }
      : {
          subject: `Your complaint was received (${code})`,
          email: [
            `We have received your complaint "${title}".`,
            `Tracking code: ${code}\nVerified by: ${due}`,
            `Follow it up: ${url}`,
          ],
          short: (fit) => `Layan: Complaint "${fit(title, 'title')}" received, code ${code}. Verified by ${dueShort}. ${url}`,
          shortenable: ['title'],
        };
  },
  'complaint.answered': (c) => {
    const code = c.read.text('trackingCode');
    const title = c.read.text('title');
    const agency = c.read.optional('agencyName');
    const url = c.read.url('trackUrl');
    const reopen = c.read.optional('reopenUntil');
    const until = reopen === undefined ? undefined : formatDay(reopen, c, 'reopenUntil');
    const untilShort = reopen === undefined ? undefined : formatDay(reopen, c, 'reopenUntil', 'short');
    return id(c)
      ? {
          subject: `Pengaduan ${code} telah dijawab`,
          email: [
            `Pengaduan Anda "${title}" (kode ${code}) telah dijawab${agency ? ` oleh ${agency}` : ''}.`,
            `Baca jawabannya dan beri penilaian: ${url}`,
            ...(until ? [`Jika belum puas, Anda dapat membuka kembali pengaduan ini sampai ${until}.`] : []),
          ],
          short: (fit) =>
            `Layan: Pengaduan ${code} ("${fit(title, 'title')}") dijawab.${untilShort ? ` Belum puas? Buka lagi s.d. ${untilShort}.` : ''} ${url}`,
          shortenable: ['title'],
        }
      : {
          subject: `Complaint ${code} has been answered`,
          email: [
            `Your complaint "${title}" (code ${code}) has been answered${agency ? ` by ${agency}` : ''}.`,
            `Read the answer and rate it: ${url}`,
            ...(until ? [`If you are not satisfied, you can reopen it until ${until}.`] : []),
          ],
          short: (fit) =>
            `Layan: Complaint ${code} ("${fit(title, 'title')}") answered.${untilShort ? ` Not satisfied? Reopen by ${untilShort}.` : ''} ${url}`,
          shortenable: ['title'],
        };
  },
  'survey.invitation': (c) => {
    const title = c.read.text('surveyTitle');
    const agency = c.read.optional('agencyName');
    const url = c.read.url('surveyUrl');
    const expires = c.read.optional('expiresAt');
    const until = expires === undefined ? undefined : formatDay(expires, c, 'expiresAt');
    const untilShort = expires === undefined ? undefined : formatDay(expires, c, 'expiresAt', 'short');
    return id(c)
      ? {
          subject: `Bagaimana layanan ${agency ?? 'kami'}? Isi survei kepuasan`,
          email: [
            `Terima kasih telah menggunakan layanan${agency ? ` ${agency}` : ''}. Mohon luangkan dua menit untuk mengisi "${title}": penilaian Anda membantu memperbaiki layanan.`,
            `Isi survei: ${url}${until ? `\nBerlaku sampai ${until}.` : ''}`,
          ],
          short: (fit) =>
            `Layan: Bagaimana layanan ${fit(agency ?? 'kami', 'agency')}? Isi survei kepuasan (2 menit)${untilShort ? ` s.d. ${untilShort}` : ''}: ${url}`,
          shortenable: ['agency'],
        }
      : {
          subject: `How was ${agency ?? 'our service'}? Take the satisfaction survey`,
          email: [
            `Thank you for using${agency ? ` ${agency}` : ' our service'}. Please take two minutes to fill in "${title}": your rating helps improve the service.`,
            `Take the survey: ${url}${until ? `\nOpen until ${until}.` : ''}`,
          ],
          short: (fit) =>
            `Layan: How was ${fit(agency ?? 'our service', 'agency')}? Take the 2-minute survey${untilShort ? ` by ${untilShort}` : ''}: ${url}`,
          shortenable: ['agency'],
        };
  },
  'booking.confirmed': (c) => booking(c, false),
  'booking.reminder': (c) => booking(c, true),
  'queue.near': (c) => {
    const ticket = c.read.text('ticketNumber');
    const ahead = c.read.count('placesAhead');
    const location = c.read.text('locationName');
    if (id(c)) {
      const when = ahead === 0 ? 'giliran Anda berikutnya' : `tinggal ${ahead} orang lagi sebelum giliran Anda`;
      return {
        subject: `Antrean ${ticket}: segera tiba giliran Anda`,
        email: [`Nomor antrean ${ticket} di ${location}: ${when}.`, 'Mohon bersiap di dekat loket.'],
        short: (fit) => `Layan: Antrean ${ticket} di ${fit(location, 'location')}: ${when}. Mohon bersiap di dekat loket.`,
        shortenable: ['location'],
      };
    }
    const when = ahead === 0 ? 'you are next' : `${ahead} ${ahead === 1 ? 'person' : 'people'} ahead of you`;
    return {
      subject: `Queue ${ticket}: your turn is near`,
      email: [`Ticket ${ticket} at ${location}: ${when}.`, 'Please wait near the counter.'],
      short: (fit) => `Layan: Ticket ${ticket} at ${fit(location, 'location')}: ${when}. Please wait near the counter.`,
      shortenable: ['location'],
    };
  },
};

function booking(c: Context, reminder: boolean): Parts {
  const code = c.read.text('bookingCode');
  const service = c.read.text('serviceName');
  const location = c.read.text('locationName');
  const day = c.read.text('date');
  const date = formatDay(day, c, 'date');
  const dateShort = formatDay(day, c, 'date', 'short');
  const time = formatClock(c.read.text('time'), c.language, c.timeZone, c.template);
  const url = c.read.url('manageUrl');
  if (id(c)) {
    return {
      subject: `${reminder ? 'Pengingat janji temu' : 'Janji temu terkonfirmasi'}: ${service}, ${date} ${time}`,
      email: [
        reminder
          ? `Kami mengingatkan janji temu Anda untuk layanan ${service}.`
          : `Janji temu Anda untuk layanan ${service} telah terkonfirmasi.`,
        `Tempat: ${location}\nWaktu: ${date} pukul ${time}\nKode janji temu: ${code}`,
        `Datanglah 10 menit lebih awal dan bawa persyaratannya. Ubah atau batalkan: ${url}`,
      ],
      short: (fit) =>
        `Layan: ${reminder ? 'Ingat janji temu' : 'Janji temu'} ${fit(service, 'service')}: ${dateShort} ${time}, ${fit(location, 'location')}. Kode ${code}. ${url}`,
      shortenable: ['location', 'service'],
    };
  }
  return {
    subject: `${reminder ? 'Appointment reminder' : 'Appointment confirmed'}: ${service}, ${date} ${time}`,
    email: [
      reminder ? `A reminder of your appointment for ${service}.` : `Your appointment for ${service} is confirmed.`,
      `Place: ${location}\nTime: ${date} at ${time}\nAppointment code: ${code}`,
      `Please come 10 minutes early and bring the requirements. Change or cancel: ${url}`,
    ],
    short: (fit) =>
      `Layan: ${reminder ? 'Reminder: appointment' : 'Appointment'} ${fit(service, 'service')}: ${dateShort} ${time}, ${fit(location, 'location')}. Code ${code}. ${url}`,
    shortenable: ['location', 'service'],
  };
}

/** The template ids Layan knows (the contract in docs/NOTIFICATIONS.md). */
export const TEMPLATE_IDS: readonly string[] = Object.keys(TEMPLATES);

const MIN_SHORTENED = 12;

/**
 * The SMS text: whole when it fits one GSM-7 SMS; otherwise the free-text values (a note, then a
 * service or place name) are cut, with "...", until it fits or they are down to a few characters.
 * A long URL can still make it longer than one SMS; it is then sent as a multi-part SMS.
 */
function shortText(parts: Parts): string {
  const limits = new Map<string, number>();
  const lengths = new Map<string, number>();
  const fit = (value: string, key: string) => {
    let plain = toGsm7(value).trim();
    // A note is a sentence of its own inside the SMS.
    if (key === 'note' && !/[.!?]$/.test(plain)) plain = `${plain}.`;
    lengths.set(key, plain.length);
    const limit = limits.get(key);
    if (limit === undefined || plain.length <= limit) return plain;
    // Cut at a word when one ends near the limit: "Foto KTP ayah buram..." rather than "…buram; m...".
    const cut = plain.slice(0, limit + 1);
    const space = cut.lastIndexOf(' ');
    const kept = space > limit * 0.6 ? cut.slice(0, space) : plain.slice(0, limit);
    return `${kept.replace(/[\s.,;:]+$/, '')}...`;
  };
  const render = () => toGsm7(parts.short(fit)).replace(/\.{4,}/g, '...');
  let text = render();
  for (const key of parts.shortenable) {
    if (text.length <= SMS_LIMIT) break;
    const length = lengths.get(key);
    if (length === undefined) continue;
    const limit = Math.max(MIN_SHORTENED, length - (text.length - SMS_LIMIT) - 3);
    if (limit >= length) continue;
    limits.set(key, limit);
    text = render();
  }
  return text;
}

/**
 * Renders a message; throws TemplateError for an unknown template or missing/malformed data (the
 * worker then marks the message dead with that error, since no retry can fix it).
 */
export function renderTemplate(input: RenderInput): RenderedMessage {
  const build = TEMPLATES[input.template];
  if (!build) throw new TemplateError(`unknown template ${input.template}`);
  if (input.language !== 'id' && input.language !== 'en') throw new TemplateError(`unknown language ${String(input.language)}`);
  const zone = input.data.timeZone;
  if (zone !== undefined && !ZONES.includes(zone as TimeZoneName)) {
    throw new TemplateError(`template ${input.template}: data.timeZone must be one of ${ZONES.join(', ')}`);
  }
  const parts = build({
    language: input.language,
    timeZone: (zone as TimeZoneName | undefined) ?? input.timeZone,
    read: new DataReader(input.template, input.data),
    template: input.template,
  });
  if (input.channel !== 'email') return { subject: parts.subject, text: shortText(parts) };
  const paragraphs = [...parts.email, FOOTER[input.language]];
  return { subject: parts.subject, text: `${paragraphs.join('\n\n')}\n`, html: toHtml(paragraphs, input.language) };
}
