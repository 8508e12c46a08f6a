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
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate, useSearchParams } from 'react-router';
import { ApiProblem, isFieldProblem, isForbidden, isUnauthorized } from '../../api/client.ts';
import { myCooperativesQuery } from '../../api/private-queries.ts';
import { searchQuery } from '../../api/queries.ts';
import type { Me } from '../../api/types.ts';
import { colours } from '../../app/theme.ts';
import { PrimaryButton, SecondaryButton } from '../../components/Buttons.tsx';
import { Denied } from '../../components/Denied.tsx';
import { type ErrorItem, ErrorSummary } from '../../components/ErrorSummary.tsx';
import { FiltersPanel } from '../../components/FiltersPanel.tsx';
import { SelectInput } from '../../components/FormFields.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { RadioInput } from '../../components/RadioInput.tsx';
import { useFormat } from '../../format/use-format.ts';
import { SignInAgain, useMe } from '../../pages/RequireSignIn.tsx';
import {
  bulk,
  colleaguesQuery,
  groupedCode,
  type InboxItem,
  inboxQuery,
  isOpenStatus,
  OFFICE,
  STATUSES,
  servicesQuery,
} from './api.ts';
import { isOfficer, servesAsInspector } from './nav.tsx';
import {
  Assignee,
  DoneBanner,
  DueInfo,
  nameOf,
  type Province,
  type Region,
  RequestStatusTag,
  regionOf,
  TrackingCode,
  usePlaceNames,
} from './parts.tsx';

/** The filters, as in the URL: `/inbox?status=&service=&overdue=true&assigned=&province=&county=`. */
const INPUTS = ['status', 'service', 'overdue', 'assigned', 'province', 'county'] as const;
type Input = (typeof INPUTS)[number];
type Draft = Record<Input, string>;

function draftFrom(params: URLSearchParams): Draft {
  return {
    status: params.get('status') ?? '',
    service: params.get('service') ?? '',
    overdue: params.get('overdue') === 'true' ? 'true' : '',
    assigned: params.get('assigned') ?? '',
    province: params.get('province') ?? '',
    county: params.get('county') ?? '',
  };
}

function paramsOf(draft: Draft): URLSearchParams {
  const params = new URLSearchParams();
  for (const input of INPUTS) {
    const value = draft[input].trim();
    if (
      value !== '' &&
      !(input === 'assigned' && value === 'any') &&
      !(input === 'status' && value === 'open')
    ) {
      params.set(input, value);
    }
  }
  return params;
}

/** The API's query: the filters as in the address (the server takes a province by its code). */
function apiParamsOf(draft: Draft): string {
  return paramsOf(draft).toString();
}

/**
 * The reference data names provinces by code, staff roles by id; the public search takes either
 * and answers with the code. So a province officer's own province is found through it (cached).
 */
function useOwnProvince(region: Region, provinces: Province[] | undefined): Province | undefined {
  const countyId = region.scope === 'county' ? region.countyId : null;
  const probeId = region.scope === 'province' ? region.provinceId : null;
  const probe = useQuery({
    ...searchQuery(`province=${probeId ?? ''}&pageSize=1`),
    enabled: probeId !== null,
    placeholderData: undefined,
  });
  if (countyId !== null) return provinces?.find((p) => p.counties.some((c) => c.id === countyId));
  const code = probe.data?.items[0]?.province.code;
  return code ? provinces?.find((p) => p.code === code) : undefined;
}

/**
 * «کارتابل درخواست‌ها»: the requests the officer's office decides (their county, their province
 * or the whole country) and, for a cooperative's inspector, the complaints addressed to them —
 * soonest deadline first, filterable (kept in the address), with bulk «برداشتن برای بررسی» and
 * «ارجاع به…».
 */
export function InboxPage() {
  const me = useMe();
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const submitted = draftFrom(searchParams);
  const officer = isOfficer(me);
  const mine = useQuery({ ...myCooperativesQuery, enabled: !officer });
  const inspector = servesAsInspector(mine.data?.items);
  const list = useQuery({ ...inboxQuery(apiParamsOf(submitted)), enabled: officer || inspector });

  if (isUnauthorized(list.error) || isUnauthorized(mine.error)) return <SignInAgain />;
  if (!officer && mine.isPending) return <Loading />;
  if ((!officer && !inspector) || isForbidden(list.error)) {
    return (
      <Denied>
        <Typography sx={{ mb: 2 }}>{t('office.inbox.denied')}</Typography>
      </Denied>
    );
  }

  return (
    <InboxView
      key={searchParams.toString()}
      me={me}
      params={searchParams}
      inspector={inspector}
      list={list}
    />
  );
}

function InboxView({
  me,
  params,
  inspector,
  list,
}: {
  me: Me;
  params: URLSearchParams;
  inspector: boolean;
  list: ReturnType<typeof useQuery<{ items: InboxItem[] }>>;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'fa';
  const en = language === 'en';
  const format = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const region = regionOf(me);
  const submitted = draftFrom(params);
  const [draft, setDraft] = useState<Draft>(submitted);
  const services = useQuery(servicesQuery);
  const places = usePlaceNames();
  const own = useOwnProvince(region, places.provinces);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [assignee, setAssignee] = useState('');
  const [bulkErrors, setBulkErrors] = useState<ErrorItem[] | null>(null);
  /** What the last bulk action did, worded when shown (in the language shown then). */
  const [done, setDone] = useState<{
    action: 'take' | 'assign';
    n: number;
    assignee?: number;
    key: number;
  } | null>(null);

  const chosenProvince = places.provinces?.find((p) => p.code === draft.province);
  const filterProvince = region.scope === 'national' ? chosenProvince : own;
  const items = list.data?.items ?? [];
  const openItems = items.filter((item) => isOpenStatus(item.status.code));
  const selectedCodes = openItems.map((i) => i.trackingCode).filter((code) => selected.has(code));

  // Whom to assign to: me, and the officers of my regions' offices.
  const colleagues = useQuery({ ...colleaguesQuery, enabled: region.scope !== 'none' });
  const assignees = [
    {
      value: String(me.personId),
      label: t('office.inbox.bulk.me', { name: `${me.firstName} ${me.lastName}` }),
    },
    ...(colleagues.data?.items ?? [])
      .filter((o) => o.id !== me.personId)
      .map((o) => ({ value: String(o.id), label: o.name })),
  ];

  const doneText = (d: NonNullable<typeof done>) =>
    d.action === 'take'
      ? t('office.inbox.bulk.taken', { count: d.n, n: format.number(d.n) })
      : t('office.inbox.bulk.assigned', {
          count: d.n,
          n: format.number(d.n),
          name: assignees.find((a) => a.value === String(d.assignee))?.label ?? '',
        });

  const mutation = useMutation({
    mutationFn: (input: { action: 'take' | 'assign'; codes: string[]; assignee?: number }) =>
      bulk(input.codes, input.action, input.assignee),
    onSuccess: async (answer, input) => {
      setDone({
        action: input.action,
        n: answer.items.length,
        ...(input.assignee === undefined ? {} : { assignee: input.assignee }),
        key: Date.now(),
      });
      setBulkErrors(null);
      setSelected(new Set());
      setAssignee('');
      await queryClient.invalidateQueries({ queryKey: OFFICE });
    },
    onError: (error) => {
      setDone(null);
      const reason =
        error instanceof ApiProblem ? (error.fields[0]?.message[language] ?? error.messages[language]) : null;
      setBulkErrors([
        {
          text: reason ? t('office.inbox.bulk.noneChanged', { reason }) : t('office.inbox.bulk.failed'),
        },
      ]);
    },
  });

  const problem = isFieldProblem(list.error) ? list.error : undefined;
  const filterErrors: ErrorItem[] = (problem?.fields ?? []).map((f) => ({
    text: f.message[language],
    fieldId: (INPUTS as readonly string[]).includes(f.path) ? `field-${f.path}` : undefined,
  }));
  const errors = [...filterErrors, ...(bulkErrors ?? [])];

  const set = (input: Input) => (value: string) =>
    setDraft((d) =>
      input === 'province' ? { ...d, province: value, county: '' } : { ...d, [input]: value },
    );
  const submitFilters = (event: FormEvent) => {
    event.preventDefault();
    const search = paramsOf(draft).toString();
    navigate({ pathname: '/inbox', search });
  };
  const act = (action: 'take' | 'assign') => {
    const missing: ErrorItem[] = [];
    if (selectedCodes.length === 0) {
      missing.push({ text: t('office.inbox.bulk.chooseFirst'), fieldId: 'select-first' });
    }
    if (action === 'assign' && assignee === '') {
      missing.push({ text: t('office.inbox.bulk.chooseAssignee'), fieldId: 'bulk-assignee' });
    }
    if (missing.length > 0) {
      setDone(null);
      setBulkErrors(missing);
      return;
    }
    mutation.mutate({
      action,
      codes: selectedCodes,
      ...(action === 'assign' ? { assignee: Number(assignee) } : {}),
    });
  };
  const toggle = (code: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(code);
      else next.delete(code);
      return next;
    });
  const toggleAll = (on: boolean) => setSelected(new Set(on ? openItems.map((i) => i.trackingCode) : []));

  const countyName = (c: { nameFa: string; nameEn: string }) => nameOf(c, en);
  const regionLine =
    region.scope === 'county' && own
      ? t('office.inbox.regionCounty', {
          county: countyName(
            own.counties.find((c) => c.id === region.countyId) ?? { nameFa: '', nameEn: '' },
          ),
          province: nameOf(own, en),
        })
      : region.scope === 'province' && own
        ? t('office.inbox.regionProvince', { province: nameOf(own, en) })
        : region.scope === 'national'
          ? t('office.inbox.regionNation')
          : '';

  const serviceOptions = (services.data?.items ?? [])
    .filter((s) => s.office !== 'automatic')
    .map((s) => ({ value: s.id, label: en ? s.title.en : s.title.fa }));
  const statusOptions = [
    { value: 'open', label: t('office.inbox.filters.statusOpen') },
    { value: 'final', label: t('office.inbox.filters.statusFinal') },
    ...STATUSES.map((s) => ({ value: s, label: t(`office.statuses.${s}`) })),
  ];
  const fieldError = (input: string) => problem?.fields.find((f) => f.path === input)?.message[language];
  const hasFilters = INPUTS.some((i) => submitted[i] !== '') || Boolean(problem);

  const filters = (
    <Box component="form" noValidate onSubmit={submitFilters} data-testid="inbox-filters">
      <SelectInput
        id="field-status"
        name="status"
        label={t('office.inbox.filters.status')}
        value={draft.status === 'open' ? '' : draft.status}
        onChange={set('status')}
        error={fieldError('status')}
        emptyLabel={t('office.inbox.filters.statusOpen')}
        options={statusOptions.filter((o) => o.value !== 'open')}
      />
      <SelectInput
        id="field-service"
        name="service"
        label={t('office.inbox.filters.service')}
        value={draft.service}
        onChange={set('service')}
        error={fieldError('service')}
        emptyLabel={t('office.inbox.filters.anyService')}
        options={serviceOptions}
      />
      {region.scope !== 'none' && (
        <RadioInput
          id="field-assigned"
          name="assigned"
          label={t('office.inbox.filters.assigned')}
          value={draft.assigned || 'any'}
          onChange={set('assigned')}
          error={fieldError('assigned')}
          options={[
            { value: 'any', label: t('office.inbox.filters.assignedAny') },
            { value: 'me', label: t('office.inbox.filters.assignedMe') },
            { value: 'none', label: t('office.inbox.filters.assignedNone') },
          ]}
        />
      )}
      {region.scope === 'national' && (
        <SelectInput
          id="field-province"
          name="province"
          label={t('office.inbox.filters.province')}
          value={draft.province}
          onChange={set('province')}
          error={fieldError('province')}
          emptyLabel={t('office.inbox.filters.any')}
          options={(places.provinces ?? []).map((p) => ({ value: p.code, label: nameOf(p, en) }))}
        />
      )}
      {(region.scope === 'national' || region.scope === 'province') && (
        <SelectInput
          id="field-county"
          name="county"
          label={t('office.inbox.filters.county')}
          value={draft.county}
          onChange={set('county')}
          error={fieldError('county')}
          emptyLabel={t('office.inbox.filters.any')}
          disabled={!filterProvince}
          options={(filterProvince?.counties ?? []).map((c) => ({
            value: String(c.id),
            label: nameOf(c, en),
          }))}
        />
      )}
      {region.scope !== 'none' && (
        <FormControlLabel
          sx={{ mb: 2, alignItems: 'flex-start', '& .MuiCheckbox-root': { pt: 0.5 } }}
          control={
            <Checkbox
              checked={draft.overdue === 'true'}
              onChange={(event) => set('overdue')(event.target.checked ? 'true' : '')}
              slotProps={{ input: { id: 'field-overdue', name: 'overdue' } }}
            />
          }
          label={t('office.inbox.filters.overdue')}
        />
      )}
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: 2, rowGap: 1 }}>
        <PrimaryButton>{t('office.inbox.filters.apply')}</PrimaryButton>
        {hasFilters && (
          <Link component={RouterLink} to="/inbox">
            {t('office.inbox.filters.clear')}
          </Link>
        )}
      </Box>
    </Box>
  );

  return (
    <>
      <PageTitle title={t('office.inbox.title')} error={errors.length > 0} />
      {errors.length > 0 && <ErrorSummary key={JSON.stringify(errors)} errors={errors} />}
      {done && <DoneBanner key={done.key} title={t('office.inbox.bulk.doneTitle')} text={doneText(done)} />}
      <Typography variant="h1" sx={{ mb: 1 }}>
        {t('office.inbox.title')}
      </Typography>
      <Typography data-testid="region" sx={{ mb: 1, fontSize: '1.15rem', color: colours.secondaryText }}>
        {regionLine || t('office.inbox.lead')}
      </Typography>
      {regionLine && <Typography sx={{ mb: inspector ? 1 : 3 }}>{t('office.inbox.lead')}</Typography>}
      {inspector && <Typography sx={{ mb: 3 }}>{t('office.inbox.inspector')}</Typography>}
      <Grid container spacing={4}>
        <Grid size={{ xs: 12, md: 3 }}>
          <FiltersPanel open={hasFilters}>{filters}</FiltersPanel>
        </Grid>
        <Grid size={{ xs: 12, md: 9 }}>
          {problem ? null : list.error ? (
            <Alert severity="error">{t('office.inbox.loadFailed')}</Alert>
          ) : list.isPending ? (
            <Loading />
          ) : (
            <Box
              component="section"
              aria-labelledby="inbox-count"
              aria-busy={list.isFetching}
              sx={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}
            >
              <Typography
                variant="h2"
                id="inbox-count"
                aria-live="polite"
                data-testid="inbox-count"
                sx={{ fontSize: '1.2rem', mb: 2 }}
              >
                {t('office.inbox.found', { count: items.length, n: format.number(items.length) })}
              </Typography>
              {items.length === 0 ? (
                <Box data-testid="inbox-empty">
                  <Typography sx={{ fontWeight: 700 }}>
                    {hasFilters ? t('office.inbox.none') : t('office.inbox.empty')}
                  </Typography>
                  <Typography>
                    {hasFilters ? t('office.inbox.noneHelp') : t('office.inbox.emptyHelp')}
                  </Typography>
                </Box>
              ) : (
                <>
                  {openItems.length > 0 && (
                    <BulkActions
                      count={selectedCodes.length}
                      assignee={assignee}
                      onAssignee={setAssignee}
                      assignees={assignees}
                      error={bulkErrors?.find((e) => e.fieldId === 'bulk-assignee')?.text}
                      pending={mutation.isPending}
                      onAct={act}
                    />
                  )}
                  <Rows
                    me={me}
                    items={items}
                    openCount={openItems.length}
                    selected={selected}
                    onToggle={toggle}
                    onToggleAll={toggleAll}
                    search={params.toString()}
                  />
                </>
              )}
            </Box>
          )}
        </Grid>
      </Grid>
    </>
  );
}

function BulkActions({
  count,
  assignee,
  onAssignee,
  assignees,
  error,
  pending,
  onAct,
}: {
  count: number;
  assignee: string;
  onAssignee: (value: string) => void;
  assignees: { value: string; label: string }[];
  error: string | undefined;
  pending: boolean;
  onAct: (action: 'take' | 'assign') => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();

  return (
    <Box
      component="section"
      aria-labelledby="bulk-title"
      data-testid="bulk-actions"
      sx={{ backgroundColor: colours.panel, p: { xs: 1.5, sm: 2 }, mb: 3 }}
    >
      <Typography variant="h3" id="bulk-title" sx={{ fontSize: '1.05rem', mb: 0.5 }}>
        {t('office.inbox.bulk.title')}
      </Typography>
      <Typography aria-live="polite" data-testid="bulk-count" sx={{ mb: 1.5 }}>
        {count > 0
          ? t('office.inbox.bulk.selected', { count, n: format.number(count) })
          : t('office.inbox.bulk.nothing')}
      </Typography>
      <Box sx={{ mb: 2 }}>
        <SecondaryButton disabled={pending} onClick={() => onAct('take')} data-testid="bulk-take">
          {t('office.inbox.bulk.take')}
        </SecondaryButton>
      </Box>
      <Box
        sx={{
          display: 'flex',
          flexWrap: 'wrap',
          alignItems: 'flex-end',
          columnGap: 2,
          rowGap: 1,
          '& .MuiFormControl-root': { mb: 0, width: 'auto', flex: '0 1 20rem', minWidth: 0 },
        }}
      >
        <SelectInput
          id="bulk-assignee"
          name="assignee"
          label={t('office.inbox.bulk.assignee')}
          value={assignee}
          onChange={onAssignee}
          error={error}
          emptyLabel={t('forms.choose')}
          options={assignees}
        />
        <SecondaryButton disabled={pending} onClick={() => onAct('assign')} data-testid="bulk-assign">
          {t('office.inbox.bulk.assign')}
        </SecondaryButton>
      </Box>
    </Box>
  );
}

type RowsProps = {
  me: Me;
  items: InboxItem[];
  openCount: number;
  selected: ReadonlySet<string>;
  onToggle: (code: string, on: boolean) => void;
  onToggleAll: (on: boolean) => void;
  /** The inbox's filters, for the case page's way back. */
  search: string;
};

function Rows(props: RowsProps) {
  const wide = useMediaQuery((theme) => theme.breakpoints.up('md'), { noSsr: true });
  return wide ? <RowTable {...props} /> : <RowCards {...props} />;
}

function RowCheckbox({
  item,
  first,
  selected,
  onToggle,
}: {
  item: InboxItem;
  first: boolean;
  selected: ReadonlySet<string>;
  onToggle: (code: string, on: boolean) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!isOpenStatus(item.status.code)) return null;

  return (
    <Checkbox
      checked={selected.has(item.trackingCode)}
      onChange={(event) => onToggle(item.trackingCode, event.target.checked)}
      sx={{ p: 0.5 }}
      slotProps={{
        input: {
          id: first ? 'select-first' : undefined,
          'aria-label': t('office.inbox.selectRow', { code: format.digits(groupedCode(item.trackingCode)) }),
        },
      }}
    />
  );
}

function CaseLink({ item, search }: { item: InboxItem; search: string }) {
  return (
    <Link
      component={RouterLink}
      to={`/inbox/${item.trackingCode}`}
      state={{ inbox: search }}
      data-testid="case-link"
      sx={{ fontWeight: 700 }}
    >
      <TrackingCode code={item.trackingCode} />
    </Link>
  );
}

function Subject({ item }: { item: InboxItem }) {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  const subject = item.cooperative?.name ?? item.subject;

  return (
    <>
      <Box component="span" sx={{ display: 'block', fontWeight: 700 }}>
        {en ? item.service.title.en : item.service.title.fa}
      </Box>
      {subject && (
        <Box component="span" sx={{ display: 'block' }}>
          <bdi>{subject}</bdi>
        </Box>
      )}
      {item.cooperative && item.subject && item.subject !== item.cooperative.name && (
        <Box component="span" sx={{ display: 'block', fontSize: '0.9rem', color: colours.secondaryText }}>
          <bdi>{item.subject}</bdi>
        </Box>
      )}
    </>
  );
}

function RowTable({ me, items, openCount, selected, onToggle, onToggleAll, search }: RowsProps) {
  const { t } = useTranslation();
  const places = usePlaceNames();
  const chosen = items.filter((i) => selected.has(i.trackingCode)).length;
  const firstOpen = items.find((i) => isOpenStatus(i.status.code))?.trackingCode;

  return (
    <TableContainer role="region" aria-labelledby="inbox-caption" tabIndex={0}>
      <Table
        size="small"
        sx={{ '& caption': { captionSide: 'top', px: 0, pt: 0 }, '& td, & th': { verticalAlign: 'top' } }}
      >
        <Box component="caption" id="inbox-caption">
          {t('office.inbox.caption')}
        </Box>
        <TableHead>
          <TableRow>
            <TableCell padding="checkbox">
              {openCount > 0 && (
                <Checkbox
                  checked={chosen > 0 && chosen === openCount}
                  indeterminate={chosen > 0 && chosen < openCount}
                  onChange={(event) => onToggleAll(event.target.checked)}
                  sx={{ p: 0.5 }}
                  slotProps={{ input: { 'aria-label': t('office.inbox.selectAll'), id: 'select-all' } }}
                />
              )}
            </TableCell>
            <TableCell>{t('office.inbox.columns.code')}</TableCell>
            <TableCell>{t('office.inbox.columns.request')}</TableCell>
            <TableCell>{t('office.inbox.columns.county')}</TableCell>
            <TableCell>{t('office.inbox.columns.status')}</TableCell>
            <TableCell>{t('office.inbox.columns.due')}</TableCell>
            <TableCell>{t('office.inbox.columns.assignee')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody data-testid="inbox-rows">
          {items.map((item) => (
            <TableRow
              key={item.trackingCode}
              data-testid="inbox-row"
              data-code={item.trackingCode}
              data-status={item.status.code}
              selected={selected.has(item.trackingCode)}
              sx={
                item.overdue
                  ? { '& > :first-of-type': { borderInlineStart: `5px solid ${colours.red}` } }
                  : undefined
              }
            >
              <TableCell padding="checkbox">
                <RowCheckbox
                  item={item}
                  first={item.trackingCode === firstOpen}
                  selected={selected}
                  onToggle={onToggle}
                />
              </TableCell>
              <TableCell component="th" scope="row" sx={{ fontWeight: 400 }}>
                <CaseLink item={item} search={search} />
              </TableCell>
              <TableCell>
                <Subject item={item} />
              </TableCell>
              <TableCell>{places.county(item.county, item.province)}</TableCell>
              <TableCell>
                <RequestStatusTag status={item.status} />
              </TableCell>
              <TableCell>
                <DueInfo item={item} compact />
              </TableCell>
              <TableCell>
                <Assignee item={item} me={me} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function RowCards({ me, items, openCount, selected, onToggle, onToggleAll, search }: RowsProps) {
  const { t } = useTranslation();
  const places = usePlaceNames();
  const chosen = items.filter((i) => selected.has(i.trackingCode)).length;
  const firstOpen = items.find((i) => isOpenStatus(i.status.code))?.trackingCode;

  return (
    <>
      {openCount > 0 && (
        <FormControlLabel
          sx={{ mb: 1 }}
          control={
            <Checkbox
              checked={chosen > 0 && chosen === openCount}
              indeterminate={chosen > 0 && chosen < openCount}
              onChange={(event) => onToggleAll(event.target.checked)}
              slotProps={{ input: { id: 'select-all' } }}
            />
          }
          label={t('office.inbox.selectAll')}
        />
      )}
      <Box
        component="ul"
        aria-label={t('office.inbox.caption')}
        data-testid="inbox-rows"
        sx={{ listStyle: 'none', m: 0, p: 0, borderTop: `1px solid ${colours.border}` }}
      >
        {items.map((item) => (
          <Box
            component="li"
            key={item.trackingCode}
            data-testid="inbox-row"
            data-code={item.trackingCode}
            data-status={item.status.code}
            sx={{
              display: 'flex',
              gap: 1,
              borderBottom: `1px solid ${colours.border}`,
              py: 1.5,
              px: 1,
              ...(item.overdue ? { borderInlineStart: `5px solid ${colours.red}` } : {}),
            }}
          >
            <Box sx={{ flex: '0 0 auto', minWidth: 34 }}>
              <RowCheckbox
                item={item}
                first={item.trackingCode === firstOpen}
                selected={selected}
                onToggle={onToggle}
              />
            </Box>
            <Box sx={{ flex: '1 1 auto', minWidth: 0 }}>
              <Typography component="h3" sx={{ fontWeight: 700 }}>
                <CaseLink item={item} search={search} />
              </Typography>
              <Subject item={item} />
              {item.county && (
                <Typography variant="body2" sx={{ color: colours.secondaryText }}>
                  {t('office.inbox.location', {
                    county: places.county(item.county, item.province),
                    province: places.province(item.province),
                  })}
                </Typography>
              )}
              <Box sx={{ my: 0.75 }}>
                <RequestStatusTag status={item.status} />
              </Box>
              <Box
                component="dl"
                sx={{
                  m: 0,
                  '& dt': { fontSize: '0.9rem', color: colours.secondaryText },
                  '& dd': { m: 0, mb: 0.75 },
                }}
              >
                <dt>{t('office.inbox.columns.due')}</dt>
                <dd>
                  <DueInfo item={item} />
                </dd>
                <dt>{t('office.inbox.columns.assignee')}</dt>
                <dd>
                  <Assignee item={item} me={me} />
                </dd>
              </Box>
            </Box>
          </Box>
        ))}
      </Box>
    </>
  );
}
