import type { Kysely } from 'kysely';
import { IKM_ELEMENT_CODES } from '@layan/domain';
import { withScope } from '../scope.ts';
import type { DB } from '../schema.ts';

const TENANT = '35.10';
export const DEMO_SURVEY_TITLE = 'SKM Disdukcapil di MPP Banyuwangi, Semester II 2026';
const RESPONSES = 48;

const AGE = ['<20', '20-29', '30-39', '40-49', '50-59', '60+'] as const;
const EDUCATION = ['sd', 'smp', 'sma', 'diploma', 's1', 's2'] as const;
const OCCUPATION = ['pns', 'swasta', 'wirausaha', 'pelajar', 'lainnya'] as const;
// How each element tends to be answered in the demo (weights of 1…4): U3 (time) and U8
// (complaint handling) lag, so the report has weak elements and a follow-up plan to show.
const TENDENCY: Record<string, readonly number[]> = {
  U1: [0, 1, 6, 3],
  U2: [0, 1, 6, 3],
  U3: [1, 4, 4, 1],
  U4: [0, 0, 2, 8],
  U5: [0, 1, 6, 3],
  U6: [0, 1, 5, 4],
  U7: [0, 0, 4, 6],
  U8: [1, 4, 4, 1],
  U9: [0, 1, 6, 3],
};

/** A small deterministic generator, so every seeded database shows the same IKM. */
function generator(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function pick<T>(random: () => number, weights: readonly number[], values: readonly T[]): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = random() * total;
  for (let i = 0; i < values.length; i++) {
    r -= weights[i]!;
    if (r < 0) return values[i]!;
  }
  return values[values.length - 1]!;
}

/**
 * A published SKM round of Disdukcapil at the MPP with 48 paper questionnaires and a follow-up
 * plan (docs/SKM.md), so /ikm has a report to show. Needs the demo structure and its admin Pemda
 * (the responses are recorded as typed in by them). Idempotent.
 */
export async function seedDemoSurvey(db: Kysely<DB>): Promise<string[]> {
  return withScope(db, { regions: [TENANT] }, async (trx) => {
    const existing = await trx
      .selectFrom('survey')
      .select('id')
      .where('tenant_code', '=', TENANT)
      .where('title', '=', DEMO_SURVEY_TITLE)
      .executeTakeFirst();
    if (existing) return [];
    const agency = await trx
      .selectFrom('agency')
      .select('id')
      .where('tenant_code', '=', TENANT)
      .where('slug', '=', 'disdukcapil')
      .executeTakeFirst();
    const location = await trx
      .selectFrom('location')
      .select('id')
      .where('tenant_code', '=', TENANT)
      .where('slug', '=', 'mpp-banyuwangi')
      .executeTakeFirst();
    const admin = await trx
      .selectFrom('staff_account')
      .select('id')
      .where('email', '=', 'admin.pemda@banyuwangi.demo.layan.id')
      .executeTakeFirst();
    if (!agency || !location || !admin) return [];
    const { id } = await trx
      .insertInto('survey')
      .values({
        tenant_code: TENANT,
        title: DEMO_SURVEY_TITLE,
        agency_id: agency.id,
        location_id: location.id,
        service_id: null,
        period_start: '2026-07-01',
        period_end: '2026-12-31',
        population: 1200,
        created_by: admin.id,
        follow_up: JSON.stringify([
          {
            element: 'U3',
            action: 'Menambah satu loket perekaman KTP-el pada hari Senin dan Selasa',
            owner: 'Bidang Pelayanan Pendaftaran Penduduk',
            due: '2027-03-31',
          },
          {
            element: 'U8',
            action: 'Memasang papan alur pengaduan dan kode QR kanal pengaduan di setiap loket',
            owner: 'Sekretariat Disdukcapil',
            due: '2027-02-28',
          },
        ]),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const random = generator(3510);
    const rows = Array.from({ length: RESPONSES }, (_, i) => {
      const answers = Object.fromEntries(
        IKM_ELEMENT_CODES.map((code) => [code.toLowerCase(), pick(random, TENDENCY[code]!, [1, 2, 3, 4])]),
      ) as Record<'u1' | 'u2' | 'u3' | 'u4' | 'u5' | 'u6' | 'u7' | 'u8' | 'u9', number>;
      return {
        tenant_code: TENANT,
        survey_id: id,
        invitation_id: null,
        channel: 'paper' as const,
        ...answers,
        age_band: pick(random, [1, 4, 4, 3, 2, 1], AGE),
        sex: random() < 0.52 ? 'P' : 'L',
        education: pick(random, [1, 2, 5, 2, 3, 1], EDUCATION),
        occupation: pick(random, [1, 3, 3, 1, 2], OCCUPATION),
        service_id: null,
        location_id: location.id,
        suggestion: null,
        // Spread over the period, about one every four days.
        submitted_at: new Date(Date.UTC(2026, 6, 2 + i * 3, 3, 0, 0)),
        entered_by: admin.id,
      };
    });
    await trx.insertInto('survey_response').values(rows).execute();
    await trx
      .updateTable('survey')
      .set({ status: 'published', published_at: new Date(Date.UTC(2026, 10, 20, 2, 0, 0)) })
      .where('tenant_code', '=', TENANT)
      .where('id', '=', id)
      .execute();
    return [`survey ${DEMO_SURVEY_TITLE} (${RESPONSES} responses, published)`];
  });
}
