/**
 * Short constructors that keep the catalog data readable. Internal to the data folder.
 */
import type { Bilingual } from '../issues.ts';
import type {
  ComplaintChannel,
  LegalBasis,
  ProcedureStep,
  Requirement,
  RequirementForm,
  ServiceChannel,
  ServiceFee,
  ServiceTime,
} from '../standard.ts';
import type { ServiceSector, ServiceTemplate } from '../template.ts';

/** Bilingual text. */
export function t(id: string, en?: string): Bilingual {
  return en === undefined ? { id } : { id, en };
}

export interface ReqExtra {
  count?: number;
  conditions?: Bilingual;
  note?: Bilingual;
}

/** One requirement; count defaults to 1. */
export function req(document: Bilingual, form: RequirementForm, extra: ReqExtra = {}): Requirement {
  return { document, form, count: extra.count ?? 1, ...(extra.conditions ? { conditions: extra.conditions } : {}), ...(extra.note ? { note: extra.note } : {}) };
}

/** Procedure steps from [who, id, en] triples. */
export function steps(list: ReadonlyArray<readonly [ProcedureStep['by'], string, string]>): ProcedureStep[] {
  return list.map(([by, id, en]) => ({ step: { id, en }, by }));
}

/** A legal basis entry; unverified unless said otherwise. */
export function law(title: string, verified = false, source?: string): LegalBasis {
  return { title, verified, ...(source ? { source } : {}) };
}

/** SP4N-LAPOR! is every unit's national complaint channel (KepmenPAN-RB 680/2020, REFERENCE §5). */
export const LAPOR: ComplaintChannel = { kind: 'sp4n_lapor', label: { id: 'SP4N-LAPOR! (lapor.go.id, SMS 1708)', en: 'SP4N-LAPOR! (lapor.go.id, SMS 1708)' } };

const ADMINDUK_FREE_SOURCE =
  'Teks pasal dilihat pada salinan pihak ketiga: kikiadrianasp.blogspot.com/2016/12, lawangpost.com (UU 24/2013), dukcapilbogorkab.id';

/** Adminduk documents are free by law; the same basis on every Dukcapil service. */
export const ADMINDUK_FREE: ServiceFee = {
  kind: 'gratis',
  basis: 'UU 24/2013 tentang Perubahan atas UU 23/2006 tentang Administrasi Kependudukan, Pasal 79A',
  verified: true,
  source: ADMINDUK_FREE_SOURCE,
};

export const ADMINDUK_LAWS: LegalBasis[] = [
  law('UU 23/2006 tentang Administrasi Kependudukan jo. UU 24/2013', true, ADMINDUK_FREE_SOURCE),
  law('Perpres 96/2018 tentang Persyaratan dan Tata Cara Pendaftaran Penduduk dan Pencatatan Sipil'),
  law('Permendagri 108/2019 tentang Peraturan Pelaksanaan Perpres 96/2018'),
];

/** Common photo/scan upload limits for forms: 2 MB, PDF or image. */
export const SCAN_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];
export const SCAN_MAX_BYTES = 2 * 1024 * 1024;

export interface TemplateSpec {
  code: string;
  sector: ServiceSector;
  name: Bilingual;
  requirements: Requirement[];
  procedure: ProcedureStep[];
  time: ServiceTime;
  fee: ServiceFee;
  product: Bilingual;
  channels: ServiceChannel[];
  legalBasis: LegalBasis[];
  synonyms: string[];
  keywords: string[];
  complaints?: ComplaintChannel[];
  electronic?: boolean;
  formId?: string;
}

/** A national template from a flat spec. */
export function template(spec: TemplateSpec): ServiceTemplate {
  return {
    code: spec.code,
    sector: spec.sector,
    search: { synonyms: spec.synonyms, keywords: spec.keywords },
    ...(spec.formId ? { formId: spec.formId } : {}),
    standard: {
      code: spec.code,
      name: spec.name,
      version: 1,
      channels: spec.channels,
      requirements: spec.requirements,
      procedure: spec.procedure,
      serviceTime: spec.time,
      fee: spec.fee,
      product: { name: spec.product, ...(spec.electronic ? { electronic: true } : {}) },
      complaints: [LAPOR, ...(spec.complaints ?? [])],
      legalBasis: spec.legalBasis,
    },
  };
}
