import { NATIONAL_TEMPLATES, type FormDefinition, type WorkflowDefinition } from '@layan/domain';
import { NATIONAL, withScope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { makeAgency, makeStaff, makeTenants } from '../identity/identity.testing.ts';

/** Test fixtures for applications (not a test file itself). */

/** A realistic form: text, date, choice, phone, a file and a declaration. */
export const TEST_FORM: FormDefinition = {
  id: 'surat-keterangan-uji',
  version: 1,
  title: { id: 'Permohonan surat keterangan', en: 'Certificate application' },
  fields: [
    { key: 'nama', type: 'text', label: { id: 'Nama lengkap', en: 'Full name' }, required: true, minLength: 2, maxLength: 100 },
    { key: 'tanggalLahir', type: 'date', label: { id: 'Tanggal lahir', en: 'Date of birth' }, required: true, notInFuture: true },
    {
      key: 'keperluan',
      type: 'choice',
      label: { id: 'Keperluan', en: 'Purpose' },
      required: true,
      options: [
        { value: 'sekolah', label: { id: 'Sekolah', en: 'School' } },
        { value: 'kerja', label: { id: 'Pekerjaan', en: 'Work' } },
      ],
    },
    { key: 'telepon', type: 'phone', label: { id: 'Nomor HP', en: 'Mobile number' }, required: true },
    { key: 'alamat', type: 'textarea', label: { id: 'Alamat', en: 'Address' }, maxLength: 500 },
    {
      key: 'ktp',
      type: 'file',
      label: { id: 'Pindaian KTP', en: 'Scan of the ID card' },
      required: true,
      accept: ['application/pdf', 'image/*'],
      maxBytes: 1024 * 1024,
    },
    {
      key: 'pernyataan',
      type: 'declaration',
      label: { id: 'Pernyataan', en: 'Declaration' },
      statement: { id: 'Data yang saya isi benar.', en: 'The data I gave is true.' },
    },
  ],
};

export function validAnswers(uploadId: string) {
  return {
    nama: 'Siti Aminah',
    tanggalLahir: '1990-08-07',
    keperluan: 'sekolah',
    telepon: '0812-3456-7890',
    alamat: 'Jl. Ahmad Yani 1, Banyuwangi',
    ktp: [uploadId],
    pernyataan: true,
  };
}

/** A published service of `agencyId` with TEST_FORM and a service time of `days` working days. */
export async function makeService(
  deps: Deps,
  options: { tenant: string; agencyId: string; slug: string; days: number; form?: FormDefinition; workflow?: WorkflowDefinition },
): Promise<string> {
  return withScope(deps.database.db, NATIONAL, async (trx) => {
    const service = await trx
      .insertInto('service')
      .values({
        tenant_code: options.tenant,
        slug: options.slug,
        agency_id: options.agencyId,
        name: `Layanan ${options.slug}`,
        current_version: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('service_version')
      .values({
        tenant_code: options.tenant,
        service_id: service.id,
        version: 1,
        status: 'published',
        // A whole standard (the national Akta Kelahiran one) with this service's time, so the
        // public catalog can show it like any other.
        standard: JSON.stringify({
          ...NATIONAL_TEMPLATES.find((tpl) => tpl.code === 'akta-kelahiran')!.standard,
          name: { id: `Layanan ${options.slug}`, en: `Service ${options.slug}` },
          serviceTime: { amount: options.days, unit: 'working_days' },
        }),
        form_definition: JSON.stringify(options.form ?? TEST_FORM),
        change_note: 'uji',
        approved_by_name: 'Penguji',
        approved_at: new Date(),
      })
      .execute();
    if (options.workflow) {
      await trx
        .insertInto('service_workflow')
        .values({ tenant_code: options.tenant, service_id: service.id, definition: JSON.stringify(options.workflow) })
        .execute();
    }
    return service.id;
  });
}

export interface ApplicationFixture {
  agencyId: string;
  serviceId: string;
  desa: string;
}

/** Tenants 35.10 (Banyuwangi) and 35.09 (Jember), an agency and service in 35.10, and staff of every kind. */
export async function makeApplicationFixture(deps: Deps, options: { days?: number } = {}): Promise<ApplicationFixture> {
  await makeTenants(deps, [
    { code: '35.10', name: 'Kabupaten Banyuwangi' },
    { code: '35.09', name: 'Kabupaten Jember' },
  ]);
  const agencyId = await makeAgency(deps, '35.10', 'disdukcapil');
  const serviceId = await makeService(deps, { tenant: '35.10', agencyId, slug: 'surat-keterangan', days: options.days ?? 30 });
  const desa = '35.10.01.2001';
  const staff: Array<[string, string, string]> = [
    ['loket@uji.go.id', 'petugas_loket', '35.10'],
    ['bo1@uji.go.id', 'petugas_back_office', '35.10'],
    ['bo2@uji.go.id', 'petugas_back_office', '35.10'],
    ['spv@uji.go.id', 'supervisor', '35.10'],
    ['jember@uji.go.id', 'petugas_back_office', '35.09'],
    ['desa@uji.go.id', 'operator_desa', desa],
  ];
  for (const [email, role, region] of staff) {
    await makeStaff(deps, { email, regionCode: region, grants: [{ role: role as 'supervisor', regionCode: region }] });
  }
  return { agencyId, serviceId, desa };
}

/** A minimal PDF of about `size` bytes (the content is what the sniffer reads). */
export function pdfBytes(size = 2048, seed = 'uji'): Buffer {
  const head = Buffer.from(`%PDF-1.4\n% ${seed}\n1 0 obj << /Type /Catalog >> endobj\n`, 'latin1');
  const tail = Buffer.from('\n%%EOF\n', 'latin1');
  const filler = Buffer.alloc(Math.max(0, size - head.length - tail.length), 0x20);
  return Buffer.concat([head, filler, tail]);
}

/** PNG signature plus filler: enough for the sniffer. */
export function pngBytes(size: number): Buffer {
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, Buffer.alloc(size - sig.length, 7)]);
}
