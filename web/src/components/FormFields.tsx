import FormControl from '@mui/material/FormControl';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import NativeSelect from '@mui/material/NativeSelect';
import OutlinedInput from '@mui/material/OutlinedInput';
import Typography from '@mui/material/Typography';
import type { ChangeEvent, HTMLAttributes, ReactNode } from 'react';
import { colours } from '../app/theme.ts';

type Common = {
  /** The element id; the error summary links to `#id`. */
  id: string;
  name: string;
  label: string;
  hint?: string;
  /** The error message from the server, shown above the field (GOV.UK). */
  error?: string;
};

/** The ids of a field's hint and error message, for `aria-describedby`. */
export function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Label({
  id,
  label,
  hint,
  error,
  asHeading = false,
}: Omit<Common, 'name'> & { asHeading?: boolean }) {
  const text = (
    <FormLabel
      htmlFor={id}
      sx={{
        color: colours.text,
        fontWeight: 700,
        mb: 0.5,
        '&.Mui-focused, &.Mui-error': { color: colours.text },
        ...(asHeading ? { fontSize: 'inherit', lineHeight: 'inherit' } : {}),
      }}
    >
      {label}
    </FormLabel>
  );

  return (
    <>
      {asHeading ? (
        <Typography variant="h1" sx={{ mb: 1 }}>
          {text}
        </Typography>
      ) : (
        text
      )}
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

/** A text input with its label and hint above it (no floating label, no placeholder as label). */
export function TextInput({
  id,
  name,
  label,
  hint,
  error,
  value,
  onChange,
  type = 'text',
  autoComplete,
  inputMode,
  endAdornment,
  multiline = false,
  rows,
  width,
  dir,
  labelAsHeading = false,
}: Common & {
  value: string;
  onChange: (value: string) => void;
  type?: string;
  autoComplete?: string;
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  endAdornment?: ReactNode;
  multiline?: boolean;
  rows?: number;
  /** The input's width, a hint at the expected answer (GOV.UK: a code field is short), e.g. `12em`. */
  width?: string;
  /** `ltr` for answers written left to right (e-mail addresses). */
  dir?: 'ltr' | 'rtl';
  /** A question page asks one thing: its label is the page's heading (GOV.UK). */
  labelAsHeading?: boolean;
}) {
  return (
    <FormControl fullWidth error={Boolean(error)} sx={{ mb: 3 }}>
      <Label id={id} label={label} hint={hint} error={error} asHeading={labelAsHeading} />
      <OutlinedInput
        id={id}
        name={name}
        type={type}
        value={value}
        onChange={(event: ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
        autoComplete={autoComplete}
        endAdornment={endAdornment}
        multiline={multiline}
        rows={rows}
        slotProps={{
          input: {
            'aria-describedby': describedBy(id, hint, error),
            'aria-invalid': error ? true : undefined,
            inputMode,
            spellCheck: false,
            dir,
          },
        }}
        sx={{ backgroundColor: '#fff', ...(width ? { maxWidth: width } : {}) }}
      />
    </FormControl>
  );
}

export type SelectOption = { value: string; label: string };

/** A native select (best on phones and for screen readers), with its label above it. */
export function SelectInput({
  id,
  name,
  label,
  hint,
  error,
  value,
  onChange,
  options,
  emptyLabel,
  disabled = false,
}: Common & {
  value: string;
  onChange: (value: string) => void;
  options: SelectOption[];
  emptyLabel: string;
  disabled?: boolean;
}) {
  return (
    <FormControl fullWidth error={Boolean(error)} disabled={disabled} sx={{ mb: 3 }}>
      <Label id={id} label={label} hint={hint} error={error} />
      <NativeSelect
        value={value}
        onChange={(event) => onChange(event.target.value)}
        input={<OutlinedInput id={id} name={name} sx={{ backgroundColor: '#fff' }} />}
        inputProps={{
          'aria-describedby': describedBy(id, hint, error),
          'aria-invalid': error ? true : undefined,
        }}
      >
        <option value="">{emptyLabel}</option>
        {/* The reader's input is kept even when it is not one of the choices (GOV.UK). */}
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
