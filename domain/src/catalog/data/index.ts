/**
 * The catalog data in one place: national templates, form definitions, and the Banyuwangi demo.
 */
import type { FormDefinition } from '../form.ts';
import type { ServiceTemplate, TenantService } from '../template.ts';
import { buildBanyuwangiServices } from './banyuwangi-services.ts';
import { AKTA_KELAHIRAN_FORM, KARTU_KELUARGA_FORM, KTP_EL_FORM } from './forms-adminduk.ts';
import { NIB_FORM, SKCK_FORM } from './forms-lainnya.ts';
import { ADMINDUK_TEMPLATES } from './templates-adminduk.ts';
import { LAINNYA_TEMPLATES } from './templates-lainnya.ts';
import { PERIZINAN_TEMPLATES } from './templates-perizinan.ts';
import { POLRI_IMIGRASI_TEMPLATES } from './templates-polri-imigrasi.ts';

export { BANYUWANGI_AGENCIES, BANYUWANGI_CODE, KANTOR_DESA, MPP_BANYUWANGI } from './banyuwangi-agencies.ts';

export const NATIONAL_TEMPLATES: readonly ServiceTemplate[] = [
  ...ADMINDUK_TEMPLATES,
  ...POLRI_IMIGRASI_TEMPLATES,
  ...PERIZINAN_TEMPLATES,
  ...LAINNYA_TEMPLATES,
];

export const FORM_DEFINITIONS: readonly FormDefinition[] = [AKTA_KELAHIRAN_FORM, KTP_EL_FORM, KARTU_KELUARGA_FORM, SKCK_FORM, NIB_FORM];

export const BANYUWANGI_SERVICES: readonly TenantService[] = buildBanyuwangiServices({ templates: NATIONAL_TEMPLATES });
