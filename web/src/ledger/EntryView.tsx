import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import {
  ASSEMBLY_KIND_LABELS,
  BOARD_POSITION_LABELS,
  FILING_KIND_LABELS,
  OFFICER_ROLE_LABELS,
} from '../../../src/governance/vocabulary.ts';
import { STATUS_LABELS } from '../../../src/registry/cooperative-status.ts';
import { colours } from '../app/theme.ts';
import { Bidi } from '../components/Bidi.tsx';
import { formatRials } from '../format/format.ts';
import { useFormat } from '../format/use-format.ts';
import { Hash } from './Hash.tsx';
import type { EntryBody } from './verify.ts';

type Bilingual = { fa: string; en: string };
type Data = Record<string, unknown>;

/** What the feed knows beyond one entry: other entries by subject, approvals per payment. */
export type FeedContext = {
  bySubject: ReadonlyMap<string, EntryBody>;
  /** Approvals seen in the feed, per payment subject (`payment:12`): approvers' names. */
  approvals: ReadonlyMap<string, string[]>;
  /** Whether the feed shows approvals at all (a kind filter may hide them). */
  approvalsShown: boolean;
  /** Identifiers opened by an inspector or officer: path → value, checked against the commitment. */
  revealed?: ReadonlyMap<string, { value: string; ok: boolean }>;
  /** The monitoring rules' titles (the public catalogue), for alert entries. */
  ruleTitles?: ReadonlyMap<string, Bilingual>;
  /** Where an alert is shown (the members' alerts page), for alert entries. */
  alertHref?: (alertId: number) => string;
};

/** The i18n key of an entry kind: dots are key separators, so `payment.recorded` → `payment_recorded`. */
export const kindKey = (kind: string) => kind.replace(/\./g, '_');

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const obj = (v: unknown): Data | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Data) : null;
const isCommitment = (v: unknown): v is { commitment: string } =>
  typeof obj(v)?.commitment === 'string' && Object.keys(v as Data).length === 1;

/** Whether an entry body holds committed identifiers (an inspector may open them). */
export function hasCommitments(value: unknown): boolean {
  if (isCommitment(value)) return true;
  if (Array.isArray(value)) return value.some(hasCommitments);
  const o = obj(value);
  return o ? Object.values(o).some(hasCommitments) : false;
}

type Row = { key: string; value: ReactNode } | null;

function Facts({ rows }: { rows: Row[] }) {
  const shown = rows.filter((r): r is { key: string; value: ReactNode } => r !== null);
  if (shown.length === 0) return null;

  return (
    <Box
      component="dl"
      sx={{
        m: 0,
        display: 'grid',
        gridTemplateColumns: { xs: '1fr', sm: 'minmax(8rem, 32%) 1fr' },
        columnGap: 2,
        rowGap: { xs: 0, sm: 0.5 },
        '& dt': { fontWeight: 700, color: colours.secondaryText, fontSize: '0.95rem' },
        '& dd': { m: 0, mb: { xs: 1, sm: 0 }, overflowWrap: 'anywhere' },
      }}
    >
      {shown.map((r) => (
        <Box key={r.key} sx={{ display: 'contents' }}>
          <dt>{r.key}</dt>
          <dd>{r.value}</dd>
        </Box>
      ))}
    </Box>
  );
}

/** The formatters an entry needs, in the reader's language. */
function useEntryFormat() {
  const { t } = useTranslation();
  const format = useFormat();
  const en = format.language === 'en';
  const label = (labels: Record<string, Bilingual>, code: unknown) => {
    const c = str(code);
    if (!c) return null;
    const l = labels[c];
    return l ? (en ? l.en : l.fa) : c;
  };
  const money = (rials: unknown) => {
    const n = num(rials);
    if (n === null) return null;
    const m = formatRials(n, format.language);
    return `${t('profile.rials', { n: m.rials })} (${t('profile.toman', { n: m.toman })})`;
  };
  const date = (iso: unknown) => {
    const d = str(iso);
    if (!d) return null;
    return /^\d{4}-\d{2}-\d{2}$/.test(d) ? format.date(d) : format.instant(d);
  };
  /** Free text as written (Persian digits; Latin runs isolated so punctuation stays put). */
  const text = (v: unknown) => {
    const s = str(v);
    // <bdi>: the text's own direction (Persian text on the English page keeps its full stop at its end).
    return s ? (
      <bdi>
        <Bidi>{format.digits(s)}</Bidi>
      </bdi>
    ) : null;
  };
  /** A code of the entry's vocabulary (`ledger.vote.for`), or the code itself when unknown. */
  const code = (group: string, value: unknown) => {
    const c = str(value);
    if (!c) return null;
    const key = `ledger.${group}.${c}`;
    const text = t(key);
    return text === key ? c : text;
  };

  return { t, format, en, label, money, date, code, text };
}

type EntryFormat = ReturnType<typeof useEntryFormat>;

/** A committed identifier: hidden unless opened (and then checked against the commitment). */
function Secret({ value, path, ctx }: { value: { commitment: string }; path: string; ctx: FeedContext }) {
  const { t } = useTranslation();
  const f = { format: useFormat() };
  const opened = ctx.revealed?.get(path);
  if (opened) {
    return opened.ok ? (
      <Box component="span" data-testid="identifier-revealed">
        <bdi dir="ltr">{f.format.digits(opened.value)}</bdi>{' '}
        <Box component="span" sx={{ color: colours.green, fontWeight: 700, fontSize: '0.9rem' }}>
          ({t('ledger.identifier.matches')})
        </Box>
      </Box>
    ) : (
      <Box component="span" sx={{ color: colours.red, fontWeight: 700 }}>
        {t('ledger.identifier.mismatch')}
      </Box>
    );
  }

  return (
    <Box component="span" sx={{ color: colours.secondaryText }}>
      {t('ledger.identifier.hidden')}{' '}
      <Box component="span" sx={{ fontSize: '0.85rem' }}>
        ({t('ledger.identifier.commitment')} <Hash value={value.commitment} short />)
      </Box>
    </Box>
  );
}

/** A value that may be a committed identifier, a Latin identifier or plain text. */
function Ident({ value, path, ctx, f }: { value: unknown; path: string; ctx: FeedContext; f: EntryFormat }) {
  if (isCommitment(value)) return <Secret value={value} path={path} ctx={ctx} />;
  const s = str(value);
  if (!s) return null;
  return <bdi>{f.format.digits(s)}</bdi>;
}

function partyRows(party: unknown, ctx: FeedContext, f: EntryFormat, role: string, path: string): Row[] {
  const p = obj(party);
  if (!p) return [];
  const kind = str(p.kind);
  return [
    { key: role, value: str(p.name) ?? '—' },
    kind ? { key: f.t('ledger.party.kind'), value: f.code('partyKind', kind) } : null,
    p.nationalCode !== undefined && p.nationalCode !== null
      ? {
          key: f.t('ledger.party.nationalCode'),
          value: <Ident value={p.nationalCode} path={`${path}.nationalCode`} ctx={ctx} f={f} />,
        }
      : null,
    str(p.legalId)
      ? { key: f.t('ledger.party.legalId'), value: <bdi>{f.format.digits(str(p.legalId) ?? '')}</bdi> }
      : null,
  ];
}

/** How a record names its authority: a recorded resolution (its number, when the feed shows it) or a text reference. */
function resolutionText(d: Data, ctx: FeedContext, f: EntryFormat): ReactNode {
  const id = num(d.resolutionId);
  if (id !== null) {
    const r = ctx.bySubject.get(`resolution:${id}`);
    const number = str(r?.data.number);
    const meetingOn = str(r?.data.meetingOn);
    if (number) {
      return f.t('ledger.resolutionRef', {
        number: f.format.digits(number),
        date: meetingOn ? f.format.date(meetingOn) : '—',
      });
    }
    return f.t('ledger.resolutionId', { id: f.format.number(id) });
  }
  const ref = str(d.resolutionRef);
  return ref ? f.format.digits(ref) : null;
}

function ApprovalState({
  d,
  subject,
  ctx,
  f,
}: {
  d: Data;
  subject: string | null;
  ctx: FeedContext;
  f: EntryFormat;
}) {
  const required = num(d.requiredApprovals) ?? 0;
  if (required === 0) return <>{f.t('ledger.approval.notNeeded')}</>;
  if (!ctx.approvalsShown || !subject) {
    return <>{f.t('ledger.approval.needs', { n: f.format.number(required) })}</>;
  }
  const names = ctx.approvals.get(subject) ?? [];
  const done = names.length >= required;
  return (
    <Box component="span">
      <Box component="span" sx={{ fontWeight: 700, color: done ? colours.green : colours.orange }}>
        {done ? f.t('ledger.approval.approved') : f.t('ledger.approval.pending')}
      </Box>{' '}
      ({f.t('ledger.approval.count', { n: f.format.number(names.length), of: f.format.number(required) })})
      {names.length > 0 && (
        <Box component="span" sx={{ display: 'block', fontSize: '0.9rem' }}>
          {f.t('ledger.approval.by', { names: names.join(f.en ? ', ' : '، ') })}
        </Box>
      )}
    </Box>
  );
}

function Votes({ d, labels, f }: { d: Data; labels: Data | null; f: EntryFormat }) {
  const votes = Array.isArray(d.votes) ? d.votes.map(obj).filter((v): v is Data => v !== null) : [];
  if (votes.length === 0) return <>{f.t('ledger.resolution.noVotes')}</>;
  const directors = Array.isArray(labels?.directors) ? labels.directors.map(obj) : [];
  const nameOf = (officerId: unknown) =>
    str(directors.find((x) => x && x.officerId === officerId)?.name) ??
    f.t('ledger.resolution.director', { id: f.format.number(num(officerId) ?? 0) });

  return (
    <Box component="ul" data-testid="votes" sx={{ m: 0, p: 0, listStyle: 'none' }}>
      {votes.map((v) => (
        <Box component="li" key={String(v.officerId)} sx={{ py: 0.25 }}>
          <Box component="span" sx={{ fontWeight: 700 }}>
            {nameOf(v.officerId)}
          </Box>
          {f.en ? ': ' : ': '}
          {f.code('vote', v.vote)}
          {v.conflict === true && (
            <Box component="span" sx={{ display: 'block', color: colours.orange, fontSize: '0.95rem' }}>
              {f.t('ledger.resolution.conflict')}
              {str(v.conflictNote) && `: ${f.format.digits(str(v.conflictNote) ?? '')}`}
            </Box>
          )}
        </Box>
      ))}
    </Box>
  );
}

function Attachments({ d, f }: { d: Data; f: EntryFormat }) {
  const files = Array.isArray(d.attachments)
    ? d.attachments.map(obj).filter((a): a is Data => a !== null)
    : [];
  if (files.length === 0) return null;
  return (
    <Box component="ul" sx={{ m: 0, paddingInlineStart: 2.5 }}>
      {files.map((a) => (
        <li key={`${String(a.name)}:${String(a.sha256)}`}>
          <bdi>{str(a.name)}</bdi> — {f.t('ledger.bytes', { n: f.format.number(num(a.bytes) ?? 0) })}
          <Box component="span" sx={{ display: 'block', fontSize: '0.85rem' }}>
            <Bidi>SHA-256:</Bidi> <Hash value={str(a.sha256) ?? ''} short />
          </Box>
        </li>
      ))}
    </Box>
  );
}

/** The rows of an entry, by kind: what happened, in the reader's language. */
function rowsOf(body: EntryBody, ctx: FeedContext, f: EntryFormat): Row[] {
  const d = body.data;
  const labels = body.labels;
  const { t } = f;
  const recordedBy = str(labels?.recordedBy)
    ? { key: t('ledger.recordedBy'), value: str(labels?.recordedBy) }
    : null;
  const year = (v: unknown) => (num(v) === null ? null : f.format.digits(String(num(v))));
  const row = (key: string, value: ReactNode | null | undefined): Row =>
    value === null || value === undefined || value === '' ? null : { key: t(key), value };

  switch (body.kind) {
    case 'genesis': {
      const officers = Array.isArray(d.officers)
        ? d.officers.map(obj).filter((o): o is Data => o !== null)
        : [];
      return [
        row('ledger.f.name', str(d.name)),
        row('ledger.f.legalId', str(d.legalId) && <bdi>{f.format.digits(str(d.legalId) ?? '')}</bdi>),
        row('ledger.f.registrationNo', str(d.registrationNo) && f.format.digits(str(d.registrationNo) ?? '')),
        row('ledger.f.registeredOn', f.date(d.registeredOn)),
        row('ledger.f.status', f.label(STATUS_LABELS, d.status)),
        row('ledger.f.capital', f.money(d.capitalRials)),
        row(
          'ledger.f.members',
          num(d.memberCount) === null ? null : f.format.number(num(d.memberCount) ?? 0),
        ),
        row(
          'ledger.f.officers',
          officers.length === 0 ? null : (
            <Box component="ul" sx={{ m: 0, paddingInlineStart: 2.5 }}>
              {officers.map((o) => (
                <li key={`${String(o.name)}:${String(o.role)}:${String(o.termStart)}`}>
                  {str(o.name)} — {f.label(OFFICER_ROLE_LABELS, o.role)}
                </li>
              ))}
            </Box>
          ),
        ),
      ];
    }
    case 'cooperative.status_changed':
      return [
        row('ledger.f.statusFrom', f.label(STATUS_LABELS, d.from)),
        row('ledger.f.statusTo', f.label(STATUS_LABELS, d.to)),
        row('ledger.f.on', f.date(d.on)),
        row('ledger.f.legalId', str(d.legalId) && <bdi>{f.format.digits(str(d.legalId) ?? '')}</bdi>),
      ];
    case 'member.admitted': {
      const h = obj(d.holder);
      return [
        row('ledger.f.memberName', str(labels?.name)),
        row('ledger.f.memberNo', str(d.memberNo) && f.format.digits(str(d.memberNo) ?? '')),
        h?.nationalCode !== undefined
          ? row(
              'ledger.party.nationalCode',
              <Ident value={h.nationalCode} path="data.holder.nationalCode" ctx={ctx} f={f} />,
            )
          : row(
              'ledger.party.legalId',
              str(h?.legalId) && <bdi>{f.format.digits(str(h?.legalId) ?? '')}</bdi>,
            ),
        row('ledger.f.joinedOn', f.date(d.joinedOn)),
        row('ledger.f.leftOn', f.date(d.leftOn)),
        row('ledger.f.shares', num(d.shares) === null ? null : f.format.number(num(d.shares) ?? 0)),
      ];
    }
    case 'officer.appointed':
    case 'officer.ended': {
      const h = obj(d.holder);
      const role = f.label(OFFICER_ROLE_LABELS, d.role);
      const position = f.label(BOARD_POSITION_LABELS, d.position);
      return [
        row('ledger.f.officerName', str(labels?.name)),
        row('ledger.f.role', position ? `${role} — ${position}` : role),
        h?.nationalCode !== undefined
          ? row(
              'ledger.party.nationalCode',
              <Ident value={h.nationalCode} path="data.holder.nationalCode" ctx={ctx} f={f} />,
            )
          : null,
        row(
          'ledger.f.term',
          str(d.termStart) &&
            t('profile.term', { start: f.date(d.termStart), end: f.date(d.termEnd) ?? '—' }),
        ),
        row('ledger.f.acceptedOn', f.date(d.acceptedOn)),
        row('ledger.f.endedOn', f.date(d.endedOn)),
      ];
    }
    case 'request.decided': {
      const code = str(d.trackingCode);
      return [
        row(
          'ledger.f.service',
          str(d.serviceId) && f.t(`ledger.services.${str(d.serviceId)}`, { defaultValue: str(d.serviceId) }),
        ),
        row(
          'ledger.f.trackingCode',
          code && (
            <bdi dir="ltr">{f.format.digits(`${code.slice(0, 3)}-${code.slice(3, 6)}-${code.slice(6)}`)}</bdi>
          ),
        ),
        row(
          'ledger.f.decision',
          str(d.decision) && f.t(`ledger.decisions.${str(d.decision)}`, { defaultValue: str(d.decision) }),
        ),
        row('ledger.f.decisionText', str(d.text) && f.text(d.text)),
        row('ledger.f.alertBy', str(labels?.by)),
        row('ledger.f.alertAt', str(d.at) && f.date(d.at)),
      ];
    }
    case 'declaration.recorded':
      return [
        row('ledger.f.declarationKind', f.code('declarationKind', d.kind)),
        row('ledger.f.relation', f.code('relation', d.relation)),
        row('ledger.f.personName', str(d.personName)),
        d.personNationalCode
          ? row(
              'ledger.party.nationalCode',
              <Ident value={d.personNationalCode} path="data.personNationalCode" ctx={ctx} f={f} />,
            )
          : null,
        row('ledger.f.companyName', str(d.companyName)),
        row(
          'ledger.party.legalId',
          str(d.companyLegalId) && <bdi>{f.format.digits(str(d.companyLegalId) ?? '')}</bdi>,
        ),
        row('ledger.f.declaredOn', f.date(d.declaredOn)),
      ];
    case 'assembly.recorded':
      return [
        row('ledger.f.assemblyKind', f.label(ASSEMBLY_KIND_LABELS, d.kind)),
        row('ledger.f.fiscalYear', year(d.fiscalYear)),
        row('ledger.f.heldOn', f.date(d.heldOn)),
        row(
          'ledger.f.callNumber',
          num(d.callNumber) === null ? null : f.format.number(num(d.callNumber) ?? 0),
        ),
        row('ledger.f.invitationPublishedOn', f.date(d.invitationPublishedOn)),
        row(
          'ledger.f.electionsHeld',
          typeof d.electionsHeld === 'boolean' ? t(d.electionsHeld ? 'ledger.yes' : 'ledger.no') : null,
        ),
      ];
    case 'filing.recorded':
      return [
        row('ledger.f.filingKind', f.label(FILING_KIND_LABELS, d.kind)),
        row('ledger.f.fiscalYear', year(d.fiscalYear)),
        row('ledger.f.filedOn', f.date(d.filedOn)),
        row('ledger.f.description', str(d.description) && f.text(d.description)),
      ];
    case 'resolution.recorded':
      return [
        row('ledger.f.resolutionBody', f.code('resolutionBody', d.body)),
        row('ledger.f.resolutionNo', str(d.number) && f.format.digits(str(d.number) ?? '')),
        row('ledger.f.meetingOn', f.date(d.meetingOn)),
        row('ledger.f.motion', str(d.motion) && f.text(d.motion)),
        row(
          'ledger.f.outcome',
          str(d.outcome) && (
            <Box
              component="span"
              sx={{ fontWeight: 700, color: d.outcome === 'approved' ? colours.green : colours.red }}
            >
              {f.code('outcome', d.outcome)}
            </Box>
          ),
        ),
        { key: t('ledger.f.votes'), value: <Votes d={d} labels={labels} f={f} /> },
        row(
          'ledger.f.attachments',
          Array.isArray(d.attachments) && d.attachments.length > 0 ? <Attachments d={d} f={f} /> : null,
        ),
        recordedBy,
      ];
    case 'contract.recorded':
      return [
        row('ledger.f.title', str(d.title) && f.text(d.title)),
        ...partyRows(d.party, ctx, f, t('ledger.party.counterparty'), 'data.party'),
        row('ledger.f.amount', f.money(d.amountRials)),
        row('ledger.f.startsOn', f.date(d.startsOn)),
        row('ledger.f.endsOn', f.date(d.endsOn)),
        row('ledger.f.authority', resolutionText(d, ctx, f)),
        recordedBy,
      ];
    case 'payment.recorded': {
      const receipt = d.direction === 'receipt';
      const iban = d.iban;
      return [
        row('ledger.f.direction', f.code('direction', d.direction)),
        ...partyRows(d.party, ctx, f, t(receipt ? 'ledger.party.payer' : 'ledger.party.payee'), 'data.party'),
        row('ledger.f.amount', f.money(d.amountRials)),
        row('ledger.f.category', f.code('category', d.category)),
        row('ledger.f.paidOn', f.date(d.paidOn)),
        iban ? row('ledger.f.iban', <Ident value={iban} path="data.iban" ctx={ctx} f={f} />) : null,
        row(
          'ledger.f.invoiceRef',
          str(d.invoiceRef) && <bdi>{f.format.digits(str(d.invoiceRef) ?? '')}</bdi>,
        ),
        row('ledger.f.budgetLine', str(d.budgetLine) && f.text(d.budgetLine)),
        row('ledger.f.authority', resolutionText(d, ctx, f) ?? t('ledger.noResolution')),
        {
          key: t('ledger.f.approvals'),
          value: <ApprovalState d={d} subject={body.subject} ctx={ctx} f={f} />,
        },
        recordedBy,
      ];
    }
    case 'payment.approved': {
      const payment = ctx.bySubject.get(`payment:${String(d.paymentId)}`);
      const party = obj(payment?.data.party);
      return [
        row('ledger.f.approver', str(labels?.approver)),
        row(
          'ledger.f.payment',
          payment
            ? `${str(party?.name) ?? '—'} — ${f.money(payment.data.amountRials) ?? ''}`
            : t('ledger.paymentId', { id: f.format.number(num(d.paymentId) ?? 0) }),
        ),
        row('ledger.f.approvedAt', f.date(d.approvedAt)),
      ];
    }
    case 'statement.recorded': {
      const figures = obj(d.figures) ?? {};
      return [
        row('ledger.f.fiscalYear', year(d.fiscalYear)),
        ...['totalAssets', 'totalLiabilities', 'equity', 'revenue', 'expenses', 'netIncome'].map((k) =>
          row(`ledger.figure.${k}`, f.money(figures[k])),
        ),
        row('ledger.f.approvedOn', f.date(d.approvedOn)),
        recordedBy,
      ];
    }
    case 'inspector_report.recorded':
      return [
        row('ledger.f.fiscalYear', year(d.fiscalYear)),
        row(
          'ledger.f.opinion',
          str(d.opinion) && (
            <Box
              component="span"
              sx={{ fontWeight: 700, color: d.opinion === 'unqualified' ? colours.green : colours.orange }}
            >
              {f.code('opinion', d.opinion)}
            </Box>
          ),
        ),
        row('ledger.f.summary', str(d.summary) && f.text(d.summary)),
        row('ledger.f.reportedOn', f.date(d.reportedOn)),
        recordedBy,
      ];
    case 'shares.moved':
      return [
        row('ledger.f.shareKind', f.code('shareKind', d.kind)),
        row('ledger.f.memberNo', str(d.memberNo) && f.format.digits(str(d.memberNo) ?? '')),
        row(
          'ledger.f.counterpartMemberNo',
          str(d.counterpartMemberNo) && f.format.digits(str(d.counterpartMemberNo) ?? ''),
        ),
        row('ledger.f.shares', num(d.shares) === null ? null : f.format.number(num(d.shares) ?? 0)),
        row('ledger.f.amount', f.money(d.amountRials)),
        row('ledger.f.movedOn', f.date(d.movedOn)),
        recordedBy,
      ];
    case 'correction.recorded': {
      const target = num(d.targetIndex);
      const amendment = obj(d.amendment);
      return [
        row('ledger.f.correctionAction', f.code('correctionAction', d.action)),
        row(
          'ledger.f.target',
          target === null ? null : (
            <Link href={`#entry-${target}`}>{t('ledger.entryNo', { n: f.format.number(target) })}</Link>
          ),
        ),
        row('ledger.f.reason', str(d.reason) && f.text(d.reason)),
        row(
          'ledger.f.amendment',
          amendment && Object.keys(amendment).length > 0 ? (
            <Box component="ul" sx={{ m: 0, paddingInlineStart: 2.5 }}>
              {Object.entries(amendment).map(([k, v]) => (
                <li key={k}>
                  <bdi>{k}</bdi>: {v === null ? '—' : f.format.digits(String(v))}
                </li>
              ))}
            </Box>
          ) : null,
        ),
        recordedBy,
      ];
    }
    case 'alert.opened':
    case 'alert.answered':
    case 'alert.resolved':
    case 'alert.dismissed':
    case 'alert.reopened': {
      const ruleId = str(d.ruleId);
      const title = ruleId ? ctx.ruleTitles?.get(ruleId) : undefined;
      const name = title ? (f.en ? title.en : title.fa) : ruleId;
      const alertId = num(d.alertId);
      const href = alertId !== null ? ctx.alertHref?.(alertId) : undefined;
      return [
        row(
          'ledger.f.alert',
          name &&
            (href ? (
              <Link component={RouterLink} to={href} data-testid="entry-alert-link">
                {name}
              </Link>
            ) : (
              <bdi>{name}</bdi>
            )),
        ),
        row('ledger.f.alertText', str(d.text) && f.text(d.text)),
        row(
          'ledger.f.alertBy',
          str(labels?.by) ??
            (body.kind === 'alert.opened' || body.kind === 'alert.reopened' ? t('ledger.alertSystem') : null),
        ),
        row('ledger.f.alertAt', str(d.at) && f.date(d.at)),
      ];
    }
    default:
      return [];
  }
}

/** An entry's headline: its kind, and for money the amount and party in one line. */
export function useEntryTitle(): (body: EntryBody) => string {
  const f = useEntryFormat();
  return (body) => {
    const d = body.data;
    const kind =
      body.kind === 'payment.recorded' && str(d.direction)
        ? (f.code('direction', d.direction) ?? body.kind)
        : f.t(`ledger.kinds.${kindKey(body.kind)}`, { defaultValue: body.kind });
    const party = str(obj(d.party)?.name);
    const amount = num(d.amountRials);
    if ((body.kind === 'payment.recorded' || body.kind === 'contract.recorded') && amount !== null) {
      const m = formatRials(amount, f.format.language);
      return `${kind}: ${f.t('profile.rials', { n: m.rials })}${party ? ` — ${party}` : ''}`;
    }
    return kind;
  };
}

/** The facts of a verified entry body, rendered by kind. */
export function EntryFacts({ body, ctx }: { body: EntryBody; ctx: FeedContext }) {
  const f = useEntryFormat();
  const rows = rowsOf(body, ctx, f);
  if (rows.every((r) => r === null)) {
    return (
      <Typography variant="body2" sx={{ color: colours.secondaryText }}>
        {f.t('ledger.noFacts')}
      </Typography>
    );
  }
  return <Facts rows={rows} />;
}
