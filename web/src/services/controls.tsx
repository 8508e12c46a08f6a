import Box from '@mui/material/Box';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import NativeSelect from '@mui/material/NativeSelect';
import OutlinedInput from '@mui/material/OutlinedInput';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { colours } from '../app/theme.ts';
import { LinkButton, SecondaryButton } from '../components/Buttons.tsx';
import { describedBy, SelectInput, type SelectOption, TextInput } from '../components/FormFields.tsx';
import { useFormat } from '../format/use-format.ts';
import { fieldIdOf, firstNumberIn } from './model.ts';
import { POSITION_CHOICES, ROLE_CHOICES, useBilingual, useColumnLabel } from './parts.tsx';
import type { PersonColumn, PersonRow } from './types.ts';

/**
 * The controls of a question page that components/FormFields.tsx does not have: a select and
 * radios whose label is the page's heading (GOV.UK: a question page asks one thing), and the
 * repeating group of a people table (founders, officers) with rows added and removed.
 */

const labelSx = {
  color: colours.text,
  fontWeight: 700,
  mb: 0.5,
  '&.Mui-focused, &.Mui-error': { color: colours.text },
} as const;

function HintAndError({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint && (
        <FormHelperText
          id={`${id}-hint`}
          sx={{ mt: 0, mb: 1, color: colours.secondaryText, '&.Mui-error': { color: colours.secondaryText } }}
        >
          {hint}
        </FormHelperText>
      )}
      {error && (
        <FormHelperText id={`${id}-error`} error sx={{ mt: 0, mb: 1, fontWeight: 700 }}>
          {error}
        </FormHelperText>
      )}
    </>
  );
}

/** A native select whose label is the page's heading. */
export function HeadingSelect({
  id,
  name,
  label,
  hint,
  error,
  value,
  onChange,
  options,
  emptyLabel,
}: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onChange: (value: string) => void;
  options: SelectOption[];
  emptyLabel: string;
}) {
  return (
    <FormControl fullWidth error={Boolean(error)} sx={{ mb: 3 }}>
      <Typography variant="h1" sx={{ mb: 1 }}>
        <FormLabel htmlFor={id} sx={{ ...labelSx, fontSize: 'inherit', lineHeight: 'inherit' }}>
          {label}
        </FormLabel>
      </Typography>
      <HintAndError id={id} hint={hint} error={error} />
      <NativeSelect
        value={value}
        onChange={(event) => onChange(event.target.value)}
        input={<OutlinedInput id={id} name={name} sx={{ backgroundColor: '#fff', maxWidth: '28rem' }} />}
        inputProps={{
          'aria-describedby': describedBy(id, hint, error),
          'aria-invalid': error ? true : undefined,
        }}
      >
        <option value="">{emptyLabel}</option>
        {value !== '' && !options.some((o) => o.value === value) && <option value={value}>{value}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </NativeSelect>
    </FormControl>
  );
}

/** Radios in a fieldset whose legend is the page's heading; the first radio carries `id`. */
export function HeadingRadios({
  id,
  name,
  label,
  hint,
  error,
  value,
  onChange,
  options,
}: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onChange: (value: string) => void;
  options: SelectOption[];
}) {
  return (
    <FormControl
      component="fieldset"
      error={Boolean(error)}
      aria-describedby={describedBy(id, hint, error)}
      sx={{ display: 'block', border: 0, p: 0, m: 0, mb: 3 }}
    >
      <FormLabel component="legend" sx={{ ...labelSx, p: 0 }}>
        <Typography variant="h1" sx={{ mb: 1 }}>
          {label}
        </Typography>
      </FormLabel>
      <HintAndError id={id} hint={hint} error={error} />
      <RadioGroup name={name} value={value} onChange={(event) => onChange(event.target.value)}>
        {options.map((option, i) => (
          <FormControlLabel
            key={option.value}
            value={option.value}
            label={option.label}
            control={<Radio slotProps={{ input: { id: i === 0 ? id : `${id}-${option.value}` } }} />}
          />
        ))}
      </RadioGroup>
    </FormControl>
  );
}

const DATE_COLUMNS: readonly PersonColumn[] = ['termStart', 'termEnd'];
const NUMBER_COLUMNS: readonly PersonColumn[] = ['nationalCode', 'mobile', 'shares'];
/** Columns a row may leave blank (the server reads a blank as "not given"). */
export const OPTIONAL_COLUMNS: readonly PersonColumn[] = ['mobile', 'position'];

/**
 * A people table as a repeating group: one fieldset per person («نفر ۱»), each column a labelled
 * input, «حذف» beside each row and «افزودن نفر دیگر» below. The count is announced as it changes,
 * with the minimum the hint states (founders: «دست‌کم ۷ نفر»).
 */
export function PeopleInput({
  id,
  label,
  hint,
  error,
  rows,
  onChange,
  columns,
  max,
  errorOf,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  rows: PersonRow[];
  onChange: (rows: PersonRow[]) => void;
  columns: readonly PersonColumn[];
  max: number;
  /** The message of one cell (`founders.2.nationalCode`), if the server refused it. */
  errorOf: (path: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useBilingual();
  const column = useColumnLabel();
  const minimum = firstNumberIn(hint);
  const added = useRef(false);
  useEffect(() => {
    if (!added.current) return;
    added.current = false;
    document.getElementById(fieldIdOf(`${id}.${rows.length - 1}.${columns[0] ?? 'nationalCode'}`))?.focus();
  }, [rows.length, id, columns]);

  const set = (i: number, c: PersonColumn) => (value: string) =>
    onChange(rows.map((row, j) => (j === i ? { ...row, [c]: value } : row)));
  const remove = (i: number) => onChange(rows.filter((_, j) => j !== i));
  const add = () => {
    added.current = true;
    onChange([...rows, {}]);
  };
  const count = rows.length;
  const short = minimum !== undefined && count < minimum;

  return (
    <Box component="section" aria-labelledby={`${id}-title`} data-testid="people-input" sx={{ mb: 3 }}>
      <Typography variant="h1" id={`${id}-title`} sx={{ mb: 1 }}>
        {label}
      </Typography>
      {hint && (
        <Typography id={`${id}-hint`} sx={{ color: colours.secondaryText, mb: 1 }}>
          {hint}
        </Typography>
      )}
      <Typography
        aria-live="polite"
        data-testid="people-count"
        sx={{ fontWeight: 700, mb: 2, color: short ? colours.orange : colours.text }}
      >
        {minimum === undefined
          ? t('services.people.count', { count, n: format.number(count) })
          : t('services.people.countOfMinimum', {
              count,
              n: format.number(count),
              min: format.number(minimum),
            })}
      </Typography>
      {error && (
        <Typography id={`${id}-error`} sx={{ color: colours.red, fontWeight: 700, mb: 2 }}>
          {error}
        </Typography>
      )}
      {rows.map((row, i) => {
        const legend = t('services.people.row', { n: format.number(i + 1) });
        const rowErrors = columns.some((c) => errorOf(`${id}.${i}.${c}`));
        return (
          <Box
            component="fieldset"
            // biome-ignore lint/suspicious/noArrayIndexKey: a row is its place in the list
            key={i}
            data-testid="person-row"
            sx={{
              border: `1px solid ${rowErrors ? colours.red : colours.border}`,
              borderInlineStart: `5px solid ${rowErrors ? colours.red : colours.border}`,
              p: 2,
              pt: 1,
              m: 0,
              mb: 2,
              minWidth: 0,
            }}
          >
            <Box component="legend" sx={{ fontWeight: 700, px: 0.5 }}>
              {legend}
            </Box>
            <Box sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 2, '& > *': { flex: '1 1 13rem' } }}>
              {columns.map((c) => {
                const path = `${id}.${i}.${c}`;
                const common = {
                  id: fieldIdOf(path),
                  name: path,
                  label: `${column(c)}${OPTIONAL_COLUMNS.includes(c) ? ` ${t('forms.optional')}` : ''}`,
                  error: errorOf(path),
                  value: row[c] ?? '',
                  onChange: set(i, c),
                };
                if (c === 'role' || c === 'position') {
                  const choices = c === 'role' ? ROLE_CHOICES : POSITION_CHOICES;
                  return (
                    <Box key={c}>
                      <SelectInput
                        {...common}
                        emptyLabel={t('forms.choose')}
                        options={choices.map((o) => ({ value: o.value, label: text(o.label) }))}
                      />
                    </Box>
                  );
                }
                return (
                  <Box key={c}>
                    <TextInput
                      {...common}
                      hint={DATE_COLUMNS.includes(c) ? t('forms.dateHint') : undefined}
                      inputMode={NUMBER_COLUMNS.includes(c) ? 'numeric' : undefined}
                      autoComplete="off"
                    />
                  </Box>
                );
              })}
            </Box>
            {rows.length > 1 && (
              <LinkButton onClick={() => remove(i)} data-testid="remove-person">
                {t('services.people.remove')}
                <Box component="span" sx={visuallyHidden}>
                  {` ${legend}`}
                </Box>
              </LinkButton>
            )}
          </Box>
        );
      })}
      {rows.length < max && (
        <SecondaryButton id={`${fieldIdOf(id)}-add`} onClick={add} data-testid="add-person">
          {rows.length === 0 ? t('services.people.addFirst') : t('services.people.add')}
        </SecondaryButton>
      )}
    </Box>
  );
}

/** Text for screen readers only (GOV.UK's visually hidden class). */
export const visuallyHidden = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  margin: '-1px',
  padding: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
} as const;
