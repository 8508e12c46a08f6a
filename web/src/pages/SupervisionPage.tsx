import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Grid from '@mui/material/Grid';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate, useSearchParams } from 'react-router';
import { isFieldProblem, isForbidden, isUnauthorized } from '../api/client.ts';
import { supervisionQuery } from '../api/private-queries.ts';
import { fieldsQuery, provincesQuery, searchQuery } from '../api/queries.ts';
import type { Me, Province, SupervisedCooperative, SupervisionResult } from '../api/types.ts';
import { colours } from '../app/theme.ts';
import { PrimaryButton } from '../components/Buttons.tsx';
import { Denied } from '../components/Denied.tsx';
import { type ErrorItem, ErrorSummary } from '../components/ErrorSummary.tsx';
import { FiltersPanel } from '../components/FiltersPanel.tsx';
import { SelectInput } from '../components/FormFields.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageLinks } from '../components/PageLinks.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { StatusTag } from '../components/StatusTag.tsx';
import { TermCountdown } from '../components/TermCountdown.tsx';
import { useFormat } from '../format/use-format.ts';
import { JourneyDone, SignInAgain, useMe } from './RequireSignIn.tsx';

/** The filters, as in the URL: `/supervision?province=&county=&field=&overdueOnly=true&sort=&page=`. */
const INPUTS = ['province', 'county', 'field', 'overdueOnly', 'sort'] as const;
type Input = (typeof INPUTS)[number];
type Draft = Record<Input, string>;
const SORTS = ['overdue', 'name', 'board_term'] as const;

function draftFrom(params: URLSearchParams): Draft {
  return {
    province: params.get('province') ?? '',
    county: params.get('county') ?? '',
    field: params.get('field') ?? '',
    overdueOnly: params.get('overdueOnly') === 'true' ? 'true' : '',
    sort: params.get('sort') ?? '',
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

/**
 * Whose region: a national officer or an administrator chooses a province; a province or county
 * officer has theirs (`provinceId`, `countyId` from GET /me).
 */
type Region =
  | { scope: 'national' }
  | { scope: 'province'; provinceId: number }
  | { scope: 'county'; provinceId: number; countyId: number }
  | { scope: 'none' };

function regionOf(me: Me): Region {
  const roles = me.staffRoles;
  if (roles.some((r) => r.role === 'admin' || r.scope === 'nation')) return { scope: 'national' };
  const province = roles.find((r) => r.scope === 'province' && r.provinceId !== null);
  if (province?.provinceId) return { scope: 'province', provinceId: province.provinceId };
  const county = roles.find((r) => r.scope === 'county' && r.provinceId !== null && r.countyId !== null);
  if (county?.provinceId && county.countyId) {
    return { scope: 'county', provinceId: county.provinceId, countyId: county.countyId };
  }
  return { scope: 'none' };
}

/**
 * The reference data names provinces by code, staff roles by id; the public search takes either
 * and answers with the code. So an officer's own province is found through it (one cached read).
 */
function useOwnProvince(region: Region, provinces: Province[] | undefined): Province | undefined {
  const id = region.scope === 'province' || region.scope === 'county' ? region.provinceId : null;
  const probe = useQuery({
    ...searchQuery(`province=${id ?? ''}&pageSize=1`),
    enabled: id !== null,
    placeholderData: undefined,
  });
  const code = probe.data?.items[0]?.province.code;
  return code ? provinces?.find((p) => p.code === code) : undefined;
}

/**
 * The ministry officer's home: the cooperatives of their region with their health cards —
 * overdue obligations, last annual assembly, end of the board's term — filterable, sortable and
 * paged, overdue first. The server decides the region; a national officer picks a province first.
 */
export function SupervisionPage() {
  const me = useMe();
  const [searchParams] = useSearchParams();
  const region = regionOf(me);
  const submitted = draftFrom(searchParams);
  // Province and county officers name their own province by id, so that a county filter resolves.
  const ownProvince =
    region.scope === 'province' || region.scope === 'county' ? String(region.provinceId) : '';
  const apiParams = paramsOf(
    { ...submitted, province: submitted.province || ownProvince },
    searchParams.get('page') ?? '',
  );
  const needsProvince = region.scope === 'national' && submitted.province === '';
  const results = useQuery({ ...supervisionQuery(apiParams.toString()), enabled: !needsProvince });

  if (isUnauthorized(results.error)) return <SignInAgain />;
  return (
    <SupervisionView
      key={searchParams.toString()}
      params={searchParams}
      region={region}
      needsProvince={needsProvince}
      results={results}
      officer={me.staffRoles.some((r) => r.role === 'officer')}
    />
  );
}

function SupervisionView({
  params,
  region,
  needsProvince,
  results,
  officer,
}: {
  params: URLSearchParams;
  region: Region;
  needsProvince: boolean;
  results: UseQueryResult<SupervisionResult>;
  /** A ministry officer (the risk dashboard is theirs; an administrator's list has no region). */
  officer: boolean;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const language = i18n.language === 'en' ? 'en' : 'fa';
  const en = language === 'en';
  const submitted = draftFrom(params);
  const [draft, setDraft] = useState<Draft>(submitted);
  const provinces = useQuery(provincesQuery);
  const fields = useQuery(fieldsQuery);
  const own = useOwnProvince(region, provinces.data?.items);
  const name = (n: { nameFa: string; nameEn: string }) => (en ? n.nameEn : n.nameFa);

  if (isForbidden(results.error)) {
    return (
      <Denied>
        <Typography sx={{ mb: 2 }}>{t('denied.supervision')}</Typography>
      </Denied>
    );
  }

  const problem = isFieldProblem(results.error) ? results.error : undefined;
  const fieldError = (input: string) => problem?.fields.find((f) => f.path === input)?.message[language];
  const errorItems: ErrorItem[] = (problem?.fields ?? []).map((f) => ({
    text: f.message[language],
    fieldId: (INPUTS as readonly string[]).includes(f.path) ? `field-${f.path}` : undefined,
  }));
  const chosen = provinces.data?.items.find((p) => p.code === draft.province);
  const province = region.scope === 'national' ? chosen : own;
  const countyName =
    region.scope === 'county' ? own?.counties.find((c) => c.id === region.countyId) : undefined;
  const regionName =
    region.scope === 'county' && countyName && own
      ? t('supervision.countyRegion', { county: name(countyName), province: name(own) })
      : region.scope === 'national' && !chosen
        ? ''
        : province
          ? t('supervision.provinceRegion', { province: name(province) })
          : '';

  const set = (input: Input) => (value: string) =>
    setDraft((d) =>
      input === 'province' ? { ...d, province: value, county: '' } : { ...d, [input]: value },
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate({ pathname: '/supervision', search: paramsOf(draft).toString() });
  };

  const provinceSelect = region.scope === 'national' && (
    <SelectInput
      id="field-province"
      name="province"
      label={t('search.province')}
      hint={needsProvince ? t('supervision.chooseProvinceHint') : undefined}
      value={draft.province}
      onChange={set('province')}
      error={fieldError('province')}
      emptyLabel={t('forms.choose')}
      options={(provinces.data?.items ?? []).map((p) => ({ value: p.code, label: name(p) }))}
    />
  );

  const hasFilters = INPUTS.some((i) => i !== 'province' && submitted[i] !== '') || Boolean(problem);
  const filters = (
    <Box
      component="form"
      noValidate
      onSubmit={submit}
      aria-labelledby="filters-title"
      data-testid="supervision-filters"
    >
      {provinceSelect}
      {region.scope !== 'county' && (
        <SelectInput
          id="field-county"
          name="county"
          label={t('search.county')}
          value={draft.county}
          onChange={set('county')}
          error={fieldError('county')}
          emptyLabel={t('search.any')}
          disabled={!province}
          options={(province?.counties ?? []).map((c) => ({ value: String(c.id), label: name(c) }))}
        />
      )}
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
      <FormControlLabel
        sx={{ mb: 2, alignItems: 'flex-start', '& .MuiCheckbox-root': { pt: 0.5 } }}
        control={
          <Checkbox
            checked={draft.overdueOnly === 'true'}
            onChange={(event) => set('overdueOnly')(event.target.checked ? 'true' : '')}
            slotProps={{ input: { id: 'field-overdueOnly', name: 'overdueOnly' } }}
          />
        }
        label={t('supervision.overdueOnly')}
      />
      <SelectInput
        id="field-sort"
        name="sort"
        label={t('supervision.sort')}
        value={draft.sort || 'overdue'}
        onChange={set('sort')}
        error={fieldError('sort')}
        emptyLabel={t('forms.choose')}
        options={SORTS.map((s) => ({ value: s, label: t(`supervision.sorts.${s}`) }))}
      />
      <PrimaryButton>{t('search.apply')}</PrimaryButton>
    </Box>
  );

  return (
    <>
      <PageTitle title={t('supervision.title')} error={Boolean(problem)} />
      {problem && <ErrorSummary key={results.errorUpdatedAt} errors={errorItems} />}
      <JourneyDone />
      <Typography variant="h1" sx={{ mb: 1 }}>
        {t('supervision.title')}
      </Typography>
      <Typography data-testid="region" sx={{ mb: 2, fontSize: '1.15rem', color: colours.secondaryText }}>
        {regionName || t('supervision.lead')}
      </Typography>
      {officer && (
        <Typography sx={{ mb: 3 }}>
          <Link
            component={RouterLink}
            to="/supervision/risk"
            data-testid="risk-link"
            sx={{ fontWeight: 700 }}
          >
            {t('supervision.riskLink')}
          </Link>
        </Typography>
      )}
      {needsProvince ? (
        <Box
          component="form"
          noValidate
          onSubmit={submit}
          sx={{ maxWidth: '30rem' }}
          data-testid="province-form"
        >
          {provinceSelect}
          <PrimaryButton>{t('supervision.show')}</PrimaryButton>
        </Box>
      ) : (
        <Grid container spacing={4}>
          <Grid size={{ xs: 12, md: 4 }}>
            <FiltersPanel open={hasFilters}>{filters}</FiltersPanel>
          </Grid>
          <Grid size={{ xs: 12, md: 8 }}>
            <Results hidden={Boolean(problem)} query={results} params={params} />
          </Grid>
        </Grid>
      )}
    </>
  );
}

function Results({
  hidden,
  query,
  params,
}: {
  hidden: boolean;
  query: UseQueryResult<SupervisionResult>;
  params: URLSearchParams;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const wide = useMediaQuery((theme) => theme.breakpoints.up('sm'), { noSsr: true });
  if (hidden) return null;
  if (query.error) return <Alert severity="error">{t('signedIn.loadFailed')}</Alert>;
  if (query.isPending) return <Loading />;
  const data = query.data;
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  const page = Math.min(Number(params.get('page')) || 1, pages);
  const pageLink = (n: number) => {
    const next = new URLSearchParams(params);
    if (n === 1) next.delete('page');
    else next.set('page', String(n));
    const search = next.toString();
    return search ? `/supervision?${search}` : '/supervision';
  };

  return (
    <Box
      component="section"
      aria-labelledby="supervision-count"
      aria-busy={query.isFetching}
      sx={{ opacity: query.isPlaceholderData ? 0.6 : 1 }}
    >
      <Typography
        variant="h2"
        id="supervision-count"
        aria-live="polite"
        data-testid="supervision-count"
        sx={{ fontSize: '1.2rem', mb: 2 }}
      >
        {t('supervision.found', { count: data.total, n: format.number(data.total) })}
      </Typography>
      {data.total === 0 ? (
        <Typography>{t('supervision.none')}</Typography>
      ) : wide ? (
        <ResultTable items={data.items} />
      ) : (
        <ResultCards items={data.items} />
      )}
      {pages > 1 && <PageLinks page={page} pages={pages} pageLink={pageLink} labels="search" />}
    </Box>
  );
}

const keyOf = (c: SupervisedCooperative) => c.legalId ?? String(c.id);

function Overdue({ n }: { n: number }) {
  const format = useFormat();
  return n > 0 ? (
    <StatusTag tone="red" testId="overdue-count">
      {format.number(n)}
    </StatusTag>
  ) : (
    <Box component="span" data-testid="overdue-count">
      {format.number(0)}
    </Box>
  );
}

function BoardTerm({ c }: { c: SupervisedCooperative }) {
  const { t } = useTranslation();
  const format = useFormat();
  const h = c.healthCard;
  if (!h.boardTermEndsOn) return <>{t('profile.notProvided')}</>;
  return (
    <>
      <Box component="span" sx={{ display: 'block', whiteSpace: 'nowrap' }}>
        {format.date(h.boardTermEndsOn)}
      </Box>
      {h.boardTermDaysLeft !== null && <TermCountdown daysLeft={h.boardTermDaysLeft} />}
    </>
  );
}

function ResultTable({ items }: { items: SupervisedCooperative[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const en = format.language === 'en';

  return (
    <TableContainer role="region" aria-labelledby="supervision-caption" tabIndex={0}>
      <Table size="small" sx={{ '& caption': { captionSide: 'top', px: 0, pt: 0 } }}>
        <Box component="caption" id="supervision-caption">
          {t('supervision.caption')}
        </Box>
        <TableHead>
          <TableRow>
            <TableCell>{t('supervision.cooperative')}</TableCell>
            <TableCell>{t('profile.obligationsOverdue')}</TableCell>
            <TableCell>{t('profile.lastAnnualAssembly')}</TableCell>
            <TableCell>{t('profile.boardTermEnds')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody data-testid="supervision-rows">
          {items.map((c) => (
            <TableRow key={c.id} data-testid="supervision-row" data-province={c.province.code}>
              <TableCell component="th" scope="row" sx={{ fontWeight: 400 }}>
                <Link component={RouterLink} to={`/cooperatives/${keyOf(c)}`} sx={{ fontWeight: 700 }}>
                  {c.name}
                </Link>
                <Box
                  component="span"
                  sx={{ display: 'block', fontSize: '0.85rem', color: colours.secondaryText }}
                >
                  {t('search.location', {
                    province: en ? c.province.name.en : c.province.name.fa,
                    county: en ? c.county.name.en : c.county.name.fa,
                  })}
                </Box>
              </TableCell>
              <TableCell>
                <Overdue n={c.healthCard.obligationsOverdue} />
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {c.healthCard.lastAnnualAssemblyOn
                  ? format.date(c.healthCard.lastAnnualAssemblyOn)
                  : t('profile.never')}
              </TableCell>
              <TableCell>
                <BoardTerm c={c} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function ResultCards({ items }: { items: SupervisedCooperative[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const en = format.language === 'en';

  return (
    <Box
      component="ul"
      aria-label={t('supervision.caption')}
      data-testid="supervision-rows"
      sx={{ listStyle: 'none', m: 0, p: 0, borderTop: `1px solid ${colours.border}` }}
    >
      {items.map((c) => (
        <Box
          component="li"
          key={c.id}
          data-testid="supervision-row"
          data-province={c.province.code}
          sx={{
            borderBottom: `1px solid ${colours.border}`,
            py: 1.5,
            px: 1,
            ...(c.healthCard.obligationsOverdue > 0 ? { borderInlineStart: `5px solid ${colours.red}` } : {}),
          }}
        >
          <Typography component="h3" sx={{ fontWeight: 700 }}>
            <Link component={RouterLink} to={`/cooperatives/${keyOf(c)}`}>
              {c.name}
            </Link>
          </Typography>
          <Typography variant="body2" sx={{ color: colours.secondaryText, mb: 1 }}>
            {t('search.location', {
              province: en ? c.province.name.en : c.province.name.fa,
              county: en ? c.county.name.en : c.county.name.fa,
            })}
          </Typography>
          <Box
            component="dl"
            sx={{
              m: 0,
              '& dt': { fontSize: '0.9rem', color: colours.secondaryText },
              '& dd': { m: 0, mb: 1 },
            }}
          >
            <dt>{t('profile.obligationsOverdue')}</dt>
            <dd>
              <Overdue n={c.healthCard.obligationsOverdue} />
            </dd>
            <dt>{t('profile.lastAnnualAssembly')}</dt>
            <dd>
              {c.healthCard.lastAnnualAssemblyOn
                ? format.date(c.healthCard.lastAnnualAssemblyOn)
                : t('profile.never')}
            </dd>
            <dt>{t('profile.boardTermEnds')}</dt>
            <dd>
              <BoardTerm c={c} />
            </dd>
          </Box>
        </Box>
      ))}
    </Box>
  );
}
