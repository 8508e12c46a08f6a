import type { FieldProblem } from '../api/client.ts';
import type { Field, Province } from '../api/types.ts';
import type { Question, Section, Service, UploadedDocument } from './types.ts';

/**
 * What the pages of a request need to know about a service's questions: where each one is,
 * which comes next, whether a section is done, and which page answers a problem the server named.
 */

export type Place = { section: Section; question: Question; index: number };

/** Every question of a service with its section, in order. */
export function placesOf(service: Service): Place[] {
  return service.sections.flatMap((section) =>
    section.questions.map((question, index) => ({ section, question, index })),
  );
}

export function findPlace(service: Service, questionId: string): Place | undefined {
  return placesOf(service).find((p) => p.question.id === questionId);
}

/** Whether an answer was given: a non-blank text or number, or a non-empty table. */
export function answered(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** A section is complete when every question it requires is answered (tables: at least their minimum rows). */
export function sectionComplete(section: Section, answers: Record<string, unknown>): boolean {
  return section.questions.every((q) => {
    const value = answers[q.id];
    if (q.optional) return true;
    if (q.kind === 'people') return Array.isArray(value) && value.length >= Math.max(1, q.min);
    return answered(value);
  });
}

export function documentsComplete(service: Service, documents: UploadedDocument[]): boolean {
  return service.documents.every((d) => d.optional || documents.some((x) => x.requirement === d.id));
}

/** The address of a question page. */
export function questionPath(code: string, place: { section: Section; question: Question }): string {
  return `/requests/${code}/${place.section.id}/${place.question.id}`;
}

/** The page to open for a section: its first unanswered question, else its first question. */
export function sectionStart(code: string, section: Section, answers: Record<string, unknown>): string {
  const first = section.questions.find((q) => !answered(answers[q.id])) ?? section.questions[0];
  return first ? questionPath(code, { section, question: first }) : `/requests/${code}`;
}

/** The element id of a question's input (a people table: one per row and column). */
export function fieldIdOf(path: string): string {
  return `field-${path.replace(/\./g, '-')}`;
}

/**
 * A problem the server named, located: the question (or document) it is about and, inside a
 * table, the row and column. Paths: `answers.name`, `answers.founders.2.nationalCode`, `documents.statute`.
 */
export type Located = {
  problem: FieldProblem;
  /** The path without `answers.`: `founders.2.nationalCode`. */
  path: string;
  place?: Place;
  document?: string;
  row?: number;
  column?: string;
};

export function locate(service: Service, problem: FieldProblem): Located {
  const parts = problem.path.split('.');
  if (parts[0] === 'documents') return { problem, path: problem.path, document: parts[1] ?? '' };
  const rest = parts[0] === 'answers' ? parts.slice(1) : parts;
  const place = findPlace(service, rest[0] ?? '');
  const row = rest[1] !== undefined && /^\d+$/.test(rest[1]) ? Number(rest[1]) : undefined;

  return { problem, path: rest.join('.'), place, row, column: rest[2] };
}

/** Problems of one question, as the question page shows them (paths without `answers.`). */
export function problemsOf(problems: readonly FieldProblem[], questionId: string): FieldProblem[] {
  return problems
    .map((p) => ({ ...p, path: p.path.replace(/^answers\./, '') }))
    .filter((p) => p.path === questionId || p.path.startsWith(`${questionId}.`));
}

/** A tracking code grouped for reading aloud and copying: 123-456-7890. */
export function groupTrackingCode(code: string): string {
  return code.length === 10 ? `${code.slice(0, 3)}-${code.slice(3, 6)}-${code.slice(6)}` : code;
}

/** A certificate's verification code in groups of four: ABCD-EFGH-JKMN-PQRS. */
export function groupVerificationCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1-');
}

type Named = { nameFa: string; nameEn: string };
const matches = (value: string, item: Named, ...keys: string[]) =>
  [item.nameFa, item.nameEn, ...keys].some((k) => k === value);

/** The province an answer names: by code (as the form sends it), id-less name or English name. */
export function provinceOf(provinces: readonly Province[] | undefined, value: unknown): Province | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  return provinces?.find((p) => matches(value, p, p.code));
}

export function countyOf(province: Province | undefined, value: unknown) {
  if (typeof value !== 'string' || value === '') return undefined;
  return province?.counties.find((c) => matches(value, c, String(c.id)));
}

export function fieldOf(fields: readonly Field[] | undefined, value: unknown): Field | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  return fields?.find((f) => matches(value, f, f.code));
}

export function subfieldOf(field: Field | undefined, value: unknown) {
  if (typeof value !== 'string' || value === '') return undefined;
  return field?.subfields.find((s) => matches(value, s, s.code));
}

/** The first number written in a text, in any digits: the legal minimum in «دست‌کم ۷ نفر». */
export function firstNumberIn(text: string | undefined): number | undefined {
  const match = /[0-9۰-۹]+/.exec(text ?? '');
  if (!match) return undefined;
  const digits = match[0].replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
  return Number(digits);
}

/** Sizes as people read them: bytes, KB or MB (rounded). */
export function sizeParts(bytes: number): { n: number; unit: 'b' | 'kb' | 'mb' } {
  if (bytes < 1024) return { n: bytes, unit: 'b' };
  if (bytes < 1024 * 1024) return { n: Math.round(bytes / 1024), unit: 'kb' };
  return { n: Math.round((bytes / (1024 * 1024)) * 10) / 10, unit: 'mb' };
}
