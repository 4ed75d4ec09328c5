import { IKM_ELEMENT_CODES, SKM_PROFILE } from '@layan/domain';
import { Type, type Static } from '@sinclair/typebox';
import { TenantCode } from '../tenancy/tenancy.schemas.ts';

/** Request and response shapes of SKM surveys and the IKM (docs/SKM.md). */
const Uuid = Type.String({ format: 'uuid' });
const LocalDate = Type.String({ format: 'date' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Named = Type.Object({ id: Uuid, name: Nullable(Type.String()) });
const Element = Type.Union(IKM_ELEMENT_CODES.map((c) => Type.Literal(c)));
const options = (list: readonly { code: string }[]) => Type.Union(list.map((o) => Type.Literal(o.code)));

const FollowUpItem = Type.Object(
  {
    element: Element,
    action: Type.String({ minLength: 5, maxLength: 500 }),
    owner: Type.String({ minLength: 2, maxLength: 200 }),
    due: Type.Optional(LocalDate),
  },
  { additionalProperties: false },
);

export const Survey = Type.Object({
  id: Uuid,
  tenantCode: Type.String(),
  title: Type.String(),
  agency: Named,
  location: Nullable(Named),
  service: Nullable(Named),
  periodStart: LocalDate,
  periodEnd: LocalDate,
  population: Nullable(Type.Integer()),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('published')]),
  publishedAt: Nullable(Type.String({ format: 'date-time' })),
  followUp: Type.Array(FollowUpItem),
});
export const SurveyList = Type.Object({ items: Type.Array(Survey) });

export const CreateSurveyBody = Type.Object(
  {
    title: Type.String({ minLength: 5, maxLength: 200 }),
    agencyId: Uuid,
    locationId: Type.Optional(Uuid),
    serviceId: Type.Optional(Uuid),
    periodStart: LocalDate,
    periodEnd: LocalDate,
    population: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000, description: 'Users served in the period (N)' })),
  },
  { additionalProperties: false },
);
export type CreateSurveyBody = Static<typeof CreateSurveyBody>;

export const UpdateSurveyBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 5, maxLength: 200 })),
    population: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100_000_000 }))),
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
    followUp: Type.Optional(Type.Array(FollowUpItem, { maxItems: 30, description: 'Rencana tindak lanjut' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateSurveyBody = Static<typeof UpdateSurveyBody>;

export const TenantParams = Type.Object({ tenant: TenantCode });
export const SurveyParams = Type.Object({ tenant: TenantCode, id: Uuid });
export const TokenParams = Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{20,64}$' }) });

export const InviteBody = Type.Object(
  {
    serviceId: Type.Optional(Uuid),
    locationId: Type.Optional(Uuid),
    recipient: Type.Optional(
      Type.Object(
        {
          channel: Type.Union([Type.Literal('email'), Type.Literal('sms'), Type.Literal('whatsapp')]),
          address: Type.String({ minLength: 3, maxLength: 254 }),
          language: Type.Optional(Type.Union([Type.Literal('id'), Type.Literal('en')])),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type InviteBody = Static<typeof InviteBody>;

export const Invitation = Type.Object({
  token: Type.String(),
  url: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
});

// Answers are checked by the domain rule (validateSkmAnswers) so out-of-range values get the
// questionnaire's own message (SKM_ANSWERS_INVALID) rather than a schema error.
export const ResponseBody = Type.Object(
  {
    answers: Type.Record(Type.String({ maxLength: 10 }), Type.Unknown(), {
      description: '{ "U1": 1–4 | null, … "U9": … }, keyed by element code',
    }),
    profile: Type.Optional(
      Type.Object(
        {
          ageBand: Type.Optional(Nullable(options(SKM_PROFILE.ageBand))),
          sex: Type.Optional(Nullable(options(SKM_PROFILE.sex))),
          education: Type.Optional(Nullable(options(SKM_PROFILE.education))),
          occupation: Type.Optional(Nullable(options(SKM_PROFILE.occupation))),
        },
        { additionalProperties: false },
      ),
    ),
    suggestion: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type ResponseBody = Static<typeof ResponseBody>;

const Option = Type.Object({ code: Type.String(), label: Type.String(), labelEn: Type.String() });
const questionnaireFields = {
  questions: Type.Array(
    Type.Object({
      code: Type.String(),
      question: Type.String(),
      questionEn: Type.String(),
      labels: Type.Array(Type.String()),
      labelsEn: Type.Array(Type.String()),
    }),
  ),
  profile: Type.Object({
    ageBand: Type.Array(Option),
    sex: Type.Array(Option),
    education: Type.Array(Option),
    occupation: Type.Array(Option),
  }),
};
export const Questionnaire = Type.Object(questionnaireFields);
export const InvitationView = Type.Object({ survey: Survey, expiresAt: Type.String(), ...questionnaireFields });
export const ResponseReceived = Type.Object({ surveyId: Uuid, received: Type.Boolean() });
export const PaperReceived = Type.Object({ surveyId: Uuid, responses: Type.Integer() });

export const IkmQuery = Type.Object(
  {
    tenant: TenantCode,
    survey: Type.Optional(Uuid),
    agency: Type.Optional(Uuid),
    location: Type.Optional(Uuid),
    service: Type.Optional(Uuid),
    from: Type.Optional(LocalDate),
    to: Type.Optional(LocalDate),
    groupBy: Type.Optional(
      Type.Union([Type.Literal('survey'), Type.Literal('agency'), Type.Literal('location'), Type.Literal('service')]),
    ),
    population: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000, description: 'Overrides the rounds’ own N' })),
    weight: Type.Union([Type.Literal('exact'), Type.Literal('0.111')], { default: 'exact' }),
  },
  { additionalProperties: false },
);
export type IkmQuery = Static<typeof IkmQuery>;

const ElementResult = Type.Object({
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  answered: Type.Integer(),
  nrr: Nullable(Type.Number()),
  nrrExact: Nullable(Type.Number()),
  mutu: Nullable(Type.String()),
});
const resultFields = {
  respondents: Type.Integer(),
  ikm: Nullable(Type.Number()),
  ikmExact: Nullable(Type.Number()),
  mutu: Nullable(Type.String()),
  kinerja: Nullable(Type.String()),
  kinerjaEn: Nullable(Type.String()),
  elements: Type.Array(ElementResult),
  weakElements: Type.Array(Type.String()),
  sample: Nullable(
    Type.Object({
      population: Type.Integer(),
      required: Type.Integer(),
      respondents: Type.Integer(),
      sufficient: Type.Boolean(),
    }),
  ),
  issues: Type.Array(Type.Object({ code: Type.String(), message: Type.String(), messageEn: Type.String() })),
};
export const IkmView = Type.Object({
  tenantCode: Type.String(),
  filter: Type.Object({
    survey: Nullable(Type.String()),
    agency: Nullable(Type.String()),
    location: Nullable(Type.String()),
    service: Nullable(Type.String()),
    from: Nullable(Type.String()),
    to: Nullable(Type.String()),
  }),
  weight: Type.String(),
  ...resultFields,
  sampleTarget: Nullable(Type.Integer()),
  groups: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), ...resultFields })),
  surveys: Type.Array(Survey),
});

export type SurveyType = Static<typeof Survey>;
export type IkmViewType = Static<typeof IkmView>;
export type InvitationViewType = Static<typeof InvitationView>;
export type QuestionnaireType = Static<typeof Questionnaire>;
