import { describe, expect, it } from 'vitest';
import { isGsm7, renderTemplate, SMS_LIMIT, TEMPLATE_IDS, TemplateError, toGsm7 } from './notification.templates.ts';

const BASE = 'https://layan.banyuwangikab.go.id';
const TRACK = `${BASE}/lacak/BWI-2611-0042`;
const APPLICATION = { trackingCode: 'BWI-2611-0042', serviceName: 'Penerbitan Akta Kelahiran', trackUrl: TRACK };
const BOOKING = {
  bookingCode: 'JT-7K3Q',
  serviceName: 'Perekaman KTP-el',
  locationName: 'Mal Pelayanan Publik Banyuwangi',
  date: '2026-11-30',
  time: '09:30',
  manageUrl: `${BASE}/janji/JT-7K3Q`,
};

/** Realistic data for every template of the contract (docs/NOTIFICATIONS.md). */
const DATA: Record<string, Record<string, unknown>> = {
  'application.submitted': { ...APPLICATION, agencyName: 'Dinas Kependudukan dan Pencatatan Sipil', dueDate: '2026-12-29' },
  'application.status_changed': {
    ...APPLICATION,
    status: 'in_review',
    statusLabelId: 'sedang diperiksa',
    statusLabelEn: 'under review',
    note: 'Berkas lengkap, menunggu tanda tangan kepala dinas',
  },
  'application.returned': { ...APPLICATION, note: 'Foto KTP ayah buram; mohon unggah ulang yang jelas' },
  'application.completed': { ...APPLICATION, documentUrl: `${BASE}/dokumen/8f1c2d` },
  'application.rejected': { ...APPLICATION, note: 'Kelahiran sudah tercatat di Kabupaten Jember' },
  'booking.confirmed': BOOKING,
  'booking.reminder': BOOKING,
  'queue.near': { ticketNumber: 'A-017', placesAhead: 3, locationName: 'Mal Pelayanan Publik Banyuwangi' },
  // Enqueued by the complaints and SKM modules (docs/COMPLAINTS.md, docs/SKM.md).
  'complaint.received': {
    trackingCode: 'ADU-7K3Q9P',
    title: 'Lampu jalan di Jalan Ahmad Yani mati sejak seminggu',
    trackUrl: `${BASE}/pengaduan/lacak/ADU-7K3Q9P`,
    verifyDueDate: '2026-11-25',
    timeZone: 'Asia/Jakarta',
  },
  'complaint.answered': {
    trackingCode: 'ADU-7K3Q9P',
    title: 'Lampu jalan di Jalan Ahmad Yani mati sejak seminggu',
    agencyName: 'Dinas Perhubungan',
    trackUrl: `${BASE}/pengaduan/lacak/ADU-7K3Q9P`,
    reopenUntil: '2026-12-09',
    timeZone: 'Asia/Jakarta',
  },
  'survey.invitation': {
    surveyTitle: 'Survei Kepuasan Masyarakat Semester II 2026',
    agencyName: 'Dinas Kependudukan dan Pencatatan Sipil',
    surveyUrl: `${BASE}/survei/abcdEFGH1234`,
    expiresAt: '2026-12-06T10:00:00.000Z',
    timeZone: 'Asia/Jakarta',
  },
};

/** Keys each template cannot do without. */
const REQUIRED: Record<string, string[]> = {
  'application.submitted': ['trackingCode', 'serviceName', 'trackUrl'],
  'application.status_changed': ['trackingCode', 'serviceName', 'status', 'statusLabelId', 'trackUrl'],
  'application.returned': ['trackingCode', 'serviceName', 'trackUrl'],
  'application.completed': ['trackingCode', 'serviceName', 'trackUrl'],
  'application.rejected': ['trackingCode', 'serviceName', 'trackUrl'],
  'booking.confirmed': ['bookingCode', 'serviceName', 'locationName', 'date', 'time', 'manageUrl'],
  'booking.reminder': ['bookingCode', 'serviceName', 'locationName', 'date', 'time', 'manageUrl'],
  'queue.near': ['ticketNumber', 'placesAhead', 'locationName'],
  'complaint.received': ['trackingCode', 'title', 'trackUrl', 'verifyDueDate'],
  'complaint.answered': ['trackingCode', 'title', 'trackUrl'],
  'survey.invitation': ['surveyTitle', 'surveyUrl'],
};

const render = (template: string, language: 'id' | 'en', channel: 'email' | 'sms' | 'whatsapp', data = DATA[template]!) =>
  renderTemplate({ template, language, channel, data, timeZone: 'Asia/Jakarta' });

describe('notification templates', () => {
  it('covers exactly the template ids of the contract', () => {
    expect([...TEMPLATE_IDS].sort()).toEqual(Object.keys(DATA).sort());
  });

  for (const template of Object.keys(DATA)) {
    for (const language of ['id', 'en'] as const) {
      it(`${template} (${language}): an e-mail with subject, text and HTML, and an SMS in one GSM-7 segment`, () => {
        const email = render(template, language, 'email');
        expect(email.subject.length).toBeGreaterThan(10);
        expect(email.subject).not.toContain('undefined');
        expect(email.text).not.toMatch(/undefined|null|NaN|\{/);
        expect(email.text).toContain(
          language === 'id'
            ? 'Pesan ini dikirim otomatis oleh Layan; mohon tidak membalas.'
            : 'This message was sent automatically by Layan; please do not reply.',
        );
        expect(email.html).toMatch(new RegExp(`^<!doctype html>\\n<html lang="${language}">`));
        for (const value of Object.values(DATA[template]!)) {
          if (typeof value === 'string' && value.startsWith('http')) {
            expect(email.text).toContain(value);
            expect(email.html).toContain(`<a href="${value}">${value}</a>`);
          }
        }
        const sms = render(template, language, 'sms');
        expect(sms.html).toBeUndefined();
        expect(sms.text.length).toBeLessThanOrEqual(SMS_LIMIT);
        expect(isGsm7(sms.text)).toBe(true);
        expect(sms.text.startsWith('Layan: ')).toBe(true);
        expect(render(template, language, 'whatsapp').text).toBe(sms.text);
      });

      it(`${template} (${language}): missing data is a TemplateError naming the key`, () => {
        for (const key of REQUIRED[template]!) {
          const data = { ...DATA[template]! };
          delete data[key === 'statusLabelId' && language === 'en' ? 'statusLabelEn' : key];
          const missing = key === 'statusLabelId' && language === 'en' ? 'statusLabelEn' : key;
          expect(() => render(template, language, 'email', data)).toThrow(
            new TemplateError(
              missing === 'placesAhead'
                ? `template ${template} needs data.placesAhead as a whole number ≥ 0`
                : `template ${template} needs data.${missing}`,
            ),
          );
        }
      });
    }
  }

  it('writes application.submitted in full, Indonesian and English', () => {
    const id = render('application.submitted', 'id', 'email');
    expect(id.subject).toBe('Permohonan Penerbitan Akta Kelahiran diterima (BWI-2611-0042)');
    expect(id.text).toBe(
      'Permohonan Anda untuk layanan Penerbitan Akta Kelahiran di Dinas Kependudukan dan Pencatatan Sipil telah kami terima.\n\n' +
        'Kode lacak: BWI-2611-0042\nPerkiraan selesai: paling lambat 29 Desember 2026\n\n' +
        `Pantau status permohonan Anda: ${TRACK}\n\n` +
        'Pesan ini dikirim otomatis oleh Layan; mohon tidak membalas.\n',
    );
    expect(render('application.submitted', 'en', 'email').text).toContain('Expected completion: by 29 December 2026');
    expect(render('application.submitted', 'id', 'sms').text).toBe(
      // One character too long whole: the service name gives way, at a word.
      `Layan: Permohonan Penerbitan Akta... diterima, kode BWI-2611-0042. Selesai paling lambat 29 Des 2026. ${TRACK}`,
    );
  });

  it('shows each status in the reader’s language, with or without a note', () => {
    const data = DATA['application.status_changed']!;
    expect(render('application.status_changed', 'id', 'email').subject).toBe('Status permohonan BWI-2611-0042: sedang diperiksa');
    expect(render('application.status_changed', 'en', 'email').subject).toBe('Application BWI-2611-0042 status: under review');
    const withoutNote = { ...data, note: undefined };
    expect(render('application.status_changed', 'id', 'email', withoutNote).text).not.toContain('Catatan petugas');
    expect(render('application.status_changed', 'id', 'sms', withoutNote).text).toBe(
      `Layan: Permohonan BWI-2611-0042 (Penerbitan Akta Kelahiran) kini sedang diperiksa. ${TRACK}`,
    );
  });

  it('links the document when there is one, the tracking page otherwise', () => {
    expect(render('application.completed', 'id', 'sms').text).toBe(
      `Layan: Permohonan BWI-2611-0042 (Penerbitan Akta Kelahiran) selesai. Unduh: ${BASE}/dokumen/8f1c2d`,
    );
    const plain = { ...DATA['application.completed']!, documentUrl: undefined };
    expect(render('application.completed', 'en', 'sms', plain).text).toBe(
      `Layan: Application BWI-2611-0042 (Penerbitan Akta Kelahiran) is complete. ${TRACK}`,
    );
    expect(render('application.completed', 'en', 'email', plain).text).not.toContain('Download');
  });

  it('formats booking dates and times the Indonesian way, with the tenant’s zone', () => {
    const id = render('booking.confirmed', 'id', 'email');
    expect(id.subject).toBe('Janji temu terkonfirmasi: Perekaman KTP-el, 30 November 2026 09.30 WIB');
    expect(id.text).toContain('Waktu: 30 November 2026 pukul 09.30 WIB');
    expect(render('booking.reminder', 'en', 'email').text).toContain('Time: 30 November 2026 at 09:30 WIB');
    const papua = renderTemplate({
      template: 'booking.reminder',
      language: 'id',
      channel: 'sms',
      data: { ...BOOKING, locationName: 'MPP Jayapura' },
      timeZone: 'Asia/Jayapura',
    });
    expect(papua.text).toBe(
      `Layan: Ingat janji temu Perekaman KTP-el: 30 Nov 2026 09.30 WIT, MPP Jayapura. Kode JT-7K3Q. ${BASE}/janji/JT-7K3Q`,
    );
    // data.timeZone wins over the tenant's.
    expect(
      renderTemplate({
        template: 'booking.confirmed',
        language: 'id',
        channel: 'email',
        data: { ...BOOKING, timeZone: 'Asia/Makassar' },
      }).subject,
    ).toContain('09.30 WITA');
    // Without any zone the time is shown bare.
    expect(renderTemplate({ template: 'booking.confirmed', language: 'en', channel: 'email', data: BOOKING }).subject).toBe(
      'Appointment confirmed: Perekaman KTP-el, 30 November 2026 09:30',
    );
  });

  it('shows an ISO instant on the local date of the tenant’s zone', () => {
    // 23:30 UTC on 28 December is already 29 December in WIB, WITA and WIT.
    const data = { ...DATA['application.submitted']!, dueDate: '2026-12-28T23:30:00Z' };
    const inZone = (timeZone: 'Asia/Jakarta' | 'Asia/Jayapura') =>
      renderTemplate({ template: 'application.submitted', language: 'id', channel: 'email', data, timeZone }).text;
    expect(inZone('Asia/Jakarta')).toContain('paling lambat 29 Desember 2026');
    // 16:30 UTC: still the 28th in Jakarta (23.30 WIB), the 29th in Jayapura (01.30 WIT).
    const late = { ...data, dueDate: '2026-12-28T16:30:00Z' };
    const at = (timeZone: 'Asia/Jakarta' | 'Asia/Jayapura') =>
      renderTemplate({ template: 'application.submitted', language: 'en', channel: 'email', data: late, timeZone }).text;
    expect(at('Asia/Jakarta')).toContain('by 28 December 2026');
    expect(at('Asia/Jayapura')).toContain('by 29 December 2026');
  });

  it('tells how close the queue is, in words for zero and one', () => {
    const at = (placesAhead: number, language: 'id' | 'en') =>
      render('queue.near', language, 'sms', { ...DATA['queue.near']!, placesAhead }).text;
    expect(at(0, 'id')).toBe(
      'Layan: Antrean A-017 di Mal Pelayanan Publik Banyuwangi: giliran Anda berikutnya. Mohon bersiap di dekat loket.',
    );
    expect(at(1, 'en')).toBe(
      'Layan: Ticket A-017 at Mal Pelayanan Publik Banyuwangi: 1 person ahead of you. Please wait near the counter.',
    );
    expect(at(4, 'en')).toContain('4 people ahead of you');
    expect(() => at(-1, 'id')).toThrow(TemplateError);
    expect(() => render('queue.near', 'id', 'sms', { ...DATA['queue.near']!, placesAhead: 'tiga' })).toThrow(TemplateError);
  });

  it('shortens a long note and service name, at a word, to keep an SMS in one segment; the e-mail keeps them whole', () => {
    const note =
      'Foto KTP ayah buram dan surat keterangan lahir dari bidan belum ditandatangani; mohon unggah ulang keduanya dengan jelas';
    const service = 'Penerbitan Kutipan Akta Kelahiran bagi Anak yang Lahir di Luar Wilayah Kabupaten';
    const data = { ...DATA['application.returned']!, note, serviceName: service };
    const sms = render('application.returned', 'id', 'sms', data).text;
    expect(sms.length).toBeLessThanOrEqual(SMS_LIMIT);
    // The service name gives way first (the code names the case), then the note, each at a word.
    expect(sms).toMatch(
      /^Layan: Permohonan BWI-2611-0042 \(Penerbitan\.\.\.\) perlu diperbaiki: Foto KTP ayah buram .*\.\.\. https:/,
    );
    expect(sms).toContain(TRACK);
    expect(sms).not.toMatch(/\w\.\.\.\w/);
    const email = render('application.returned', 'id', 'email', data);
    expect(email.text).toContain(note);
    expect(email.text).toContain(service);
  });

  it('keeps SMS in the GSM-7 alphabet: curly quotes, dashes and accents become plain letters', () => {
    expect(toGsm7('Kantor “Kecamatan” Glagah – Banyuwangi…')).toBe('Kantor "Kecamatan" Glagah - Banyuwangi...');
    expect(toGsm7('Café Sūrabaya ‘vu’')).toBe("Café Surabaya 'vu'");
    expect(toGsm7('日本')).toBe('??');
    const sms = render('queue.near', 'id', 'sms', {
      ...DATA['queue.near']!,
      locationName: 'Kantor “Desa” Kemiren — Glagah',
    }).text;
    expect(sms).toContain('Kantor "Desa" Kemiren - Glagah');
    expect(isGsm7(sms)).toBe(true);
  });

  it('escapes HTML in e-mails: a value cannot inject markup', () => {
    const html = render('application.rejected', 'en', 'email', {
      ...DATA['application.rejected']!,
      note: '<script>alert(1)</script> & "x"',
    }).html!;
    expect(html).toContain('Reason: &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;');
    expect(html).not.toContain('<script>');
  });

  it('refuses unknown templates and languages, malformed dates, times, URLs and zones with a clear error', () => {
    const bad =
      (template: string, data: Record<string, unknown>, language: 'id' | 'en' = 'id') =>
      () =>
        renderTemplate({ template, language, channel: 'email', data });
    expect(bad('application.unknown', {})).toThrow(new TemplateError('unknown template application.unknown'));
    expect(bad('application.completed', DATA['application.completed']!, 'fr' as 'id')).toThrow(
      new TemplateError('unknown language fr'),
    );
    expect(bad('application.submitted', { ...DATA['application.submitted']!, dueDate: '29/12/2026' })).toThrow(
      'data.dueDate must be a date (YYYY-MM-DD) or an ISO timestamp',
    );
    expect(bad('booking.confirmed', { ...BOOKING, time: '9.30 pagi' })).toThrow('data.time must be HH:MM');
    expect(bad('booking.confirmed', { ...BOOKING, manageUrl: '/janji/JT-7K3Q' })).toThrow(
      'data.manageUrl must be an absolute URL',
    );
    expect(bad('booking.confirmed', { ...BOOKING, timeZone: 'Europe/Paris' })).toThrow('data.timeZone must be one of');
    expect(bad('application.completed', { ...DATA['application.completed']!, serviceName: { nested: true } })).toThrow(
      'data.serviceName must be text',
    );
    expect(bad('application.completed', { ...DATA['application.completed']!, serviceName: '' })).toThrow(
      'needs data.serviceName',
    );
  });

  it('writes complaint and survey messages: optional agency and dates left out cleanly', () => {
    expect(render('complaint.received', 'id', 'email').text).toContain('Diverifikasi paling lambat: 25 November 2026');
    const answered = render('complaint.answered', 'id', 'email').text;
    expect(answered).toContain('telah dijawab oleh Dinas Perhubungan.');
    expect(answered).toContain('membuka kembali pengaduan ini sampai 9 Desember 2026');
    const bare = { ...DATA['complaint.answered']!, agencyName: null, reopenUntil: null };
    expect(render('complaint.answered', 'en', 'email', bare).text).toContain('(code ADU-7K3Q9P) has been answered.\n');
    expect(render('complaint.answered', 'en', 'sms', bare).text).toBe(
      `Layan: Complaint ADU-7K3Q9P ("Lampu jalan di Jalan Ahmad Yani mati sejak seminggu") answered. ${BASE}/pengaduan/lacak/ADU-7K3Q9P`,
    );
    // An ISO instant: 10:00 UTC on 6 December is 6 December in WIB.
    expect(render('survey.invitation', 'id', 'email').text).toContain('Berlaku sampai 6 Desember 2026.');
    const noAgency = { ...DATA['survey.invitation']!, agencyName: '' };
    expect(render('survey.invitation', 'id', 'email', noAgency).subject).toBe('Bagaimana layanan kami? Isi survei kepuasan');
    expect(render('survey.invitation', 'en', 'sms', noAgency).text).toBe(
      `Layan: How was our service? Take the 2-minute survey by 6 Dec 2026: ${BASE}/survei/abcdEFGH1234`,
    );
  });

  it('still writes an application message when the optional due date, agency or note is missing (null)', () => {
    const submitted = { ...DATA['application.submitted']!, dueDate: null, agencyName: null };
    expect(render('application.submitted', 'id', 'email', submitted).text).toBe(
      'Permohonan Anda untuk layanan Penerbitan Akta Kelahiran telah kami terima.\n\n' +
        'Kode lacak: BWI-2611-0042\n\n' +
        `Pantau status permohonan Anda: ${TRACK}\n\n` +
        'Pesan ini dikirim otomatis oleh Layan; mohon tidak membalas.\n',
    );
    expect(render('application.submitted', 'en', 'sms', submitted).text).toBe(
      `Layan: Application for Penerbitan Akta Kelahiran received, code BWI-2611-0042. ${TRACK}`,
    );
    const returned = { ...DATA['application.returned']!, note: null };
    expect(render('application.returned', 'id', 'email', returned).text).toContain(
      'Rincian yang perlu diperbaiki ada di halaman permohonan Anda.',
    );
    expect(render('application.returned', 'id', 'sms', returned).text).toBe(
      `Layan: Permohonan BWI-2611-0042 (Penerbitan Akta Kelahiran) perlu diperbaiki. ${TRACK}`,
    );
    const rejected = { ...DATA['application.rejected']!, note: undefined };
    expect(render('application.rejected', 'en', 'email', rejected).text).not.toContain('Reason');
    expect(render('application.rejected', 'en', 'sms', rejected).text).toBe(
      `Layan: Application BWI-2611-0042 (Penerbitan Akta Kelahiran) rejected. ${TRACK}`,
    );
  });
});
