import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { type MouseEvent, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { colours } from '../app/theme.ts';

/**
 * One error: its message, and the id of the field it belongs to (without `#`) when it is on this
 * page, or the page (`to`, with router `state`) where it is fixed when it is on another (a
 * request's question, named when the request was submitted).
 */
export type ErrorItem = { text: string; fieldId?: string; to?: string; state?: unknown };

/** Moves focus to the field and brings its label into view, as the GOV.UK error summary does. */
function focusField(event: MouseEvent<HTMLAnchorElement>, fieldId: string): void {
  const field = document.getElementById(fieldId);
  if (!field) return;
  event.preventDefault();
  const label = document.querySelector(`label[for="${CSS.escape(fieldId)}"]`);
  (label ?? field).scrollIntoView({ block: 'start' });
  field.focus({ preventScroll: true });
}

/**
 * The GOV.UK error summary: "There is a problem" at the top of the page, focused when it
 * appears, with a link to each field that needs fixing. Give it a new `key` to show it again.
 */
export function ErrorSummary({ errors }: { errors: ErrorItem[] }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();

  useEffect(() => {
    ref.current?.focus();
  }, []);

  return (
    <Box
      ref={ref}
      tabIndex={-1}
      aria-labelledby={titleId}
      data-testid="error-summary"
      sx={{
        border: `5px solid ${colours.red}`,
        p: { xs: 2, sm: 3 },
        mb: 4,
        '&:focus': { outline: `3px solid ${colours.focus}`, outlineOffset: 0 },
      }}
    >
      <div role="alert">
        <Typography variant="h2" id={titleId} sx={{ mt: 0, mb: 2 }}>
          {t('errors.summaryTitle')}
        </Typography>
        <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none' }}>
          {errors.map((error) => (
            <Box
              component="li"
              key={`${error.to ?? error.fieldId ?? ''}:${error.text}`}
              sx={{ mb: 1, fontWeight: 700 }}
            >
              {error.to ? (
                <Link
                  component={RouterLink}
                  to={error.to}
                  state={error.state}
                  sx={{ color: colours.red, fontWeight: 700 }}
                >
                  {error.text}
                </Link>
              ) : error.fieldId ? (
                <Link
                  href={`#${error.fieldId}`}
                  onClick={(event) => error.fieldId && focusField(event, error.fieldId)}
                  sx={{ color: colours.red, fontWeight: 700 }}
                >
                  {error.text}
                </Link>
              ) : (
                <Box component="span" sx={{ color: colours.red }}>
                  {error.text}
                </Box>
              )}
            </Box>
          ))}
        </Box>
      </div>
    </Box>
  );
}
