import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import { colours } from '../app/theme.ts';
import { describedBy, type SelectOption } from './FormFields.tsx';

type Common = { id: string; name: string; label: string; hint?: string; error?: string };

/**
 * Radios in a fieldset whose legend asks the question. The first radio carries `id`, so the
 * error summary's link lands on it (GOV.UK).
 */
export function RadioInput({
  id,
  name,
  label,
  hint,
  error,
  value,
  onChange,
  options,
  inline = false,
}: Common & {
  value: string;
  onChange: (value: string) => void;
  options: SelectOption[];
  inline?: boolean;
}) {
  return (
    <FormControl
      component="fieldset"
      error={Boolean(error)}
      aria-describedby={describedBy(id, hint, error)}
      sx={{ mb: 3, display: 'block', border: 0, p: 0, m: 0, marginBlockEnd: 3 }}
    >
      <FormLabel
        component="legend"
        sx={{
          color: colours.text,
          fontWeight: 700,
          mb: 0.5,
          '&.Mui-focused, &.Mui-error': { color: colours.text },
        }}
      >
        {label}
      </FormLabel>
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
      <RadioGroup name={name} value={value} onChange={(event) => onChange(event.target.value)} row={inline}>
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
