import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { colours } from '../app/theme.ts';
import { useFormat } from '../format/use-format.ts';
import { downloads } from './api.ts';
import { visuallyHidden } from './controls.tsx';
import { type Located, questionPath, sizeParts } from './model.ts';
import { AnswerValue, useBilingual } from './parts.tsx';
import type { RequestView, Service } from './types.ts';

type Row = { id: string; key: string; value: ReactNode; change?: string; error?: string };

/**
 * GOV.UK's "check your answers" list: each question of a section with its answer and, while the
 * applicant may still change it, a «تغییر» link back to its page. A problem the server named
 * shows beside its answer in red.
 */
function CheckRows({ rows, changeLabel }: { rows: Row[]; changeLabel: string }) {
  return (
    <Box component="dl" sx={{ m: 0, mb: 4 }}>
      {rows.map((row) => (
        <Box
          key={row.id}
          id={`answer-${row.id}`}
          data-testid="answer-row"
          sx={{
            display: { xs: 'block', sm: 'grid' },
            gridTemplateColumns: { sm: 'minmax(9rem, 30%) 1fr auto' },
            columnGap: 3,
            borderBottom: `1px solid ${colours.border}`,
            py: 1.25,
            ...(row.error ? { borderInlineStart: `5px solid ${colours.red}`, paddingInlineStart: 1.5 } : {}),
          }}
        >
          <Box component="dt" sx={{ fontWeight: 700, mb: { xs: 0.5, sm: 0 } }}>
            {row.key}
          </Box>
          <Box component="dd" sx={{ m: 0, overflowWrap: 'anywhere' }}>
            {row.error && (
              <Box component="span" sx={{ display: 'block', color: colours.red, fontWeight: 700 }}>
                {row.error}
              </Box>
            )}
            {row.value}
          </Box>
          {row.change && (
            <Box component="dd" sx={{ m: 0, mt: { xs: 0.5, sm: 0 } }}>
              <Link component={RouterLink} to={row.change}>
                {changeLabel}
                <Box component="span" sx={visuallyHidden}>
                  {` ${row.key}`}
                </Box>
              </Link>
            </Box>
          )}
        </Box>
      ))}
    </Box>
  );
}

/**
 * A request's answers by section, then its documents. `editable`: with «تغییر» links (back to
 * this page with `?return=`); `problems`: what the server refused, shown beside each answer.
 */
export function AnswersList({
  request,
  service,
  editable,
  returnTo,
  problems = [],
  headingLevel = 'h2',
}: {
  request: RequestView;
  service: Service;
  editable: boolean;
  returnTo?: string;
  problems?: Located[];
  headingLevel?: 'h2' | 'h3';
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useBilingual();
  const code = request.trackingCode;
  const suffix = returnTo ? `?return=${returnTo}` : '';
  const messageOf = (problem: Located) => problem.problem.message[format.language];
  const problemOf = (questionId: string) => {
    const mine = problems.filter((p) => p.place?.question.id === questionId);
    return mine.length > 0 ? mine.map(messageOf).join(' ') : undefined;
  };

  return (
    <>
      {service.sections.map((section) => (
        <Box component="section" key={section.id} aria-labelledby={`check-${section.id}`}>
          <Typography variant={headingLevel} id={`check-${section.id}`} sx={{ mb: 1 }}>
            {text(section.title)}
          </Typography>
          <CheckRows
            changeLabel={t('services.check.change')}
            rows={section.questions.map((question) => ({
              id: question.id,
              key: text(question.label),
              value: (
                <AnswerValue
                  question={question}
                  value={request.answers[question.id]}
                  answers={request.answers}
                />
              ),
              change: editable ? `${questionPath(code, { section, question })}${suffix}` : undefined,
              error: problemOf(question.id),
            }))}
          />
        </Box>
      ))}
      {service.documents.length > 0 && (
        <Box component="section" aria-labelledby="check-documents">
          <Typography variant={headingLevel} id="check-documents" sx={{ mb: 1 }}>
            {t('services.documents.title')}
          </Typography>
          <CheckRows
            changeLabel={t('services.check.change')}
            rows={service.documents.map((requirement) => {
              const files = request.documents.filter((d) => d.requirement === requirement.id);
              const mine = problems.filter((p) => p.document === requirement.id);
              return {
                id: `documents-${requirement.id}`,
                key: `${text(requirement.label)}${requirement.optional ? ` ${t('forms.optional')}` : ''}`,
                value:
                  files.length === 0 ? (
                    <Box component="span" sx={{ color: colours.secondaryText }}>
                      {t('services.documents.none')}
                    </Box>
                  ) : (
                    <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none' }}>
                      {files.map((file) => {
                        const size = sizeParts(file.size);
                        return (
                          <li key={file.id}>
                            <Link href={downloads.document(code, file.id)} download>
                              <bdi>{file.name}</bdi>
                            </Link>{' '}
                            <Box component="span" sx={{ color: colours.secondaryText }}>
                              ({t(`services.documents.size.${size.unit}`, { n: format.number(size.n) })})
                            </Box>
                          </li>
                        );
                      })}
                    </Box>
                  ),
                change: editable ? `/requests/${code}/documents${suffix}` : undefined,
                error: mine.length > 0 ? mine.map(messageOf).join(' ') : undefined,
              };
            })}
          />
        </Box>
      )}
    </>
  );
}
