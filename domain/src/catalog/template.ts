/**
 * National service templates and their adoption by a tenant (a kabupaten/kota): the template
 * carries what is the same everywhere (requirements, fee, legal basis), the tenant adds where it
 * is served, its own internal components, and local overrides (a Perda fee, a faster SLA).
 */
import type { Bilingual } from './issues.ts';
import type {
  ComplaintChannel,
  LocalComponentKey,
  Requirement,
  ServiceChannel,
  ServiceFee,
  ServiceStandard,
  ServiceTime,
  TemplateStandard,
} from './standard.ts';

export const SERVICE_SECTORS = [
  'adminduk',
  'kepolisian',
  'keimigrasian',
  'perizinan',
  'kesehatan',
  'ketenagakerjaan',
  'jaminan_sosial',
  'kendaraan',
  'keagamaan',
  'pertanahan',
] as const;
export type ServiceSector = (typeof SERVICE_SECTORS)[number];

/** Words that lead a citizen to the service; see search.ts. */
export interface ServiceSearchData {
  synonyms: string[];
  keywords: string[];
}

export interface ServiceTemplate {
  code: string;
  sector: ServiceSector;
  standard: TemplateStandard;
  search: ServiceSearchData;
  /** Code of the form definition in FORM_DEFINITIONS, when one exists. */
  formId?: string;
}

/** daerah = regional government unit; vertikal = central agency office; bumn/bumd = state/regional enterprise; badan_hukum_publik = e.g. BPJS (UU 24/2011). */
export const AGENCY_KINDS = ['daerah', 'vertikal', 'bumn', 'bumd', 'badan_hukum_publik'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export interface Agency {
  slug: string;
  name: string;
  shortName: string;
  kind: AgencyKind;
  description: Bilingual;
  /** False when the office's exact official name or class is not confirmed. */
  verified: boolean;
  note?: string;
}

/** What a tenant sets for every service of one agency: the internal components of its standards. */
export type LocalComponents = Pick<ServiceStandard, LocalComponentKey>;

export interface TemplateOverride {
  /** Defaults to the template code. */
  code?: string;
  name?: Bilingual;
  fee?: ServiceFee;
  serviceTime?: ServiceTime;
  channels?: ServiceChannel[];
  /** Replace the requirements entirely. */
  requirements?: Requirement[];
  /** Added after the template's requirements (local documents, e.g. surat pengantar desa). */
  extraRequirements?: Requirement[];
  extraComplaints?: ComplaintChannel[];
  /** Added to the template's legal basis (e.g. a Perda). */
  extraLegalBasis?: ServiceStandard['legalBasis'];
  extraKeywords?: string[];
}

export interface TenantService {
  /** Kemendagri code of the tenant, e.g. '35.10'. */
  tenant: string;
  agency: string;
  template: string;
  /** Where it is served, e.g. ['MPP Banyuwangi', 'Kantor desa/kelurahan']. */
  locations: string[];
  standard: ServiceStandard;
  search: ServiceSearchData;
  formId?: string;
}

export interface AdoptTemplateOptions {
  tenant: string;
  agency: string;
  template: ServiceTemplate;
  locations: string[];
  local: LocalComponents;
  override?: TemplateOverride;
}

/** A tenant's service built from a national template; the result still needs validateServiceStandard. */
export function adoptTemplate(options: AdoptTemplateOptions): TenantService {
  const { template, override = {} } = options;
  const base = template.standard;
  const standard: ServiceStandard = {
    ...base,
    ...options.local,
    code: override.code ?? base.code,
    name: override.name ?? base.name,
    version: 1,
    fee: override.fee ?? base.fee,
    serviceTime: override.serviceTime ?? base.serviceTime,
    channels: override.channels ?? base.channels,
    requirements: [...(override.requirements ?? base.requirements), ...(override.extraRequirements ?? [])],
    complaints: [...base.complaints, ...(override.extraComplaints ?? [])],
    legalBasis: [...base.legalBasis, ...(override.extraLegalBasis ?? [])],
  };
  return {
    tenant: options.tenant,
    agency: options.agency,
    template: template.code,
    locations: options.locations,
    standard,
    search: { synonyms: template.search.synonyms, keywords: [...template.search.keywords, ...(override.extraKeywords ?? [])] },
    ...(template.formId ? { formId: template.formId } : {}),
  };
}
