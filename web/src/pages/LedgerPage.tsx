import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Grid from '@mui/material/Grid';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useLocation, useParams, useSearchParams } from 'react-router';
import { ApiProblem, getJson, isFieldProblem, isForbidden, isUnauthorized, sendJson } from '../api/client.ts';
import {
  checkpointTextUrl,
  consistencyPath,
  cosignPath,
  type Identifiers,
  identifiersPath,
  type LedgerCheckpoint,
  type LedgerItem,
  type LedgerKeys,
  ledgerEntriesQuery,
  ledgerHeadQuery,
  ledgerKeysQuery,
} from '../api/ledger.ts';
import { alertsLink, rulesQuery } from '../api/monitoring.ts';
import { myCooperativesQuery } from '../api/private-queries.ts';
import { profileQuery } from '../api/queries.ts';
import type { CooperativeProfile, Me } from '../api/types.ts';
import { colours } from '../app/theme.ts';
import { BackLink } from '../components/BackLink.tsx';
import { PrimaryButton, SecondaryButton } from '../components/Buttons.tsx';
import { Denied } from '../components/Denied.tsx';
import { FiltersPanel } from '../components/FiltersPanel.tsx';
import { TextInput } from '../components/FormFields.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { StatusTag } from '../components/StatusTag.tsx';
import { useFormat } from '../format/use-format.ts';
import { CheckpointFacts, CheckpointStatus } from '../ledger/CheckpointFacts.tsx';
import {
  EntryFacts,
  type FeedContext,
  hasCommitments,
  kindKey,
  useEntryTitle,
} from '../ledger/EntryView.tsx';
import { Hash } from '../ledger/Hash.tsx';
import { plainNumber } from '../ledger/numbers.ts';
import {
  ENTRY_KINDS,
  type LedgerAccess,
  ledgerAccess,
  mayKeepBooks,
  mayReadFeed,
  mayUseForm,
  mayWitness,
} from '../ledger/roles.ts';
import {
  type KeptCheckpoint,
  keepCheckpoint,
  keptCheckpoint,
  type StoredWitnessKey,
  storedWitnessKey,
  storeWitnessKey,
} from '../ledger/storage.ts';
import {
  type CheckpointVerdict,
  cosign,
  type EntryBody,
  type EntryVerdict,
  identifierMatches,
  leafHashOf,
  newWitnessKey,
  verifyCheckpoint,
  verifyEntry,
  verifyGrowth,
} from '../ledger/verify.ts';
import { SignInAgain, useMe } from './RequireSignIn.tsx';

/** The feed's filters, as in the URL: `?kind=payment.recorded,contract.recorded&q=&minAmount=&maxAmount=`. */
type Filters = { kinds: string[]; q: string; minAmount: string; maxAmount: string };

function filtersFrom(params: URLSearchParams): Filters {
  return {
    kinds: (params.get('kind') ?? '').split(',').filter((k) => k !== ''),
    q: params.get('q') ?? '',
    minAmount: params.get('minAmount') ?? '',
    maxAmount: params.get('maxAmount') ?? '',
  };
}

function paramsOf(f: Filters): URLSearchParams {
  const params = new URLSearchParams();
  if (f.kinds.length > 0) params.set('kind', f.kinds.join(','));
  if (f.q.trim()) params.set('q', f.q.trim());
  if (plainNumber(f.minAmount)) params.set('minAmount', plainNumber(f.minAmount));
  if (plainNumber(f.maxAmount)) params.set('maxAmount', plainNumber(f.maxAmount));
  return params;
}

/**
 * «دفتر شفافیت» of one cooperative, for its members, officers and inspector and the ministry
 * officers of its region: every entry, newest first, each checked in this browser — its leaf
 * hash recomputed from its text, its inclusion proof walked to the root of a checkpoint whose
 * signature verifies with the published log key. The reader can keep a checkpoint and later
 * check that the log only grew since; an inspector or officer can open identifiers (checked
 * against their commitments) and co-sign the checkpoint as a witness.
 */
export function LedgerPage() {
  const { legalId = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe();
  const profile = useQuery(profileQuery(legalId));
  const mine = useQuery(myCooperativesQuery);
  const [refused, setRefused] = useState(false);

  if (isUnauthorized(mine.error)) return <SignInAgain />;
  if (profile.isPending || mine.isPending) return <Loading />;
  if (profile.error instanceof ApiProblem && profile.error.status === 404) {
    return (
      <>
        <PageTitle title={t('profile.notFoundTitle')} />
        <Typography variant="h1" gutterBottom>
          {t('profile.notFoundTitle')}
        </Typography>
        <Typography gutterBottom>{t('profile.notFoundText', { id: legalId })}</Typography>
      </>
    );
  }
  if (profile.error || mine.error || !profile.data || !mine.data) {
    return <Alert severity="error">{t('signedIn.loadFailed')}</Alert>;
  }
  const coop = profile.data;
  const access = ledgerAccess(me, mine.data.items, coop);
  if (refused || !mayReadFeed(access)) {
    return (
      <Denied
        links={[{ to: `/cooperatives/${legalId}`, label: t('record.profileLink', { name: coop.name }) }]}
      >
        <Typography sx={{ mb: 2 }}>{t('ledger.feed.denied', { name: coop.name })}</Typography>
      </Denied>
    );
  }

  return <Ledger coop={coop} me={me} access={access} onRefused={() => setRefused(true)} />;
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Box component="section" aria-labelledby={id} sx={{ mb: 5 }}>
      <Typography variant="h2" id={id} sx={{ mb: 2 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

function Ledger({
  coop,
  me,
  access,
  onRefused,
}: {
  coop: CooperativeProfile;
  me: Me;
  access: LedgerAccess;
  onRefused: () => void;
}) {
  const { t } = useTranslation();
  const legalId = coop.legalId ?? '';
  const keys = useQuery(ledgerKeysQuery);
  const head = useQuery(ledgerHeadQuery(legalId));
  const checkpoint = head.data?.checkpoint ?? null;
  const verdict = useMemo(
    () => (checkpoint && keys.data ? verifyCheckpoint(checkpoint, keys.data) : null),
    [checkpoint, keys.data],
  );
  const forms = mayKeepBooks(access) || access.inspector;

  return (
    <>
      <PageTitle title={`${t('ledger.title')} — ${coop.name}`} />
      <BackLink to={`/cooperatives/${legalId}`} label={coop.name} />
      <Typography
        component="span"
        sx={{ display: 'block', color: colours.secondaryText, fontSize: '1.1rem' }}
      >
        {coop.name}
      </Typography>
      <Typography variant="h1" sx={{ mb: 2 }}>
        {t('ledger.title')}
      </Typography>
      <Typography sx={{ mb: 2, maxWidth: '44rem' }}>{t('ledger.feed.lead')}</Typography>
      <Typography sx={{ mb: 4 }}>
        <Link component={RouterLink} to={alertsLink(legalId)} data-testid="ledger-alerts-link">
          {t('ledger.feed.alertsLink')}
        </Link>
      </Typography>
      {forms && <BooksLinks legalId={legalId} access={access} />}

      <Section id="checkpoint-title" title={t('ledger.feed.checkpointTitle')}>
        {head.isPending || keys.isPending ? (
          <Loading />
        ) : !checkpoint ? (
          <Typography>{t('ledger.card.empty')}</Typography>
        ) : (
          <Box sx={{ maxWidth: '48rem' }}>
            <Box sx={{ mb: 2 }}>
              <CheckpointStatus
                verdict={verdict}
                keysFailed={Boolean(keys.error)}
                testId="checkpoint-status"
              />
            </Box>
            <CheckpointFacts checkpoint={checkpoint} verdict={verdict} />
            <Typography sx={{ mb: 3 }}>
              <Link
                href={checkpointTextUrl(legalId)}
                download={`checkpoint-${legalId}-${checkpoint.size}.txt`}
              >
                {t('ledger.card.download')}
              </Link>
            </Typography>
            {keys.data && (
              <KeepAndGrow legalId={legalId} checkpoint={checkpoint} verdict={verdict} keys={keys.data} />
            )}
            {mayWitness(access) && keys.data && verdict?.ok && (
              <Cosign legalId={legalId} me={me} checkpoint={checkpoint} verdict={verdict} keys={keys.data} />
            )}
          </Box>
        )}
      </Section>

      <Feed
        legalId={legalId}
        access={access}
        keys={keys.data}
        keysFailed={Boolean(keys.error)}
        onRefused={onRefused}
      />
    </>
  );
}

/** Links to the managers' and the inspector's forms. */
function BooksLinks({ legalId, access }: { legalId: string; access: LedgerAccess }) {
  const { t } = useTranslation();
  const forms = (
    [
      'resolution',
      'contract',
      'payment',
      'approvals',
      'statement',
      'shares',
      'correction',
      'inspector-report',
    ] as const
  ).filter((f) => mayUseForm(access, f));
  if (forms.length === 0) return null;

  return (
    <Box
      component="nav"
      aria-labelledby="books-nav-title"
      data-testid="books-links"
      sx={{ p: 2, mb: 4, backgroundColor: colours.panel, maxWidth: '48rem' }}
    >
      <Typography variant="h2" id="books-nav-title" sx={{ fontSize: '1.15rem', mb: 1 }}>
        {t('books.navTitle')}
      </Typography>
      <Box component="ul" sx={{ m: 0, paddingInlineStart: 3, columns: { sm: 2 }, '& li': { mb: 0.5 } }}>
        {forms.map((f) => (
          <li key={f}>
            <Link component={RouterLink} to={`/cooperatives/${legalId}/books/${f}`}>
              {t(`books.${f}.link`)}
            </Link>
          </li>
        ))}
      </Box>
    </Box>
  );
}

/** Keep this checkpoint in the browser; later, check the log only grew since (a consistency proof). */
function KeepAndGrow({
  legalId,
  checkpoint,
  verdict,
  keys,
}: {
  legalId: string;
  checkpoint: LedgerCheckpoint;
  verdict: CheckpointVerdict | null;
  keys: LedgerKeys;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [kept, setKept] = useState<KeptCheckpoint | null>(() => keptCheckpoint(legalId));
  const [justKept, setJustKept] = useState(false);
  const grow = useMutation({
    mutationFn: async (from: KeptCheckpoint) => {
      const keptVerdict = verifyCheckpoint({ ...from, witnesses: [] }, keys);
      if (!verdict) throw new Error('no verdict');
      const proof =
        from.size === checkpoint.size || from.size === 0 || from.size > checkpoint.size
          ? []
          : (await getJson<{ proof: string[] }>(consistencyPath(legalId, from.size, checkpoint.size))).proof;
      return verifyGrowth(keptVerdict, verdict, proof);
    },
  });
  const growth = grow.data;

  return (
    <Box data-testid="keep-and-grow" sx={{ borderTop: `1px solid ${colours.border}`, pt: 2, mb: 3 }}>
      <Typography variant="h3" sx={{ mb: 1 }}>
        {t('ledger.keep.title')}
      </Typography>
      <Typography sx={{ mb: 2 }}>{t('ledger.keep.lead')}</Typography>
      {kept ? (
        <Typography sx={{ mb: 2 }} data-testid="kept-checkpoint">
          {t('ledger.keep.kept', {
            size: format.number(kept.size),
            date: format.instant(kept.keptAt),
          })}
        </Typography>
      ) : (
        <Typography sx={{ mb: 2 }}>{t('ledger.keep.none')}</Typography>
      )}
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, mb: 2 }}>
        <SecondaryButton
          disabled={!verdict?.ok}
          data-testid="keep-checkpoint"
          onClick={() => {
            const stored = keepCheckpoint(legalId, checkpoint);
            setKept(stored);
            setJustKept(stored !== null);
            grow.reset();
          }}
        >
          {t('ledger.keep.button')}
        </SecondaryButton>
        {kept && (
          <SecondaryButton
            data-testid="check-growth"
            disabled={grow.isPending}
            onClick={() => grow.mutate(kept)}
          >
            {t('ledger.keep.check')}
          </SecondaryButton>
        )}
      </Box>
      <Box aria-live="polite" data-testid="growth-result">
        {justKept && !growth && !grow.error && (
          <Typography sx={{ color: colours.green, fontWeight: 700 }}>{t('ledger.keep.done')}</Typography>
        )}
        {growth?.ok && (
          <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, alignItems: 'baseline' }}>
            <StatusTag tone="green">{t('ledger.status.verified')}</StatusTag>
            <span>
              {t('ledger.keep.grew', { from: format.number(growth.from), to: format.number(growth.to) })}
            </span>
          </Box>
        )}
        {growth && !growth.ok && (
          <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, alignItems: 'baseline' }}>
            <StatusTag tone="red">{t('ledger.status.failed')}</StatusTag>
            <Box component="span" sx={{ color: colours.red, fontWeight: 700 }}>
              {t(`ledger.growthProblem.${growth.problem}`)}
            </Box>
          </Box>
        )}
        {grow.error && (
          <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, alignItems: 'baseline' }}>
            <StatusTag tone="red">{t('ledger.status.failed')}</StatusTag>
            <Box component="span" sx={{ color: colours.red, fontWeight: 700 }}>
              {t('ledger.growthProblem.unavailable')}
            </Box>
          </Box>
        )}
      </Box>
    </Box>
  );
}

/** Where a witness last co-signed each cooperative's log (to co-sign only a log that grew from it). */
const lastCosignedKey = (personId: number, legalId: string) =>
  `taavon.ledger.cosigned.${personId}.${legalId}`;

/**
 * An inspector or regional officer co-signs the checkpoint as a witness: an Ed25519 key made in
 * this browser (kept in localStorage, registered once), a signature over the checkpoint body —
 * only after the checkpoint verified here and, when they co-signed this log before, after a
 * consistency proof from that checkpoint verified too.
 */
function Cosign({
  legalId,
  me,
  checkpoint,
  verdict,
  keys,
}: {
  legalId: string;
  me: Me;
  checkpoint: LedgerCheckpoint;
  verdict: CheckpointVerdict & { ok: true };
  keys: LedgerKeys;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [key, setKey] = useState<StoredWitnessKey | null>(() => storedWitnessKey(me.personId));
  const signed = key ? checkpoint.witnesses.some((w) => w.keyId === key.keyId) : false;
  const cosignMutation = useMutation({
    mutationFn: async () => {
      let witness = key ?? { ...newWitnessKey(`witness-${randomHex(4)}`), registered: false };
      if (!witness.registered) {
        const answer = await sendJson<{ keyId: string }>('POST', '/me/witness-keys', {
          name: witness.name,
          publicKey: witness.publicKey,
        });
        if (answer.keyId !== witness.keyId) throw new Error('key_id_differs');
        witness = { ...witness, registered: true };
      }
      storeWitnessKey(me.personId, witness);
      setKey(witness);
      // A witness vouches that the log only grew: from what they co-signed before, if anything.
      const before = readLastCosigned(me.personId, legalId);
      if (before && before.size !== checkpoint.size) {
        const previous = verifyCheckpoint({ ...before, witnesses: [] }, keys);
        const proof =
          before.size > 0 && before.size < checkpoint.size
            ? (await getJson<{ proof: string[] }>(consistencyPath(legalId, before.size, checkpoint.size)))
                .proof
            : [];
        const growth = verifyGrowth(previous, verdict, proof);
        if (!growth.ok) throw new Error('not_grown');
      }
      await sendJson('POST', cosignPath(legalId, checkpoint.size), {
        keyId: witness.keyId,
        signature: cosign(witness, verdict.body),
      });
      writeLastCosigned(me.personId, legalId, checkpoint);
    },
    // The new witness key is published at /ledger/keys: fetch both again to check the cosignature.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['ledger', legalId] }),
        queryClient.invalidateQueries({ queryKey: ['ledger', 'keys'] }),
      ]),
  });
  const error = cosignMutation.error;
  const reason =
    error instanceof ApiProblem
      ? error.status === 403
        ? t('ledger.cosign.forbidden')
        : error.messages[i18n.language === 'en' ? 'en' : 'fa']
      : error instanceof Error && (error.message === 'not_grown' || error.message === 'key_id_differs')
        ? t(`ledger.cosign.${error.message}`)
        : t('ledger.cosign.failed');

  return (
    <Box data-testid="cosign" sx={{ borderTop: `1px solid ${colours.border}`, pt: 2 }}>
      <Typography variant="h3" sx={{ mb: 1 }}>
        {t('ledger.cosign.title')}
      </Typography>
      <Typography sx={{ mb: 2 }}>{t('ledger.cosign.lead')}</Typography>
      {key && (
        <Typography sx={{ mb: 2 }}>
          {t('ledger.cosign.yourKey')} <Hash value={key.keyId} /> (<Hash value={key.name} />)
        </Typography>
      )}
      {signed || cosignMutation.isSuccess ? (
        <Typography sx={{ color: colours.green, fontWeight: 700 }} data-testid="cosigned">
          {t('ledger.cosign.done')}
        </Typography>
      ) : (
        <SecondaryButton
          data-testid="cosign-button"
          disabled={cosignMutation.isPending}
          onClick={() => cosignMutation.mutate()}
        >
          {key ? t('ledger.cosign.button') : t('ledger.cosign.buttonNewKey')}
        </SecondaryButton>
      )}
      {cosignMutation.isError && (
        <Typography role="alert" sx={{ color: colours.red, fontWeight: 700, mt: 2 }}>
          {reason}
        </Typography>
      )}
    </Box>
  );
}

function randomHex(bytes: number): string {
  return [...crypto.getRandomValues(new Uint8Array(bytes))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
}

function readLastCosigned(personId: number, legalId: string): LedgerCheckpoint | null {
  try {
    const text = localStorage.getItem(lastCosignedKey(personId, legalId));
    return text ? (JSON.parse(text) as LedgerCheckpoint) : null;
  } catch {
    return null;
  }
}

function writeLastCosigned(personId: number, legalId: string, checkpoint: LedgerCheckpoint): void {
  try {
    localStorage.setItem(
      lastCosignedKey(personId, legalId),
      JSON.stringify({ ...checkpoint, witnesses: [] }),
    );
  } catch {
    // Storage disabled: the next co-signature is not chained to this one.
  }
}

type Checked = { item: LedgerItem; verdict: EntryVerdict };

/** The entries, newest first, each with its verdict. */
function Feed({
  legalId,
  access,
  keys,
  keysFailed,
  onRefused,
}: {
  legalId: string;
  access: LedgerAccess;
  keys: LedgerKeys | undefined;
  keysFailed: boolean;
  onRefused: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersFrom(searchParams);
  const params = paramsOf(filters).toString();
  // `?entry=12` (a link to one entry, from an alert): the feed starts at that entry.
  const atText = searchParams.get('entry') ?? '';
  const at = /^\d{1,15}$/.test(atText) ? Number(atText) : null;
  const feed = useInfiniteQuery({ ...ledgerEntriesQuery(legalId, params, at) });
  const rules = useQuery(rulesQuery);
  const forbidden = isForbidden(feed.error);
  useEffect(() => {
    if (forbidden) onRefused();
  }, [forbidden, onRefused]);

  // Each page carries its own checkpoint: verify each distinct note once.
  const checked = useMemo((): Checked[] => {
    if (!feed.data || !keys) return [];
    const verdicts = new Map<string, CheckpointVerdict>();
    return feed.data.pages.flatMap((page) => {
      let cv = verdicts.get(page.checkpoint.note);
      if (!cv) {
        cv = verifyCheckpoint(page.checkpoint, keys);
        verdicts.set(page.checkpoint.note, cv);
      }
      const pageVerdict = cv;
      return page.items.map((item) => ({ item, verdict: verifyEntry(item, pageVerdict) }));
    });
  }, [feed.data, keys]);

  const ctx = useMemo((): FeedContext => {
    const bySubject = new Map<string, EntryBody>();
    const approvals = new Map<string, string[]>();
    for (const { verdict } of checked) {
      if (!verdict.ok) continue;
      const b = verdict.body;
      if (b.subject) bySubject.set(b.subject, b);
      if (b.kind === 'payment.approved') {
        const subject = `payment:${String(b.data.paymentId)}`;
        const name = typeof b.labels?.approver === 'string' ? b.labels.approver : '—';
        approvals.set(subject, [...(approvals.get(subject) ?? []), name]);
      }
    }
    const approvalsShown = filters.kinds.length === 0 || filters.kinds.includes('payment.approved');
    const ruleTitles = new Map((rules.data?.items ?? []).map((r) => [r.id, r.title]));
    const alertHref = (alertId: number) => alertsLink(legalId, alertId);
    return { bySubject, approvals, approvalsShown, ruleTitles, alertHref };
  }, [checked, filters.kinds, rules.data, legalId]);

  // `#entry-12` (the link of a receipt) or `?entry=12`: scroll to that entry once it has loaded.
  const { hash } = useLocation();
  const target = hash.startsWith('#entry-') ? hash : at !== null ? `#entry-${at}` : '';
  const [scrolledTo, setScrolledTo] = useState('');
  useEffect(() => {
    if (target === '' || scrolledTo === target || checked.length === 0) return;
    const element = document.getElementById(target.slice(1));
    if (!element) return;
    element.scrollIntoView({ block: 'start' });
    element.focus({ preventScroll: true });
    setScrolledTo(target);
  }, [target, scrolledTo, checked.length]);

  const failed = checked.filter((c) => !c.verdict.ok).length;
  const badFilter = isFieldProblem(feed.error) ? feed.error : null;

  return (
    <Grid container spacing={4}>
      <Grid size={{ xs: 12, md: 4 }}>
        <FeedFilters
          key={params}
          initial={filters}
          problem={badFilter}
          onApply={(f) => setSearchParams(paramsOf(f), { preventScrollReset: true })}
        />
      </Grid>
      <Grid size={{ xs: 12, md: 8 }}>
        <Box component="section" aria-labelledby="feed-title" aria-busy={feed.isFetching}>
          <Typography variant="h2" id="feed-title" sx={{ mb: 1 }}>
            {t('ledger.feed.entriesTitle')}
          </Typography>
          {feed.isPending && !feed.error ? (
            <Loading />
          ) : feed.error && !badFilter ? (
            <Alert severity="error">
              {forbidden ? t('ledger.feed.forbidden') : t('ledger.feed.loadFailed')}
            </Alert>
          ) : keysFailed ? (
            <Alert severity="error">{t('ledger.checkpointProblem.no_keys')}</Alert>
          ) : checked.length === 0 ? (
            <Typography data-testid="feed-empty">{t('ledger.feed.none')}</Typography>
          ) : (
            <>
              <Typography
                aria-live="polite"
                data-testid="feed-summary"
                sx={{ mb: 2, fontWeight: 700, color: failed > 0 ? colours.red : colours.green }}
              >
                {failed > 0
                  ? t('ledger.feed.someFailed', { count: failed, n: format.number(failed) })
                  : t('ledger.feed.allVerified', { count: checked.length, n: format.number(checked.length) })}
              </Typography>
              {at !== null && (
                <Box
                  data-testid="feed-at-entry"
                  sx={{
                    mb: 2,
                    p: 1.5,
                    backgroundColor: colours.panel,
                    display: 'flex',
                    flexWrap: 'wrap',
                    columnGap: 2,
                  }}
                >
                  <span>{t('ledger.feed.atEntry', { n: format.number(at) })}</span>
                  <Link component={RouterLink} to={{ search: params }} data-testid="feed-newest">
                    {t('ledger.feed.newest')}
                  </Link>
                </Box>
              )}
              <Box component="ol" data-testid="ledger-feed" sx={{ listStyle: 'none', m: 0, p: 0 }}>
                {checked.map((c) => (
                  <EntryCard
                    key={c.item.index}
                    legalId={legalId}
                    checked={c}
                    ctx={ctx}
                    access={access}
                    targeted={target === `#entry-${c.item.index}`}
                  />
                ))}
              </Box>
              {feed.hasNextPage && (
                <SecondaryButton
                  data-testid="feed-more"
                  disabled={feed.isFetchingNextPage}
                  onClick={() => void feed.fetchNextPage()}
                  sx={{ mt: 2 }}
                >
                  {t('ledger.feed.more')}
                </SecondaryButton>
              )}
            </>
          )}
        </Box>
      </Grid>
    </Grid>
  );
}

function FeedFilters({
  initial,
  problem,
  onApply,
}: {
  initial: Filters;
  problem: ApiProblem | null;
  onApply: (f: Filters) => void;
}) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<Filters>(initial);
  const language = i18n.language === 'en' ? 'en' : 'fa';
  const fieldError = (path: string) => problem?.fields.find((f) => f.path === path)?.message[language];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const toggle = (kind: string) =>
    setDraft((d) => ({
      ...d,
      kinds: d.kinds.includes(kind) ? d.kinds.filter((k) => k !== kind) : [...d.kinds, kind],
    }));
  const open =
    initial.kinds.length > 0 || initial.q !== '' || initial.minAmount !== '' || initial.maxAmount !== '';

  return (
    <FiltersPanel open={open}>
      <Box
        component="form"
        role="search"
        aria-label={t('ledger.filters.label')}
        onSubmit={submit}
        noValidate
        data-testid="feed-filters"
      >
        <FormControl component="fieldset" sx={{ border: 0, p: 0, m: 0, mb: 3, display: 'block' }}>
          <FormLabel
            component="legend"
            sx={{ color: colours.text, fontWeight: 700, mb: 0.5, '&.Mui-focused': { color: colours.text } }}
          >
            {t('ledger.filters.kinds')}
          </FormLabel>
          {ENTRY_KINDS.filter((k) => k !== 'genesis').map((kind) => (
            <FormControlLabel
              key={kind}
              sx={{
                display: 'flex',
                alignItems: 'flex-start',
                mb: 0.25,
                '& .MuiCheckbox-root': { pt: 0.5, pb: 0 },
              }}
              control={
                <Checkbox
                  checked={draft.kinds.includes(kind)}
                  onChange={() => toggle(kind)}
                  slotProps={{ input: { id: `kind-${kindKey(kind)}` } }}
                />
              }
              label={t(`ledger.kinds.${kindKey(kind)}`)}
            />
          ))}
        </FormControl>
        <TextInput
          id="field-q"
          name="q"
          label={t('ledger.filters.q')}
          hint={t('ledger.filters.qHint')}
          value={draft.q}
          onChange={(q) => setDraft((d) => ({ ...d, q }))}
          error={fieldError('q')}
        />
        <TextInput
          id="field-minAmount"
          name="minAmount"
          label={t('ledger.filters.minAmount')}
          value={draft.minAmount}
          onChange={(minAmount) => setDraft((d) => ({ ...d, minAmount }))}
          inputMode="numeric"
          error={fieldError('minAmount')}
        />
        <TextInput
          id="field-maxAmount"
          name="maxAmount"
          label={t('ledger.filters.maxAmount')}
          value={draft.maxAmount}
          onChange={(maxAmount) => setDraft((d) => ({ ...d, maxAmount }))}
          inputMode="numeric"
          error={fieldError('maxAmount')}
        />
        <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 2 }}>
          <PrimaryButton sx={{ minHeight: 44 }}>{t('search.apply')}</PrimaryButton>
          {open && (
            <Link
              component="button"
              type="button"
              onClick={() => onApply({ kinds: [], q: '', minAmount: '', maxAmount: '' })}
              sx={{ font: 'inherit' }}
            >
              {t('search.clear')}
            </Link>
          )}
        </Box>
      </Box>
    </FiltersPanel>
  );
}

/** One entry: what happened (from its verified text), whether it verified, and its evidence. */
function EntryCard({
  legalId,
  checked,
  ctx,
  access,
  targeted = false,
}: {
  legalId: string;
  checked: Checked;
  ctx: FeedContext;
  access: LedgerAccess;
  /** The entry a link points at (`?entry=` or `#entry-`): marked, and focused once shown. */
  targeted?: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const title = useEntryTitle();
  const { item, verdict } = checked;
  const body = verdict.body;
  const [revealed, setRevealed] = useState<FeedContext['revealed']>();
  const reveal = useMutation({
    mutationFn: () => getJson<Identifiers>(identifiersPath(legalId, item.index)),
    onSuccess: (answer) => {
      if (!body) return;
      setRevealed(
        new Map(answer.items.map((i) => [i.path, { value: i.value, ok: identifierMatches(body, i) }])),
      );
    },
  });
  const headingId = `entry-${item.index}-title`;
  const canReveal =
    verdict.ok && mayWitness(access) && body !== null && hasCommitments({ d: body.data, l: body.labels });

  return (
    <Box
      component="li"
      id={`entry-${item.index}`}
      data-testid="ledger-entry"
      data-index={item.index}
      data-kind={body?.kind ?? item.kind}
      data-state={verdict.ok ? 'verified' : 'failed'}
      data-targeted={targeted ? 'true' : undefined}
      aria-labelledby={headingId}
      aria-current={targeted ? 'true' : undefined}
      tabIndex={targeted ? -1 : undefined}
      sx={{
        border: targeted ? `3px solid ${colours.brand}` : `1px solid ${colours.border}`,
        borderInlineStart: `6px solid ${verdict.ok ? colours.green : colours.red}`,
        p: { xs: 1.5, sm: 2 },
        mb: 2,
        backgroundColor: verdict.ok ? '#fff' : colours.redBg,
        scrollMarginTop: '1rem',
      }}
    >
      {targeted && (
        <Typography variant="body2" sx={{ fontWeight: 700, color: colours.brand, mb: 0.5 }}>
          {t('ledger.feed.target')}
        </Typography>
      )}
      <Box
        sx={{
          display: 'flex',
          flexWrap: 'wrap',
          justifyContent: 'space-between',
          columnGap: 2,
          rowGap: 0.5,
          mb: 1,
        }}
      >
        <Typography variant="h3" id={headingId} sx={{ fontSize: '1.1rem' }}>
          {body ? title(body) : t(`ledger.kinds.${kindKey(item.kind)}`, { defaultValue: item.kind })}
        </Typography>
        <VerdictTag verdict={verdict} />
      </Box>
      <Typography variant="body2" sx={{ color: colours.secondaryText, mb: 1.5 }}>
        {t('ledger.entryNo', { n: format.number(item.index) })}
        {' · '}
        {t('ledger.recordedAt', { at: format.instant(body?.recordedAt ?? item.recordedAt) })}
      </Typography>
      {body ? <EntryFacts body={body} ctx={{ ...ctx, revealed }} /> : null}
      {canReveal && !revealed && (
        <Box sx={{ mt: 1.5 }}>
          <SecondaryButton
            data-testid="reveal-identifiers"
            disabled={reveal.isPending}
            onClick={() => reveal.mutate()}
            sx={{ minHeight: 36, py: 0.25 }}
          >
            {t('ledger.identifier.reveal')}
          </SecondaryButton>
          <Typography variant="body2" sx={{ mt: 0.5, color: colours.secondaryText }}>
            {t('ledger.identifier.audited')}
          </Typography>
          {reveal.isError && (
            <Typography role="alert" sx={{ color: colours.red, fontWeight: 700 }}>
              {isForbidden(reveal.error) ? t('ledger.identifier.forbidden') : t('ledger.identifier.failed')}
            </Typography>
          )}
        </Box>
      )}
      <Box
        component="details"
        sx={{ mt: 1.5, '& summary': { cursor: 'pointer', color: colours.link, textDecoration: 'underline' } }}
      >
        <summary>{t('ledger.evidence.title')}</summary>
        <Box sx={{ mt: 1, fontSize: '0.9rem' }}>
          <Typography variant="body2">
            {t('ledger.evidence.leafHash')} <Hash value={item.leafHash} />
          </Typography>
          {verdict.ok === false && verdict.problem === 'leaf_hash' && (
            <Typography variant="body2" sx={{ color: colours.red }}>
              {t('ledger.evidence.recomputed')} <Hash value={leafHashOf(item.body)} />
            </Typography>
          )}
          <Typography variant="body2">
            {t('ledger.evidence.proof', { n: format.number(item.proof.length) })}
          </Typography>
          <Typography variant="body2" sx={{ mt: 1 }}>
            {t('ledger.evidence.body')}
          </Typography>
          <Box
            component="pre"
            dir="ltr"
            tabIndex={0}
            sx={{
              m: 0,
              p: 1,
              backgroundColor: colours.panel,
              whiteSpace: 'pre-wrap',
              wordBreak: 'break-all',
              fontSize: '0.8rem',
              textAlign: 'start',
              maxHeight: '16rem',
              overflow: 'auto',
            }}
          >
            {item.body}
          </Box>
        </Box>
      </Box>
    </Box>
  );
}

/** «تأیید شد در مرورگر شما», or a red «ناموفق» with the reason. */
function VerdictTag({ verdict }: { verdict: EntryVerdict }) {
  const { t } = useTranslation();
  if (verdict.ok) {
    return (
      <Box data-testid="entry-status">
        <StatusTag tone="green">{t('ledger.status.verified')}</StatusTag>
      </Box>
    );
  }
  return (
    <Box data-testid="entry-status" sx={{ maxWidth: '100%' }}>
      <StatusTag tone="red">{t('ledger.status.failed')}</StatusTag>
      <Box
        component="span"
        data-testid="entry-problem"
        sx={{ display: 'block', color: colours.red, fontWeight: 700, fontSize: '0.95rem' }}
      >
        {t(`ledger.entryProblem.${verdict.problem}`)}
      </Box>
    </Box>
  );
}
