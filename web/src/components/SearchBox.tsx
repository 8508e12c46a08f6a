import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TextInput } from './FormFields.tsx';

/**
 * The registry search box: a labelled text input and a button. Validation is the server's
 * (GOV.UK: `noValidate`, no `required`); the caller submits the value.
 */
export function SearchBox({
  value,
  onChange,
  onSubmit,
  label,
  hint,
  error,
  large = false,
}: {
  value: string;
  onChange: (value: string) => void;
  onSubmit: () => void;
  label: string;
  hint?: string;
  error?: string;
  large?: boolean;
}) {
  const { t } = useTranslation();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };

  return (
    <Box component="form" role="search" noValidate onSubmit={submit} action="/search" method="get">
      <Box
        sx={{
          display: 'flex',
          flexDirection: { xs: 'column', sm: 'row' },
          alignItems: { xs: 'flex-start', sm: 'flex-end' },
          gap: { xs: 2, sm: 1 },
        }}
      >
        <Box
          sx={{
            flex: 1,
            alignSelf: 'stretch',
            '& .MuiFormControl-root': { mb: 0 },
            '& input': large ? { fontSize: '1.2rem', py: 1.5 } : {},
          }}
        >
          <TextInput
            id="field-q"
            name="q"
            label={label}
            hint={hint}
            error={error}
            value={value}
            onChange={onChange}
            type="search"
            autoComplete="off"
          />
        </Box>
        <Button
          type="submit"
          variant="contained"
          color="secondary"
          sx={{ minHeight: large ? 56 : 48, px: 3, boxShadow: '0 2px 0 #002d18' }}
        >
          {t('search.submit')}
        </Button>
      </Box>
    </Box>
  );
}
