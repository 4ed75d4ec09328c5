import { formatInstantDate, timeZoneOfRegion } from '@layan/domain';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Env } from '../../env.ts';
import { resolveDocumentSigner } from '../document/document.keys.ts';
import { issueDocumentInTx } from '../document/document.service.ts';
import { inviteAfterServiceInTx } from '../survey/survey.service.ts';
import { publicUrl, type ApplicationHooks } from './application.core.ts';

type Trx = Transaction<DB>;
type CompletedHook = NonNullable<ApplicationHooks['onCompletedInTx']>;
type Completed = Parameters<CompletedHook>[1];

// What the letter and the invitation need, read once in the completing officer's scope: the
// citizen is readable there because their application linked them to the tenant (docs/CITIZENS.md).
async function completionFactsInTx(trx: Trx, completed: Completed) {
  const [application, citizen, officer, tenant] = await Promise.all([
    trx
      .selectFrom('application as a')
      .innerJoin('service as s', (j) => j.onRef('s.tenant_code', '=', 'a.tenant_code').onRef('s.id', '=', 'a.service_id'))
      .innerJoin('agency as g', (j) => j.onRef('g.tenant_code', '=', 'a.tenant_code').onRef('g.id', '=', 's.agency_id'))
      .select(['a.region_code', 'a.submitted_at', 's.name as service_name', 'g.id as agency_id', 'g.name as agency_name'])
      .where('a.tenant_code', '=', completed.tenantCode)
      .where('a.id', '=', completed.applicationId)
      .executeTakeFirstOrThrow(),
    trx.selectFrom('citizen').select(['name', 'email', 'phone']).where('id', '=', completed.citizenId).executeTakeFirst(),
    completed.actor.type === 'staff'
      ? trx.selectFrom('staff_account').select('name').where('id', '=', completed.actor.id).executeTakeFirst()
      : undefined,
    trx.selectFrom('tenant').select('name').where('region_code', '=', completed.tenantCode).executeTakeFirst(),
  ]);
  return { application, citizen, officerName: officer?.name, tenantName: tenant?.name };
}
type Facts = Awaited<ReturnType<typeof completionFactsInTx>>;

/**
 * The signed decision letter (docs/DOCUMENTS.md), issued in the transaction that completes the
 * application: no completed application without its letter, and no letter for a transition that
 * rolled back. The citizen may download it; the returned URL goes into their message.
 */
async function issueLetterInTx(
  trx: Trx,
  completed: Completed,
  facts: Facts,
  options: { signer: ReturnType<typeof resolveDocumentSigner>; baseUrl: string },
) {
  const { application } = facts;
  const recipient = facts.citizen?.name ?? 'Pemohon';
  const zone = timeZoneOfRegion(completed.tenantCode) ?? 'Asia/Jakarta';
  const submitted = application.submitted_at ? formatInstantDate(application.submitted_at, zone) : undefined;
  const issued = await issueDocumentInTx(trx, {
    signer: options.signer,
    tenantCode: completed.tenantCode,
    regionCode: application.region_code,
    agency: { name: application.agency_name, headerLines: [facts.tenantName ?? completed.tenantCode] },
    subject: { type: 'application', id: completed.applicationId, trackingCode: completed.trackingCode },
    citizenId: completed.citizenId,
    title: {
      id: `Surat Keputusan Permohonan ${application.service_name}`,
      en: `Decision on the application for ${application.service_name}`,
    },
    recipientName: recipient,
    decision: 'approved',
    body: [
      `Permohonan layanan ${application.service_name} atas nama ${recipient} dengan kode lacak ${completed.trackingCode}` +
        (submitted ? `, diajukan pada ${submitted},` : '') +
        ' telah diperiksa dan dinyatakan SELESAI serta DISETUJUI.',
      'Keaslian surat ini dapat diperiksa dengan memindai kode QR atau di halaman /verifikasi.',
    ],
    issuedAt: new Date(),
    // Its own `document.issue` entry, so the trail names the letter; the transition's follows it.
    audit: { actor: completed.actor },
    issuedBy: {
      staffId: completed.actor.type === 'staff' ? completed.actor.id : null,
      name: facts.officerName ?? application.agency_name,
      ...(completed.actor.type === 'staff' ? { role: completed.actor.role } : {}),
    },
  });
  return `${options.baseUrl}/api/v1/documents/${issued.documentId}/pdf`;
}

/**
 * An invitation to the agency's open SKM round (docs/SKM.md), sent to the citizen's verified
 * contact — one per application, nothing when no round is open. It must never block the decision
 * (a round's setup is not the officer's concern), so it runs in a savepoint and a failure leaves
 * the completion intact.
 */
async function inviteToSurveyInTx(trx: Trx, completed: Completed, facts: Facts, baseUrl: string) {
  const { citizen } = facts;
  const recipient = citizen?.email
    ? { channel: 'email' as const, address: citizen.email, language: 'id' as const }
    : citizen?.phone
      ? { channel: 'sms' as const, address: citizen.phone, language: 'id' as const }
      : undefined;
  await sql`SAVEPOINT survey_invitation`.execute(trx);
  try {
    await inviteAfterServiceInTx(trx, {
      publicUrl: baseUrl,
      tenantCode: completed.tenantCode,
      agencyId: facts.application.agency_id,
      serviceId: completed.serviceId,
      source: 'application',
      sourceRef: completed.trackingCode,
      ...(recipient ? { recipient } : {}),
    });
    await sql`RELEASE SAVEPOINT survey_invitation`.execute(trx);
  } catch {
    await sql`ROLLBACK TO SAVEPOINT survey_invitation`.execute(trx);
  }
}

/** What happens when an application completes, in the completing transaction: the letter, then the SKM invitation. */
export function onApplicationCompleted(env: Env): CompletedHook {
  const signer = resolveDocumentSigner(env);
  const baseUrl = publicUrl(env.publicUrl);
  return async (trx, completed) => {
    const facts = await completionFactsInTx(trx, completed);
    const documentUrl = await issueLetterInTx(trx, completed, facts, { signer, baseUrl });
    await inviteToSurveyInTx(trx, completed, facts, baseUrl);
    return { documentUrl };
  };
}
