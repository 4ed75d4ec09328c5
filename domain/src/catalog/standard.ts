/**
 * The service standard of PermenPAN-RB 15/2014 and UU 25/2009 Pasal 21 (REFERENCE §4): 14
 * components, six of them published to citizens. Identifiers are English; the Indonesian
 * component names are data (STANDARD_COMPONENTS) because the eight internal names are [M].
 */
import type { LocalDate } from '../calendar/date.ts';
import type { SlaUnit } from '../sla.ts';
import type { Bilingual } from './issues.ts';

export const REQUIREMENT_FORMS = ['asli', 'fotokopi', 'asli_dan_fotokopi', 'digital'] as const;
/** How a document is handed over: original, photocopy, both, or an upload/electronic document. */
export type RequirementForm = (typeof REQUIREMENT_FORMS)[number];

export const SERVICE_CHANNELS = ['online', 'loket', 'desa'] as const;
/** online = web/app; loket = counter at the MPP or office; desa = assisted at the village office. */
export type ServiceChannel = (typeof SERVICE_CHANNELS)[number];

export const COMPLAINT_CHANNEL_KINDS = [
  'sp4n_lapor',
  'loket',
  'telepon',
  'whatsapp',
  'email',
  'web',
  'kotak_saran',
  'media_sosial',
] as const;
export type ComplaintChannelKind = (typeof COMPLAINT_CHANNEL_KINDS)[number];

export const PROCEDURE_ACTORS = ['pemohon', 'petugas', 'pejabat', 'sistem'] as const;
export type ProcedureActor = (typeof PROCEDURE_ACTORS)[number];

/** Whether a fact in the data was confirmed in a public copy of the regulation. */
export interface Provenance {
  /** False when the amount, unit or regulation is remembered, not read. */
  verified?: boolean;
  source?: string;
  note?: string;
}

export interface Requirement {
  document: Bilingual;
  form: RequirementForm;
  /** Number of sheets or copies; 1 for an upload. */
  count: number;
  /** When the requirement applies, e.g. "bagi yang lahir di luar fasilitas kesehatan". */
  conditions?: Bilingual;
  note?: Bilingual;
}

export interface ProcedureStep {
  step: Bilingual;
  by?: ProcedureActor;
}

/** Service time: a number and one of SLA_UNITS; the SLA clock (sla.ts) counts it. */
export interface ServiceTime extends Provenance {
  amount: number;
  unit: SlaUnit;
  /** When the clock starts or what it excludes, e.g. "sejak berkas dinyatakan lengkap". */
  conditions?: Bilingual;
}

/** The legal basis is required even when the service is free: citizens may cite it at the counter. */
export type ServiceFee =
  | ({ kind: 'gratis'; basis: string; note?: Bilingual } & Omit<Provenance, 'note'>)
  | ({
      kind: 'tarif';
      /** Whole Rupiah; for a fee that depends on value or size, the fixed part, with `note` giving the rule. */
      amount: number;
      basis: string;
      note?: Bilingual;
    } & Omit<Provenance, 'note'>)
  | ({
      /** A fee computed from value, size or vehicle (BPHTB-style, retribusi PBG, PKB): the rule, not a number. */
      kind: 'variabel';
      basis: string;
      formula: Bilingual;
      note?: Bilingual;
    } & Omit<Provenance, 'note'>);

export interface ServiceProduct {
  name: Bilingual;
  /** True when the product is (also) an electronic document, e.g. a TTE-signed PDF. */
  electronic?: boolean;
}

export interface ComplaintChannel {
  kind: ComplaintChannelKind;
  /** Address, number or handle; none for 'sp4n_lapor' (lapor.go.id / SMS 1708 are national). */
  contact?: string;
  label?: Bilingual;
}

export interface LegalBasis extends Provenance {
  title: string;
}

/** Who approved a version and under which decree (SK). Absent on a draft. */
export interface StandardApproval {
  approvedBy: string;
  role?: string;
  decree?: string;
  approvedOn: LocalDate;
}

export interface ServiceStandard {
  /** Stable slug, e.g. 'akta-kelahiran'. */
  code: string;
  name: Bilingual;
  description?: Bilingual;
  /** 1, 2, …: every approved change is a new version. */
  version: number;
  approval?: StandardApproval;
  channels: ServiceChannel[];
  // The six published components.
  requirements: Requirement[];
  procedure: ProcedureStep[];
  serviceTime: ServiceTime;
  fee: ServiceFee;
  product: ServiceProduct;
  complaints: ComplaintChannel[];
  // The eight internal components.
  legalBasis: LegalBasis[];
  facilities: Bilingual[];
  competence: Bilingual[];
  internalSupervision: Bilingual[];
  staffing: Bilingual;
  serviceGuarantee: Bilingual;
  safetyGuarantee: Bilingual;
  performanceEvaluation: Bilingual;
}

/** Internal components a national template leaves to the unit that adopts it. */
export const LOCAL_COMPONENT_KEYS = [
  'facilities',
  'competence',
  'internalSupervision',
  'staffing',
  'serviceGuarantee',
  'safetyGuarantee',
  'performanceEvaluation',
] as const;
export type LocalComponentKey = (typeof LOCAL_COMPONENT_KEYS)[number];

/** A national template's standard: everything but the unit-specific internal components and approval. */
export type TemplateStandard = Omit<ServiceStandard, LocalComponentKey | 'approval'> &
  Partial<Pick<ServiceStandard, LocalComponentKey>>;

export type StandardComponentKey =
  'requirements' | 'procedure' | 'serviceTime' | 'fee' | 'product' | 'complaints' | 'legalBasis' | LocalComponentKey;

export interface StandardComponent {
  key: StandardComponentKey;
  /** The name in the regulation; also the Indonesian path segment in messages. */
  name: Bilingual;
  pathId: string;
  /** One of the six components that must be published (UU 25/2009 Pasal 21, PermenPAN-RB 15/2014). */
  published: boolean;
  /** False where REFERENCE §4 marks the name [M]. */
  nameVerified: boolean;
}

/** The 14 components in the regulation's order: six published, then eight internal. */
export const STANDARD_COMPONENTS: readonly StandardComponent[] = [
  {
    key: 'requirements',
    name: { id: 'Persyaratan', en: 'Requirements' },
    pathId: 'persyaratan',
    published: true,
    nameVerified: true,
  },
  {
    key: 'procedure',
    name: { id: 'Sistem, mekanisme, dan prosedur', en: 'System, mechanism and procedure' },
    pathId: 'prosedur',
    published: true,
    nameVerified: true,
  },
  {
    key: 'serviceTime',
    name: { id: 'Jangka waktu pelayanan', en: 'Service time' },
    pathId: 'jangkaWaktu',
    published: true,
    nameVerified: true,
  },
  { key: 'fee', name: { id: 'Biaya/tarif', en: 'Fee' }, pathId: 'biaya', published: true, nameVerified: true },
  {
    key: 'product',
    name: { id: 'Produk pelayanan', en: 'Service product' },
    pathId: 'produk',
    published: true,
    nameVerified: true,
  },
  {
    key: 'complaints',
    name: { id: 'Penanganan pengaduan, saran, dan masukan', en: 'Complaints, suggestions and feedback' },
    pathId: 'pengaduan',
    published: true,
    nameVerified: true,
  },
  {
    key: 'legalBasis',
    name: { id: 'Dasar hukum', en: 'Legal basis' },
    pathId: 'dasarHukum',
    published: false,
    nameVerified: false,
  },
  {
    key: 'facilities',
    name: { id: 'Sarana, prasarana, dan/atau fasilitas', en: 'Facilities and infrastructure' },
    pathId: 'sarana',
    published: false,
    nameVerified: false,
  },
  {
    key: 'competence',
    name: { id: 'Kompetensi pelaksana', en: 'Staff competence' },
    pathId: 'kompetensiPelaksana',
    published: false,
    nameVerified: false,
  },
  {
    key: 'internalSupervision',
    name: { id: 'Pengawasan internal', en: 'Internal supervision' },
    pathId: 'pengawasanInternal',
    published: false,
    nameVerified: false,
  },
  {
    key: 'staffing',
    name: { id: 'Jumlah pelaksana', en: 'Number of staff' },
    pathId: 'jumlahPelaksana',
    published: false,
    nameVerified: false,
  },
  {
    key: 'serviceGuarantee',
    name: { id: 'Jaminan pelayanan', en: 'Service guarantee' },
    pathId: 'jaminanPelayanan',
    published: false,
    nameVerified: false,
  },
  {
    key: 'safetyGuarantee',
    name: { id: 'Jaminan keamanan dan keselamatan pelayanan', en: 'Security and safety guarantee' },
    pathId: 'jaminanKeamanan',
    published: false,
    nameVerified: false,
  },
  {
    key: 'performanceEvaluation',
    name: { id: 'Evaluasi kinerja pelaksana', en: 'Staff performance evaluation' },
    pathId: 'evaluasiKinerja',
    published: false,
    nameVerified: false,
  },
];

/** The six components a public service page must show. */
export function publishedComponents(): StandardComponent[] {
  return STANDARD_COMPONENTS.filter((c) => c.published);
}
