import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate, useSearchParams } from 'react-router';
import { LEGAL_FORM_LABELS, STATUS_LABELS } from '../../../src/registry/cooperative-status.ts';
import { isFieldProblem } from '../api/client.ts';
import { fieldsQuery, provincesQuery, searchQuery } from '../api/queries.ts';
import type { CooperativeSummary, SearchResult } from '../api/types.ts';
import { colours } from '../app/theme.ts';
import { type ErrorItem, ErrorSummary } from '../components/ErrorSummary.tsx';
import { FiltersPanel } from '../components/FiltersPanel.tsx';
import { SelectInput } from '../components/FormFields.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageLinks } from '../components/PageLinks.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { SearchBox } from '../components/SearchBox.tsx';
import { STATUS_TONE, StatusTag } from '../components/StatusTag.tsx';
import { useFormat } from '../format/use-format.ts';

/** The search's inputs, as in the URL (`/search?q=&province=&county=&field=&form=&status=&page=`). */
const INPUTS = ['q', 'province', 'county', 'field', 'form', 'status'] as const;
type Input = (typeof INPUTS)[number];
type Draft = Record<Input, string>;

function draftFrom(params: URLSearchParams): Draft {
  return {
    q: params.get('q') ?? '',
    province: params.get('province') ?? '',
    county: params.get('county') ?? '',
    field: params.get('field') ?? '',
    form: params.get('form') ?? '',
    status: params.get('status') ?? '',
  };
}

function paramsOf(draft: Draft, page?: string): URLSearchParams {
  const params = new URLSearchParams();
  for (const input of INPUTS) {
    const value = draft[input].trim();
    if (value !== '') params.set(input, value);
  }
  if (page && page !== '1') params.set('page', page);
  return params;
}

/** Search results with filters. The URL holds the whole query, so results can be shared. */
export function SearchPage() {
  const [searchParams] = useSearchParams();
  const apiParams = paramsOf(draftFrom(searchParams), searchParams.get('page') ?? '');
  // Out here, so the previous results stay on screen while the next ones load.
  const results = useQuery(searchQuery(apiParams.toString()));

  // A new URL (a submitted search, back/forward) starts the form from what the URL says.
  return (
    <SearchView key={searchParams.toString()} params={searchParams} apiParams={apiParams} results={results} />
  );
}

function SearchView({
  params,
  apiParams,
  results,
}: {
  params: URLSearchParams;
  apiParams: URLSearchParams;
  results: UseQueryResult<SearchResult>;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const submitted = draftFrom(params);
  const [draft, setDraft] = useState<Draft>(submitted);
  const page = params.get('page') ?? '';
  const language = i18n.language === 'en' ? 'en' : 'fa';

  const problem = isFieldProblem(results.error) ? results.error : undefined;
  const fieldError = (input: string): string | undefined => {
    const found = problem?.fields.find((f) => f.path === input);
    return found ? found.message[language] : undefined;
  };
  const errorItems: ErrorItem[] = (problem?.fields ?? []).map((f) => ({
    text: f.message[language],
    fieldId: (INPUTS as readonly string[]).includes(f.path) ? `field-${f.path}` : undefined,
  }));

  const set = (input: Input) => (value: string) =>
    setDraft((d) =>
      input === 'province' ? { ...d, province: value, county: '' } : { ...d, [input]: value },
    );
  const submit = () => navigate({ pathname: '/search', search: paramsOf(draft).toString() });
  const hasFilters = INPUTS.some((i) => i !== 'q' && submitted[i] !== '');

  return (
    <>
      <PageTitle title={t('search.title')} error={Boolean(problem)} />
      {problem && <ErrorSummary key={results.errorUpdatedAt} errors={errorItems} />}
      <Typography variant="h1" sx={{ mb: 3 }}>
        {submitted.q ? t('search.resultsTitle', { q: submitted.q }) : t('search.title')}
      </Typography>
      <Box sx={{ maxWidth: '44rem', mb: 4 }}>
        <SearchBox
          value={draft.q}
          onChange={set('q')}
          onSubmit={submit}
          label={t('search.queryLabel')}
          hint={t('search.queryHint')}
          error={fieldError('q')}
        />
      </Box>
      <Grid container spacing={4}>
        <Grid size={{ xs: 12, md: 4 }}>
          <Filters
            draft={draft}
            set={set}
            onSubmit={submit}
            fieldError={fieldError}
            open={hasFilters || Boolean(problem)}
            clearTo={submitted.q ? `/search?${new URLSearchParams({ q: submitted.q })}` : '/search'}
            showClear={hasFilters}
          />
        </Grid>
        <Grid size={{ xs: 12, md: 8 }}>
          {/* A rejected query shows its errors above; stale results under them would mislead. */}
          <Results
            hidden={Boolean(problem)}
            query={results}
            params={apiParams}
            page={Number(page) || 1}
            failed={Boolean(results.error) && !problem}
          />
        </Grid>
      </Grid>
    </>
  );
}

function Filters({
  draft,
  set,
  onSubmit,
  fieldError,
  open,
  clearTo,
  showClear,
}: {
  draft: Draft;
  set: (input: Input) => (value: string) => void;
  onSubmit: () => void;
  fieldError: (input: string) => string | undefined;
  open: boolean;
  clearTo: string;
  showClear: boolean;
}) {
  const { t, i18n } = useTranslation();
  const provinces = useQuery(provincesQuery);
  const fields = useQuery(fieldsQuery);
  const en = i18n.language === 'en';
  const name = (n: { nameFa: string; nameEn: string }) => (en ? n.nameEn : n.nameFa);
  const province = provinces.data?.items.find((p) => p.code === draft.province);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };

  const form = (
    <Box
      component="form"
      noValidate
      onSubmit={submit}
      aria-labelledby="filters-title"
      action="/search"
      method="get"
    >
      <SelectInput
        id="field-province"
        name="province"
        label={t('search.province')}
        value={draft.province}
        onChange={set('province')}
        error={fieldError('province')}
        emptyLabel={t('search.any')}
        options={(provinces.data?.items ?? []).map((p) => ({ value: p.code, label: name(p) }))}
      />
      <SelectInput
        id="field-county"
        name="county"
        label={t('search.county')}
        hint={province ? undefined : t('search.chooseProvinceFirst')}
        value={draft.county}
        onChange={set('county')}
        error={fieldError('county')}
        emptyLabel={t('search.any')}
        disabled={!province}
        options={(province?.counties ?? []).map((c) => ({ value: String(c.id), label: name(c) }))}
      />
      <SelectInput
        id="field-field"
        name="field"
        label={t('search.field')}
        value={draft.field}
        onChange={set('field')}
        error={fieldError('field')}
        emptyLabel={t('search.any')}
        options={(fields.data?.items ?? []).map((f) => ({ value: f.code, label: name(f) }))}
      />
      <SelectInput
        id="field-form"
        name="form"
        label={t('search.form')}
        value={draft.form}
        onChange={set('form')}
        error={fieldError('form')}
        emptyLabel={t('search.any')}
        options={Object.entries(LEGAL_FORM_LABELS).map(([code, label]) => ({
          value: code,
          label: en ? label.en : label.fa,
        }))}
      />
      <SelectInput
        id="field-status"
        name="status"
        label={t('search.status')}
        value={draft.status}
        onChange={set('status')}
        error={fieldError('status')}
        emptyLabel={t('search.any')}
        options={Object.entries(STATUS_LABELS).map(([code, label]) => ({
          value: code,
          label: en ? label.en : label.fa,
        }))}
      />
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 2 }}>
        <Button type="submit" variant="contained" color="secondary" sx={{ boxShadow: '0 2px 0 #002d18' }}>
          {t('search.apply')}
        </Button>
        {showClear && (
          <Link component={RouterLink} to={clearTo}>
            {t('search.clear')}
          </Link>
        )}
      </Box>
    </Box>
  );

  return <FiltersPanel open={open}>{form}</FiltersPanel>;
}

function Results({
  hidden,
  query,
  params,
  page,
  failed,
}: {
  hidden: boolean;
  query: UseQueryResult<SearchResult>;
  params: URLSearchParams;
  page: number;
  failed: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  if (hidden) return null;
  if (failed) return <Alert severity="error">{t('search.loadFailed')}</Alert>;
  if (query.isPending) return <Loading />;
  const data = query.data;
  if (!data) return null;
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  const pageLink = (n: number) => {
    const next = new URLSearchParams(params);
    if (n === 1) next.delete('page');
    else next.set('page', String(n));
    const search = next.toString();
    return search ? `/search?${search}` : '/search';
  };

  return (
    <Box
      component="section"
      aria-labelledby="results-count"
      aria-busy={query.isFetching}
      sx={{ opacity: query.isPlaceholderData ? 0.6 : 1 }}
    >
      <Typography
        variant="h2"
        id="results-count"
        aria-live="polite"
        data-testid="results-count"
        sx={{ fontSize: '1.2rem', mb: 2 }}
      >
        {t('search.found', { count: data.total, n: format.number(data.total) })}
      </Typography>
      {data.total === 0 ? (
        <>
          <Typography sx={{ fontWeight: 700 }}>{t('search.none')}</Typography>
          <Typography>{t('search.noneHelp')}</Typography>
        </>
      ) : (
        <Box component="ol" data-testid="results" sx={{ listStyle: 'none', m: 0, p: 0 }}>
          {data.items.map((item) => (
            <ResultCard key={item.id} item={item} />
          ))}
        </Box>
      )}
      {pages > 1 && (
        <PageLinks page={Math.min(page, pages)} pages={pages} pageLink={pageLink} labels="search" />
      )}
      {data.items.length === 0 && data.total > 0 && (
        <Typography sx={{ mt: 2 }}>{t('errors.pageOutOfRange')}</Typography>
      )}
    </Box>
  );
}

function Fact({ children, first = false }: { children: ReactNode; first?: boolean }) {
  return (
    <>
      {!first && (
        <Box component="span" sx={{ mx: 1 }}>
          ·
        </Box>
      )}
      <Box component="span" sx={{ display: 'inline-block' }}>
        {children}
      </Box>
    </>
  );
}

function ResultCard({ item }: { item: CooperativeSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const en = format.language === 'en';
  const key = item.legalId ?? String(item.id);

  return (
    <Box component="li" sx={{ borderTop: `1px solid ${colours.border}`, py: 2 }}>
      <Typography variant="h3" component="h3" sx={{ mb: 0.5 }}>
        <Link component={RouterLink} to={`/cooperatives/${key}`}>
          {item.name}
        </Link>
      </Typography>
      <Box sx={{ mb: 0.5 }}>
        <StatusTag tone={STATUS_TONE[item.status.code] ?? 'grey'}>
          {en ? item.status.name.en : item.status.name.fa}
        </StatusTag>
      </Box>
      <Typography variant="body2" component="p" sx={{ color: colours.secondaryText }}>
        <Fact first>
          {t('search.location', {
            province: en ? item.province.name.en : item.province.name.fa,
            county: en ? item.county.name.en : item.county.name.fa,
          })}
        </Fact>
        <Fact>{en ? item.field.name.en : item.field.name.fa}</Fact>
        <Fact>{t('search.members', { count: item.memberCount, n: format.number(item.memberCount) })}</Fact>
      </Typography>
      {item.legalId && (
        <Typography variant="body2" sx={{ color: colours.secondaryText }}>
          {t('profile.legalId')}: {format.digits(item.legalId)}
        </Typography>
      )}
    </Box>
  );
}
