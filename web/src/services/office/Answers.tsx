import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { parseDateInput } from '../../../../src/calendar/parse.ts';
import { fieldsQuery, provincesQuery } from '../../api/queries.ts';
import type { Field, Province } from '../../api/types.ts';
import { colours } from '../../app/theme.ts';
import { SummaryList, type SummaryRow } from '../../components/SummaryList.tsx';
import { useFormat } from '../../format/use-format.ts';
import type { CaseRequest, PersonColumn, Question, ServiceDefinition } from './api.ts';

type Format = ReturnType<typeof useFormat>;

/** A code, a number or an ID written left to right, in the reader's digits. */
function Ltr({ children }: { children: string }) {
  return (
    <Box component="bdi" dir="ltr" sx={{ unicodeBidi: 'isolate' }}>
      {children}
    </Box>
  );
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** A date as saved (`2026-11-28`) or as typed (`۱۴۰۵/۰۹/۰۷`), shown in the Jalali calendar. */
function dateText(value: unknown, format: Format): string {
  const parsed = parseDateInput(String(value));
  return parsed.ok ? format.date(parsed.value) : format.digits(String(value));
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

function findProvince(provinces: Province[] | undefined, value: unknown): Province | undefined {
  const text = String(value ?? '');
  return provinces?.find((p) => same(p.code, text) || same(p.nameFa, text) || same(p.nameEn, text));
}

function findField(fields: Field[] | undefined, value: unknown): Field | undefined {
  const text = String(value ?? '');
  return fields?.find((f) => same(f.code, text) || same(f.nameFa, text) || same(f.nameEn, text));
}

/**
 * The applicant's answers, rendered from the service's own questions (GET /services/:id): each
 * kind as the reader expects it — Jalali dates, rials with Persian digits and separators, choices
 * and places by name, people as a table.
 */
export function Answers({ request, service }: { request: CaseRequest; service: ServiceDefinition }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const format = useFormat();
  const provinces = useQuery(provincesQuery).data?.items;
  const fields = useQuery(fieldsQuery).data?.items;
  const answers = request.answers;

  const value = (q: Question): ReactNode => {
    const v = answers[q.id];
    if (isBlank(v)) {
      return (
        <Box component="span" sx={{ color: colours.secondaryText }}>
          {t('office.case.notAnswered')}
        </Box>
      );
    }
    switch (q.kind) {
      case 'text':
      case 'textarea':
        return (
          <Box component="span" sx={{ display: 'block', whiteSpace: 'pre-wrap' }}>
            <bdi>{format.digits(String(v))}</bdi>
          </Box>
        );
      case 'integer':
        return format.digits(String(v));
      case 'rials': {
        const n = Number(String(v).replace(/[,٬\s]/g, ''));
        return Number.isFinite(n)
          ? t('office.answers.rials', { n: format.number(n) })
          : format.digits(String(v));
      }
      case 'date':
        return dateText(v, format);
      case 'postal_code':
      case 'mobile':
        return <Ltr>{format.digits(String(v))}</Ltr>;
      case 'choice': {
        const choice = q.choices.find((c) => c.value === v);
        return choice ? (en ? choice.label.en : choice.label.fa) : String(v);
      }
      case 'province': {
        const p = findProvince(provinces, v);
        return p ? (en ? p.nameEn : p.nameFa) : String(v);
      }
      case 'county': {
        const p = findProvince(provinces, answers[q.provinceQuestion]);
        const text = String(v);
        const c = p?.counties.find(
          (x) => same(x.nameFa, text) || same(x.nameEn, text) || String(x.id) === text,
        );
        return c ? (en ? c.nameEn : c.nameFa) : text;
      }
      case 'field': {
        const f = findField(fields, v);
        return f ? (en ? f.nameEn : f.nameFa) : String(v);
      }
      case 'subfield': {
        const f = findField(fields, answers[q.fieldQuestion]);
        const text = String(v);
        const s = f?.subfields.find(
          (x) => same(x.code, text) || same(x.nameFa, text) || same(x.nameEn, text),
        );
        return s ? (en ? s.nameEn : s.nameFa) : text;
      }
      case 'cooperative': {
        const legalId = String(v);
        const name = request.cooperative?.legalId === legalId ? request.cooperative.name : null;
        return (
          <>
            <Link component={RouterLink} to={`/cooperatives/${encodeURIComponent(legalId)}`}>
              <Ltr>{format.digits(legalId)}</Ltr>
            </Link>
            {name && (
              <Box component="span" sx={{ display: 'block' }}>
                <bdi>{name}</bdi>
              </Box>
            )}
          </>
        );
      }
      case 'people':
        return null;
    }
  };

  return (
    <Box data-testid="answers">
      {service.sections.map((section) => {
        // Consecutive simple answers make one summary list; a people table stands on its own.
        const blocks: Array<
          { key: string; rows: SummaryRow[] } | { key: string; people: Question & { kind: 'people' } }
        > = [];
        for (const q of section.questions) {
          if (q.kind === 'people') {
            blocks.push({ key: q.id, people: q });
            continue;
          }
          const last = blocks[blocks.length - 1];
          const row = { key: en ? q.label.en : q.label.fa, value: value(q) };
          if (last && 'rows' in last) last.rows.push(row);
          else blocks.push({ key: q.id, rows: [row] });
        }
        return (
          <Box component="section" key={section.id} aria-labelledby={`answers-${section.id}`} sx={{ mb: 1 }}>
            <Typography variant="h3" id={`answers-${section.id}`} sx={{ mb: 1 }}>
              {en ? section.title.en : section.title.fa}
            </Typography>
            {blocks.map((block) =>
              'rows' in block ? (
                <SummaryList key={block.key} rows={block.rows} />
              ) : (
                <PeopleTable key={block.key} question={block.people} value={answers[block.people.id]} />
              ),
            )}
          </Box>
        );
      })}
    </Box>
  );
}

function personCell(
  column: PersonColumn,
  value: unknown,
  t: (key: string) => string,
  format: Format,
): ReactNode {
  if (isBlank(value)) return '—';
  switch (column) {
    case 'nationalCode':
    case 'mobile':
      return <Ltr>{format.digits(String(value))}</Ltr>;
    case 'shares':
      return format.number(Number(value));
    case 'role':
      return t(`office.answers.roles.${String(value)}`);
    case 'position':
      return t(`office.answers.positions.${String(value)}`);
    case 'termStart':
    case 'termEnd':
      return (
        <Box component="span" sx={{ whiteSpace: 'nowrap' }}>
          {dateText(value, format)}
        </Box>
      );
    default:
      return <bdi>{String(value)}</bdi>;
  }
}

/** A people answer (founders, officers elected) as a table, a row per person. */
function PeopleTable({ question, value }: { question: Question & { kind: 'people' }; value: unknown }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const en = i18n.language === 'en';
  const rows = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
  const id = `people-${question.id}`;

  return (
    <Box sx={{ mb: 4 }} data-testid={id}>
      <Typography component="h4" id={`${id}-caption`} sx={{ fontWeight: 700, mb: 0.5 }}>
        {en ? question.label.en : question.label.fa}{' '}
        <Box component="span" sx={{ fontWeight: 400, color: colours.secondaryText }}>
          ({t('office.answers.people', { count: rows.length, n: format.number(rows.length) })})
        </Box>
      </Typography>
      {rows.length === 0 ? (
        <Typography sx={{ color: colours.secondaryText }}>{t('office.case.notAnswered')}</Typography>
      ) : (
        <TableContainer role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{t('office.answers.rowNo')}</TableCell>
                {question.columns.map((c) => (
                  <TableCell key={c}>{t(`office.answers.columns.${c}`)}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((row, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the rows are the answer's, in its order, never reordered
                <TableRow key={i} data-testid="person-row">
                  <TableCell component="th" scope="row" sx={{ fontWeight: 400 }}>
                    {format.number(i + 1)}
                  </TableCell>
                  {question.columns.map((c) => (
                    <TableCell key={c}>{personCell(c, row[c], t, format)}</TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Box>
  );
}
