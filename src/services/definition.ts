import { z } from 'zod';
import type { Actor } from '../access/index.ts';
import type { Context } from '../context/context.ts';
import type { Executor } from '../db/database.ts';
import type { Bilingual, FieldError } from '../errors/app-error.ts';
import {
  blankToUndefined,
  zDate,
  zEnum,
  zInt,
  zLegalId,
  zMobile,
  zNationalCode,
  zPostalCode,
  zRials,
  zText,
} from '../validation/fields.ts';

/**
 * A service of the single window as data: its questions (grouped into the sections of a task
 * list, one question per page in the web app), who may apply, the documents it needs, which
 * office decides and by when, the checks run on submission and what approval does to the
 * register. The routes, the web app's pages, the officers' inbox and the statistics are written
 * once against this shape, so a new service (a credit line, a training course) is a new file in
 * `catalogue/` and nothing else.
 */

/** A column of a people table (founders, new officers). */
export type PersonColumn =
  | 'nationalCode'
  | 'firstName'
  | 'lastName'
  | 'mobile'
  | 'shares'
  | 'role'
  | 'position'
  | 'termStart'
  | 'termEnd';

export type Choice = { value: string; label: Bilingual };

/** One question. `id` is the key of the answer; the web app renders each kind with one control. */
export type Question = {
  id: string;
  label: Bilingual;
  hint?: Bilingual;
  optional?: boolean;
} & (
  | { kind: 'text'; max: number }
  | { kind: 'textarea'; max: number }
  | { kind: 'integer'; min: number; max: number }
  | { kind: 'rials' }
  | { kind: 'date' }
  | { kind: 'postal_code' }
  | { kind: 'mobile' }
  | { kind: 'choice'; choices: readonly Choice[] }
  | { kind: 'province' }
  /** A county of the province answered in `provinceQuestion`. */
  | { kind: 'county'; provinceQuestion: string }
  | { kind: 'field' }
  | { kind: 'subfield'; fieldQuestion: string }
  /** The legal national ID of the cooperative the request concerns. */
  | { kind: 'cooperative' }
  /** A table of people: founders, the officers elected. */
  | { kind: 'people'; min: number; max: number; columns: readonly PersonColumn[] }
);

export type Section = { id: string; title: Bilingual; questions: readonly Question[] };

/** A document the applicant uploads (PDF or a scan). */
export type DocumentRequirement = { id: string; label: Bilingual; hint?: Bilingual; optional?: boolean };

/**
 * Who may apply: any signed-in person, a member of the cooperative concerned, or its board
 * (directors and the managing director).
 */
export type Applicant = 'anyone' | 'member' | 'board';

/**
 * Who decides: the ministry's county office of the cooperative's place (province officers may
 * act too, and take over when the deadline passes), the province office, the cooperative's
 * inspector, or nobody (issued on submission when the checks pass).
 */
export type Office = 'county' | 'province' | 'inspector' | 'automatic';

/** How a request ends: approval (maker-checker) or rejection, or an answer (complaints, questions). */
export type Outcome = 'approve' | 'answer';

/** What a request knows when its checks and effects run. */
export type RequestFacts = {
  requestId: number;
  trackingCode: string;
  applicantPersonId: number;
  cooperativeId: number | null;
  answers: Record<string, unknown>;
};

/** The register's side of a decision, kept with the decision (and so in the ledger). */
export type Effect = Record<string, string | number | boolean | null | Array<string | number>>;

export type ServiceDefinition = {
  id: string;
  title: Bilingual;
  summary: Bilingual;
  /** What happens after submission, shown on the start and confirmation pages. */
  nextSteps: readonly Bilingual[];
  /** Groups of services on the catalogue page. */
  group: 'registration' | 'amendments' | 'filings' | 'certificates' | 'complaints' | 'other';
  applicant: Applicant;
  /** Whether the request concerns an existing cooperative (its legal ID is the `cooperativeLegalId` answer). */
  concernsCooperative: 'required' | 'optional' | 'none';
  sections: readonly Section[];
  documents: readonly DocumentRequirement[];
  office: Office;
  outcome: Outcome;
  /** Days from submission to the decision (configuration: `TAAVON_SERVICE_DAYS_<ID>`). */
  timeLimitDays: number;
  /**
   * Checks that need the register, run on submission (and when the applicant answers a request for
   * more information): each returns every failing field. Reads only.
   */
  check?: (tx: Executor, ctx: Context, facts: RequestFacts, actor: Actor) => Promise<FieldError[]>;
  /** What approval does to the register, in the decision's transaction; returns what it did. */
  approve?: (tx: Executor, ctx: Context, facts: RequestFacts) => Promise<Effect & { cooperativeId?: number }>;
};

/** Every question of a service, in order. */
export function questionsOf(service: ServiceDefinition): Question[] {
  return service.sections.flatMap((s) => s.questions);
}

const PERSON_COLUMNS: Record<PersonColumn, z.ZodType> = {
  nationalCode: zNationalCode,
  firstName: zText(80),
  lastName: zText(80),
  mobile: blankToUndefined(zMobile),
  shares: zInt(1, 1_000_000_000),
  role: zEnum([
    'board_principal',
    'board_alternate',
    'managing_director',
    'inspector_principal',
    'inspector_alternate',
  ]),
  position: blankToUndefined(zEnum(['chair', 'vice_chair', 'secretary', 'member'])),
  termStart: zDate,
  termEnd: zDate,
};

/** The schema of one answer. */
function answerSchema(q: Question): z.ZodType {
  switch (q.kind) {
    case 'text':
    case 'textarea':
      return zText(q.max);
    case 'integer':
      return zInt(q.min, q.max);
    case 'rials':
      return zRials;
    case 'date':
      return zDate;
    case 'postal_code':
      return zPostalCode;
    case 'mobile':
      return zMobile;
    case 'choice':
      return zEnum(q.choices.map((c) => c.value) as [string, ...string[]]);
    case 'province':
    case 'county':
    case 'field':
    case 'subfield':
      return zText(80);
    case 'cooperative':
      return zLegalId;
    case 'people': {
      const row = z.object(Object.fromEntries(q.columns.map((c) => [c, PERSON_COLUMNS[c]]))).strict();
      return z
        .array(row, { error: 'required' })
        .min(q.min, { error: 'too_few' })
        .max(q.max, { error: 'too_many' });
    }
  }
}

/**
 * The schema of a service's answers. `complete`: every required question answered (submission);
 * otherwise every answer optional (a draft saved page by page), but each given answer still valid.
 */
export function answersSchema(service: ServiceDefinition, options: { complete: boolean }) {
  const shape: Record<string, z.ZodType> = {};
  for (const q of questionsOf(service)) {
    const schema = answerSchema(q);
    shape[q.id] = options.complete && !q.optional ? schema : blankToUndefined(schema);
  }

  return z.object(shape).strict();
}
