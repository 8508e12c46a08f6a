import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Navigate,
  Link as RouterLink,
  useLocation,
  useNavigate,
  useParams,
  useSearchParams,
} from 'react-router';
import { formatJalali } from '../../../src/calendar/format.ts';
import { parseDateInput } from '../../../src/calendar/parse.ts';
import { ApiProblem, type FieldProblem, isUnauthorized } from '../api/client.ts';
import { fieldsQuery, provincesQuery } from '../api/queries.ts';
import { PRIVATE } from '../api/session.ts';
import type { Me } from '../api/types.ts';
import { BackLink } from '../components/BackLink.tsx';
import { PrimaryButton } from '../components/Buttons.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { TextInput } from '../components/FormFields.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { useFormErrors } from '../components/use-form-errors.ts';
import { localDigits } from '../format/format.ts';
import { useFormat } from '../format/use-format.ts';
import { SignInAgain, useMe } from '../pages/RequireSignIn.tsx';
import { saveAnswers } from './api.ts';
import { HeadingRadios, HeadingSelect, OPTIONAL_COLUMNS, PeopleInput } from './controls.tsx';
import {
  countyOf,
  fieldIdOf,
  fieldOf,
  findPlace,
  type Place,
  placesOf,
  problemsOf,
  provinceOf,
  questionPath,
  subfieldOf,
} from './model.ts';
import { Caption, NotFound, useBilingual } from './parts.tsx';
import { CHOSEN } from './problems.ts';
import type { PersonColumn, PersonRow, Question, RequestView, Service } from './types.ts';
import { afterChange, editable, WithRequest } from './WithRequest.tsx';

/**
 * /requests/:code/:sectionId/:questionId — one question per page (GOV.UK): the question is the
 * page's heading, «ذخیره و ادامه» saves it (PATCH, checked by the server as given) and goes to
 * the next question of the section, or back to the task list, the check page or the request.
 * A people table (founders) is a repeating group with rows added and removed.
 */
export function QuestionPage() {
  const { code = '', sectionId = '', questionId = '' } = useParams();
  const { t } = useTranslation();

  return (
    <WithRequest code={code}>
      {(request, service) => {
        if (!editable(request)) return <Navigate to={`/requests/${request.trackingCode}`} replace />;
        const place = findPlace(service, questionId);
        if (!place || place.section.id !== sectionId) {
          return (
            <NotFound
              title={t('services.question.notFoundTitle')}
              text={t('services.question.notFoundText')}
              links={[{ to: `/requests/${request.trackingCode}`, label: t('services.question.toTasks') }]}
            />
          );
        }
        return <QuestionForm key={questionId} request={request} service={service} place={place} />;
      }}
    </WithRequest>
  );
}

type Language = 'fa' | 'en';

/** A saved answer as the form shows it: dates in Jalali, digits in the reader's script. */
function shownText(q: Question | { kind: 'date' | 'text' }, value: unknown, language: Language): string {
  if (value === undefined || value === null) return '';
  const digits = (s: string) => localDigits(s, language);
  if (q.kind === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return formatJalali(value, { digits: language === 'fa' ? 'fa' : 'latin' });
  }
  if (typeof value === 'number') return digits(String(value));
  if (
    typeof value === 'string' &&
    ['integer', 'rials', 'postal_code', 'mobile', 'cooperative'].includes(q.kind)
  ) {
    return digits(value);
  }
  return String(value);
}

const DATE_COLUMNS: readonly string[] = ['termStart', 'termEnd'];
const DIGIT_COLUMNS: readonly string[] = ['nationalCode', 'mobile', 'shares'];

function shownRows(
  q: Extract<Question, { kind: 'people' }>,
  value: unknown,
  language: Language,
  me: Me,
): PersonRow[] {
  const saved = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
  if (saved.length === 0) {
    // The founders' list starts with the applicant, who must be on it.
    if (q.id === 'founders') {
      const mine: PersonRow = {};
      if (q.columns.includes('nationalCode')) mine.nationalCode = localDigits(me.nationalCode, language);
      if (q.columns.includes('firstName')) mine.firstName = me.firstName;
      if (q.columns.includes('lastName')) mine.lastName = me.lastName;
      return [mine];
    }
    return [{}];
  }
  return saved.map((row) => {
    const shown: PersonRow = {};
    for (const c of q.columns) {
      const cell = row[c];
      if (cell === undefined || cell === null) continue;
      if (DATE_COLUMNS.includes(c)) shown[c] = shownText({ kind: 'date' }, cell, language);
      else if (DIGIT_COLUMNS.includes(c)) shown[c] = localDigits(String(cell), language);
      else shown[c] = String(cell);
    }
    return shown;
  });
}

/** A saved answer as paths and values (a table: one per cell), for the error messages. */
function savedValues(q: Question, value: unknown): Record<string, unknown> {
  const values: Record<string, unknown> = { [q.id]: value };
  if (q.kind === 'people' && Array.isArray(value)) {
    (value as Record<string, unknown>[]).forEach((row, i) => {
      for (const c of q.columns) values[`${q.id}.${i}.${c}`] = row[c];
    });
  }
  return values;
}

const blankRow = (row: PersonRow) => Object.values(row).every((v) => v === undefined || v.trim() === '');

/** The server's problem with `answers.` taken off its paths, as the page's fields are named. */
function onThisPage(error: unknown): unknown {
  if (!(error instanceof ApiProblem)) return error;
  return problemOf(error.status, {
    code: error.code,
    message: error.messages,
    fields: error.fields.map((f) => ({ ...f, path: f.path.replace(/^answers\./, '') })),
  });
}

/** A problem+json body made here: one the server sent, renamed, or a blank answer seen before sending. */
function problemOf(
  status: number,
  body: { code: string; message: { fa: string; en: string }; fields: FieldProblem[] },
) {
  return new ApiProblem(status, body as unknown as ConstructorParameters<typeof ApiProblem>[1]);
}

function problemWith(fields: FieldProblem[]): ApiProblem {
  return problemOf(400, { code: 'INVALID_INPUT', message: { fa: 'خطا', en: 'Error' }, fields });
}

function QuestionForm({ request, service, place }: { request: RequestView; service: Service; place: Place }) {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useBilingual();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const provinces = useQuery(provincesQuery);
  const fields = useQuery(fieldsQuery);
  const q = place.question;
  const code = request.trackingCode;
  const returnTo = params.get('return');
  const [value, setValue] = useState(() =>
    q.kind === 'people' ? '' : shownText(q, request.answers[q.id], format.language),
  );
  const [rows, setRows] = useState<PersonRow[]>(() =>
    q.kind === 'people' ? shownRows(q, request.answers[q.id], format.language, me) : [],
  );
  // The answers the server's verdict is about: the saved ones until the page sends its own.
  const [asSent, setAsSent] = useState<Record<string, unknown>>(() => savedValues(q, request.answers[q.id]));
  const [local, setLocal] = useState<{ problem: ApiProblem; at: number } | null>(null);
  // Problems named when the request was submitted, brought here by the check page's summary.
  const [carried, setCarried] = useState(() => {
    const problems = (location.state as { problems?: FieldProblem[] } | null)?.problems ?? [];
    const mine = problemsOf(problems, q.id);
    return mine.length > 0 ? problemWith(mine) : null;
  });

  const save = useMutation({
    mutationFn: async (answers: Record<string, unknown>) => {
      try {
        await saveAnswers(code, answers);
      } catch (error) {
        throw onThisPage(error);
      }
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: [PRIVATE, 'request', code] });
      navigate(nextPage());
    },
  });

  const places = placesOf(service).filter((p) => p.section.id === place.section.id);
  const nextPage = () => {
    if (returnTo === 'check' || request.status.code === 'more_info') return afterChange(request, returnTo);
    const next = places[place.index + 1];
    return next ? questionPath(code, next) : `/requests/${code}`;
  };
  const backTo = (() => {
    if (returnTo === 'check' || request.status.code === 'more_info') return afterChange(request, returnTo);
    const previous = places[place.index - 1];
    return previous ? questionPath(code, previous) : `/requests/${code}`;
  })();

  const label = text(q.label);
  const columns: readonly PersonColumn[] = q.kind === 'people' ? q.columns : [];
  const fieldIds: Record<string, string> = { [q.id]: fieldIdOf(q.id) };
  const labels: Record<string, string> = { [q.id]: label };
  const choices: string[] = CHOSEN.includes(q.kind) ? [q.id] : [];
  if (q.kind === 'people') {
    fieldIds[q.id] =
      rows.length > 0 ? fieldIdOf(`${q.id}.0.${columns[0] ?? 'nationalCode'}`) : `${fieldIdOf(q.id)}-add`;
    rows.forEach((_, i) => {
      for (const c of columns) {
        const path = `${q.id}.${i}.${c}`;
        fieldIds[path] = fieldIdOf(path);
        labels[path] =
          `${t('services.people.row', { n: format.number(i + 1) })}${format.language === 'fa' ? '، ' : ', '}${t(`services.columns.${c}`)}`;
        if (c === 'role' || c === 'position') choices.push(path);
      }
    });
  }
  const error = local?.problem ?? save.error ?? carried;
  const errors = useFormErrors(error, fieldIds, {
    values: asSent,
    labels,
    choices,
    generalFieldId: fieldIds[q.id],
  });
  if (isUnauthorized(save.error)) return <SignInAgain />;

  const provinceItems = provinces.data?.items;
  const fieldItems = fields.data?.items;
  const name = (n: { nameFa: string; nameEn: string }) => (format.language === 'en' ? n.nameEn : n.nameFa);
  // A place or field as the select holds it: by its code (or a county's id), whatever was saved.
  const selected = (() => {
    switch (q.kind) {
      case 'province':
        return provinceOf(provinceItems, value)?.code ?? value;
      case 'county':
        return String(
          countyOf(provinceOf(provinceItems, request.answers[q.provinceQuestion]), value)?.id ?? value,
        );
      case 'field':
        return fieldOf(fieldItems, value)?.code ?? value;
      case 'subfield':
        return subfieldOf(fieldOf(fieldItems, request.answers[q.fieldQuestion]), value)?.code ?? value;
      default:
        return value;
    }
  })();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setLocal(null);
    setCarried(null);
    save.reset();
    if (q.kind === 'people') {
      const kept = rows.filter((row) => !blankRow(row));
      const answer = kept.map((row) =>
        Object.fromEntries(
          columns
            .filter((c) => (row[c] ?? '').trim() !== '' || !OPTIONAL_COLUMNS.includes(c))
            .map((c) => [c, (row[c] ?? '').trim()]),
        ),
      );
      setRows(kept.length > 0 ? kept : rows);
      const sent: Record<string, unknown> = { [q.id]: answer.length > 0 ? answer : '' };
      answer.forEach((row, i) => {
        for (const c of columns) sent[`${q.id}.${i}.${c}`] = row[c] ?? '';
      });
      setAsSent(sent);
      if (answer.length === 0 && !q.optional) {
        setLocal({
          problem: problemWith([{ path: q.id, code: 'required', message: { fa: '', en: '' } }]),
          at: Date.now(),
        });
        return;
      }
      save.mutate({ [q.id]: answer.length > 0 ? answer : '' });
      return;
    }
    const answer = selected.trim();
    setAsSent({ [q.id]: answer });
    if (answer === '' && !q.optional) {
      setLocal({
        problem: problemWith([{ path: q.id, code: 'required', message: { fa: '', en: '' } }]),
        at: Date.now(),
      });
      return;
    }
    save.mutate({ [q.id]: answer, ...dependentsCleared(answer) });
  };

  /** A new province or field leaves a county or sub-field of the old one unanswered. */
  const dependentsCleared = (answer: string): Record<string, string> => {
    const cleared: Record<string, string> = {};
    for (const other of placesOf(service).map((p) => p.question)) {
      if (other.kind === 'county' && other.provinceQuestion === q.id && provinceItems) {
        const stays = countyOf(provinceOf(provinceItems, answer), request.answers[other.id]);
        if (request.answers[other.id] !== undefined && !stays) cleared[other.id] = '';
      }
      if (other.kind === 'subfield' && other.fieldQuestion === q.id && fieldItems) {
        const stays = subfieldOf(fieldOf(fieldItems, answer), request.answers[other.id]);
        if (request.answers[other.id] !== undefined && !stays) cleared[other.id] = '';
      }
    }
    return cleared;
  };

  const common = {
    id: fieldIdOf(q.id),
    name: q.id,
    label: `${label}${q.optional ? ` ${t('forms.optional')}` : ''}`,
    error: errors.of(q.id),
    value: selected,
    onChange: setValue,
  };
  const hint = text(q.hint) || undefined;

  /**
   * A select whose options depend on an earlier answer (a province's counties, a field's
   * sub-fields): until that answer is given, a link to its question instead.
   */
  const dependentSelect = (
    parentKnown: boolean,
    parentQuestion: string,
    selectHint: string | undefined,
    options: { value: string; label: string }[],
  ) => {
    const parentPlace = findPlace(service, parentQuestion);
    if (!parentKnown && parentPlace) {
      return (
        <FirstAnswer
          label={label}
          to={questionPath(code, parentPlace)}
          what={text(parentPlace.question.label)}
        />
      );
    }
    return <HeadingSelect {...common} hint={selectHint} emptyLabel={t('forms.choose')} options={options} />;
  };

  const control = (() => {
    switch (q.kind) {
      case 'choice':
        return (
          <HeadingRadios
            {...common}
            hint={hint}
            options={q.choices.map((c) => ({ value: c.value, label: text(c.label) }))}
          />
        );
      case 'province':
        return (
          <HeadingSelect
            {...common}
            hint={hint}
            emptyLabel={t('forms.choose')}
            options={(provinceItems ?? []).map((p) => ({ value: p.code, label: name(p) }))}
          />
        );
      case 'county': {
        const province = provinceOf(provinceItems, request.answers[q.provinceQuestion]);
        return dependentSelect(
          Boolean(province) || !provinceItems,
          q.provinceQuestion,
          hint ?? (province ? t('services.question.countyOf', { province: name(province) }) : undefined),
          (province?.counties ?? []).map((c) => ({ value: String(c.id), label: name(c) })),
        );
      }
      case 'field':
        return (
          <HeadingSelect
            {...common}
            hint={hint}
            emptyLabel={t('forms.choose')}
            options={(fieldItems ?? []).map((f) => ({ value: f.code, label: name(f) }))}
          />
        );
      case 'subfield': {
        const field = fieldOf(fieldItems, request.answers[q.fieldQuestion]);
        return dependentSelect(
          Boolean(field) || !fieldItems,
          q.fieldQuestion,
          hint ?? (field && field.subfields.length === 0 ? t('services.question.noSubfields') : undefined),
          (field?.subfields ?? []).map((s) => ({ value: s.code, label: name(s) })),
        );
      }
      case 'people':
        return (
          <PeopleInput
            id={q.id}
            label={label}
            hint={hint}
            error={errors.of(q.id)}
            rows={rows}
            onChange={setRows}
            columns={q.columns}
            max={q.max}
            errorOf={errors.of}
          />
        );
      case 'textarea':
        return <TextInput {...common} hint={hint} labelAsHeading multiline rows={6} />;
      case 'date': {
        const parsed = parseDateInput(value);
        const dateHint = hint ?? t('forms.dateHint');
        return (
          <TextInput
            {...common}
            hint={parsed.ok ? `${dateHint} — ${format.date(parsed.value)}` : dateHint}
            labelAsHeading
            width="12em"
            autoComplete="off"
          />
        );
      }
      case 'rials': {
        const digits = value
          .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
          .replace(/[,٬\s]/g, '');
        const amount = /^\d+$/.test(digits) ? Number(digits) : null;
        const rialsHint = [
          hint,
          amount !== null
            ? t('services.question.rialsIs', {
                rials: format.number(amount),
                toman: format.number(Math.floor(amount / 10)),
              })
            : t('services.question.rialsHint'),
        ]
          .filter(Boolean)
          .join(' — ');
        return (
          <TextInput
            {...common}
            hint={rialsHint}
            labelAsHeading
            inputMode="numeric"
            width="18em"
            autoComplete="off"
          />
        );
      }
      case 'integer':
        return (
          <TextInput
            {...common}
            hint={hint}
            labelAsHeading
            inputMode="numeric"
            width="8em"
            autoComplete="off"
          />
        );
      case 'postal_code':
        return (
          <TextInput
            {...common}
            hint={hint ?? t('services.question.postalHint')}
            labelAsHeading
            inputMode="numeric"
            width="12em"
            autoComplete="postal-code"
          />
        );
      case 'mobile':
        return (
          <TextInput
            {...common}
            hint={hint ?? t('services.question.mobileHint')}
            labelAsHeading
            inputMode="tel"
            width="12em"
            autoComplete="tel"
          />
        );
      case 'cooperative':
        return (
          <TextInput
            {...common}
            hint={hint}
            labelAsHeading
            inputMode="numeric"
            width="14em"
            autoComplete="off"
          />
        );
      default:
        return <TextInput {...common} hint={hint} labelAsHeading autoComplete="off" />;
    }
  })();

  return (
    <Box sx={{ maxWidth: q.kind === 'people' ? '52rem' : '40rem' }}>
      <PageTitle title={label} error={errors.shown} />
      <BackLink to={backTo} />
      {errors.shown && <ErrorSummary key={local?.at ?? save.submittedAt} errors={errors.items} />}
      <Caption>
        {text(service.title)} — {text(place.section.title)}
      </Caption>
      <Box component="form" noValidate onSubmit={submit} data-testid="question-form" data-question={q.id}>
        {control}
        <PrimaryButton disabled={save.isPending}>{t('services.question.save')}</PrimaryButton>
      </Box>
    </Box>
  );
}

/** A county asked before its province (or a sub-field before its field): answer that first. */
function FirstAnswer({ label, to, what }: { label: string; to: string; what: string }) {
  const { t } = useTranslation();
  return (
    <Box sx={{ mb: 3 }}>
      <Typography variant="h1" sx={{ mb: 2 }}>
        {label}
      </Typography>
      <Typography sx={{ mb: 1 }}>{t('services.question.answerFirst', { what })}</Typography>
      <Link component={RouterLink} to={to}>
        {what}
      </Link>
    </Box>
  );
}
