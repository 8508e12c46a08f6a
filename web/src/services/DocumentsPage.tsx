import Box from '@mui/material/Box';
import FormControl from '@mui/material/FormControl';
import FormHelperText from '@mui/material/FormHelperText';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Link as RouterLink, useParams, useSearchParams } from 'react-router';
import { ApiProblem, isUnauthorized } from '../api/client.ts';
import { PRIVATE } from '../api/session.ts';
import { colours } from '../app/theme.ts';
import { BackLink } from '../components/BackLink.tsx';
import { LinkButton } from '../components/Buttons.tsx';
import { type ErrorItem, ErrorSummary } from '../components/ErrorSummary.tsx';
import { describedBy } from '../components/FormFields.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { StatusTag } from '../components/StatusTag.tsx';
import { useFormat } from '../format/use-format.ts';
import { SignInAgain } from '../pages/RequireSignIn.tsx';
import { downloads, removeDocument, uploadDocument } from './api.ts';
import { visuallyHidden } from './controls.tsx';
import { fieldIdOf, sizeParts } from './model.ts';
import { Caption, useBilingual } from './parts.tsx';
import type { DocumentRequirement, RequestView, Service } from './types.ts';
import { afterChange, editable, WithRequest } from './WithRequest.tsx';

/**
 * /requests/:code/documents — each document the service asks for, with its status, the files
 * uploaded (download, remove) and a labelled button to upload one. A file is sent as it is
 * chosen (its raw bytes; the server checks what it is by its content and its size); a refused
 * one is named in the error summary and beside its document.
 */
export function DocumentsPage() {
  const { code = '' } = useParams();
  return (
    <WithRequest code={code}>
      {(request, service) =>
        editable(request) ? (
          <Documents request={request} service={service} />
        ) : (
          <Navigate to={`/requests/${request.trackingCode}`} replace />
        )
      }
    </WithRequest>
  );
}

/** A file name inside a sentence, isolated so its own direction does not reorder the sentence. */
const isolated = (name: string) => `\u2068${name}\u2069`;

type Refusal = { requirement: string; problem: ApiProblem; at: number };

function Documents({ request, service }: { request: RequestView; service: Service }) {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useBilingual();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const code = request.trackingCode;
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [announce, setAnnounce] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: [PRIVATE, 'request', code] });
  const upload = useMutation({
    mutationFn: (a: { requirement: DocumentRequirement; file: File }) =>
      uploadDocument(code, a.requirement.id, a.file),
    onMutate: (a) => {
      setRefusal(null);
      setAnnounce(t('services.documents.uploading', { name: isolated(a.file.name) }));
    },
    onSuccess: async (doc, a) => {
      await refresh();
      setAnnounce(
        t('services.documents.uploaded', { name: isolated(doc.name), label: text(a.requirement.label) }),
      );
    },
    onError: (error, a) => {
      setAnnounce('');
      if (error instanceof ApiProblem)
        setRefusal({ requirement: a.requirement.id, problem: error, at: Date.now() });
    },
  });
  const remove = useMutation({
    mutationFn: (a: { id: number; name: string }) => removeDocument(code, a.id),
    onSuccess: async (_, a) => {
      await refresh();
      setAnnounce(t('services.documents.removed', { name: isolated(a.name) }));
    },
  });
  if (isUnauthorized(upload.error) || isUnauthorized(remove.error)) return <SignInAgain />;

  const messageOf = (requirement: string): string | undefined => {
    if (refusal?.requirement !== requirement) return undefined;
    const field =
      refusal.problem.fields.find((f) => f.path === `documents.${requirement}`) ?? refusal.problem.fields[0];
    return field ? field.message[format.language] : refusal.problem.messages[format.language];
  };
  const errorItems: ErrorItem[] = refusal
    ? [
        {
          text: `${text(service.documents.find((d) => d.id === refusal.requirement)?.label)}: ${messageOf(refusal.requirement) ?? ''}`,
          fieldId: fieldIdOf(`documents.${refusal.requirement}`),
        },
      ]
    : [];
  const next = afterChange(request, params.get('return'));

  return (
    <Box sx={{ maxWidth: '44rem' }}>
      <PageTitle title={t('services.documents.title')} error={Boolean(refusal)} />
      <BackLink to={next} />
      {refusal && <ErrorSummary key={refusal.at} errors={errorItems} />}
      <Caption>{text(service.title)}</Caption>
      <Typography variant="h1" sx={{ mb: 2 }}>
        {t('services.documents.title')}
      </Typography>
      <Typography sx={{ mb: 1 }}>{t('services.documents.lead')}</Typography>
      <Typography sx={{ mb: 4, color: colours.secondaryText }}>{t('services.documents.formats')}</Typography>
      <Box aria-live="polite" data-testid="upload-status" sx={{ minHeight: '1.5em', mb: 2, fontWeight: 700 }}>
        {announce}
      </Box>
      {service.documents.map((requirement) => {
        const files = request.documents.filter((d) => d.requirement === requirement.id);
        const id = fieldIdOf(`documents.${requirement.id}`);
        const error = messageOf(requirement.id);
        const hint = text(requirement.hint) || undefined;
        const title = `${text(requirement.label)}${requirement.optional ? ` ${t('forms.optional')}` : ''}`;
        return (
          <Box
            component="section"
            key={requirement.id}
            aria-labelledby={`${id}-title`}
            data-testid="document"
            data-requirement={requirement.id}
            sx={{
              borderTop: `1px solid ${colours.border}`,
              py: 2.5,
              ...(error ? { borderInlineStart: `5px solid ${colours.red}`, paddingInlineStart: 2 } : {}),
            }}
          >
            <Box sx={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', gap: 1, mb: 1 }}>
              <Typography variant="h2" id={`${id}-title`} sx={{ fontSize: '1.2rem' }}>
                {title}
              </Typography>
              {files.length > 0 ? (
                <StatusTag tone="green" testId="document-status">
                  {t('services.documents.uploadedTag')}
                </StatusTag>
              ) : (
                <StatusTag tone={requirement.optional ? 'grey' : 'blue'} testId="document-status">
                  {t('services.documents.missingTag')}
                </StatusTag>
              )}
            </Box>
            {files.length > 0 && (
              <Box component="ul" data-testid="files" sx={{ m: 0, mb: 2, p: 0, listStyle: 'none' }}>
                {files.map((file) => {
                  const size = sizeParts(file.size);
                  return (
                    <Box
                      component="li"
                      key={file.id}
                      sx={{
                        display: 'flex',
                        flexWrap: 'wrap',
                        columnGap: 2,
                        alignItems: 'baseline',
                        py: 0.75,
                        borderBottom: `1px solid ${colours.border}`,
                      }}
                    >
                      <Link href={downloads.document(code, file.id)} download sx={{ fontWeight: 700 }}>
                        <bdi>{file.name}</bdi>
                      </Link>
                      <Typography variant="body2" component="span" sx={{ color: colours.secondaryText }}>
                        {t(`services.documents.size.${size.unit}`, { n: format.number(size.n) })} ·{' '}
                        {format.instant(file.uploadedAt)}
                      </Typography>
                      <LinkButton
                        onClick={() => remove.mutate({ id: file.id, name: file.name })}
                        disabled={remove.isPending}
                        data-testid="remove-document"
                      >
                        {t('services.documents.remove')}
                        <Box component="span" sx={visuallyHidden}>
                          {` ${file.name}`}
                        </Box>
                      </LinkButton>
                    </Box>
                  );
                })}
              </Box>
            )}
            <FormControl error={Boolean(error)} sx={{ display: 'block' }}>
              {hint && (
                <FormHelperText id={`${id}-hint`} sx={{ mt: 0, mb: 1, color: colours.secondaryText }}>
                  {hint}
                </FormHelperText>
              )}
              {error && (
                <FormHelperText id={`${id}-error`} error sx={{ mt: 0, mb: 1, fontWeight: 700 }}>
                  {error}
                </FormHelperText>
              )}
              {/* The browser's own file button speaks the browser's language: a labelled button of ours instead. */}
              <Box
                sx={{
                  position: 'relative',
                  '& input:focus-visible + label': {
                    outline: `3px solid ${colours.focus}`,
                    backgroundColor: colours.focus,
                    boxShadow: `0 2px 0 ${colours.text}`,
                  },
                }}
              >
                <Box
                  component="input"
                  type="file"
                  id={id}
                  name={`documents.${requirement.id}`}
                  accept="application/pdf,image/png,image/jpeg"
                  disabled={upload.isPending}
                  onChange={(event: ChangeEvent<HTMLInputElement>) => {
                    const file = event.target.files?.[0];
                    event.target.value = '';
                    if (file) upload.mutate({ requirement, file });
                  }}
                  aria-describedby={describedBy(id, hint, error)}
                  sx={{ position: 'absolute', opacity: 0, width: '1px', height: '1px', overflow: 'hidden' }}
                />
                <Box
                  component="label"
                  htmlFor={id}
                  data-testid="choose-file"
                  sx={{
                    display: 'inline-block',
                    cursor: 'pointer',
                    px: 2.5,
                    py: 1,
                    fontWeight: 700,
                    color: colours.text,
                    backgroundColor: colours.greyBg,
                    boxShadow: '0 2px 0 #858686',
                    '&:hover': { backgroundColor: '#dbdad9' },
                  }}
                >
                  {files.length > 0 ? t('services.documents.chooseAnother') : t('services.documents.choose')}
                  <Box component="span" sx={visuallyHidden}>
                    {` ${title}`}
                  </Box>
                </Box>
              </Box>
            </FormControl>
          </Box>
        );
      })}
      <Box sx={{ borderTop: `1px solid ${colours.border}`, pt: 3 }}>
        <Link
          component={RouterLink}
          to={next}
          data-testid="documents-continue"
          sx={{
            display: 'inline-block',
            px: 3,
            py: 1.25,
            fontWeight: 700,
            color: '#fff',
            textDecoration: 'none',
            backgroundColor: colours.button,
            boxShadow: '0 2px 0 #002d18',
            '&:hover': { backgroundColor: colours.buttonHover },
          }}
        >
          {t('services.documents.continue')}
        </Link>
      </Box>
    </Box>
  );
}
