import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/client.ts';
import { colours } from '../../app/theme.ts';
import { PrimaryButton } from '../../components/Buttons.tsx';
import type { ErrorItem } from '../../components/ErrorSummary.tsx';
import { TextInput } from '../../components/FormFields.tsx';
import { ltr } from '../../format/format.ts';
import type { Report } from './ActionPanel.tsx';
import { type CaseRequest, OFFICE, register } from './api.ts';

const FIELDS = ['legalId', 'registrationNo', 'registeredOn'] as const;
type Values = Record<(typeof FIELDS)[number], string>;
const idOf = (path: string) => `registration-${path}`;

/**
 * A formation's last step, once approved: the companies registry has registered the cooperative;
 * the office records its legal ID, registration number and date (Jalali, as typed), and it
 * becomes active. Every bad field is named by the server, at the field and in the summary.
 */
export function Registration({ request, report }: { request: CaseRequest; report: Report }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'fa';
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Values>({ legalId: '', registrationNo: '', registeredOn: '' });
  const [sent, setSent] = useState<Values | null>(null);
  const labels: Values = {
    legalId: t('office.registration.legalId'),
    registrationNo: t('office.registration.registrationNo'),
    registeredOn: t('office.registration.registeredOn'),
  };

  const messagesOf = (error: unknown, asSent: Values): Map<string, string> => {
    const out = new Map<string, string>();
    if (!(error instanceof ApiProblem)) return out;
    for (const f of error.fields) {
      if (out.has(f.path)) continue;
      const path = f.path as keyof Values;
      const blank = path in asSent && asSent[path].trim() === '';
      out.set(f.path, blank ? t('forms.enterField', { label: labels[path] ?? f.path }) : f.message[language]);
    }
    return out;
  };

  const mutation = useMutation({
    mutationFn: (body: Values) => register(request.trackingCode, body),
    onSuccess: async (answer) => {
      report.done((t, format) =>
        t('office.actions.done.registered', { legalId: ltr(format.digits(answer.legalId)) }),
      );
      await queryClient.invalidateQueries({ queryKey: OFFICE });
    },
    onError: (error, body) => {
      const messages = messagesOf(error, body);
      const items: ErrorItem[] =
        messages.size > 0
          ? [...messages].map(([path, text]) => ({
              text,
              fieldId: (FIELDS as readonly string[]).includes(path) ? idOf(path) : undefined,
            }))
          : [
              {
                text: error instanceof ApiProblem ? error.messages[language] : t('office.actions.failed'),
              },
            ];
      report.problem(items);
    },
  });
  const inline = sent ? messagesOf(mutation.error, sent) : new Map<string, string>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSent(values);
    mutation.mutate(values);
  };
  const set = (path: keyof Values) => (value: string) => setValues((v) => ({ ...v, [path]: value }));

  return (
    <Box
      component="section"
      aria-labelledby="registration-title"
      data-testid="registration"
      sx={{ mb: 5, p: { xs: 1.5, sm: 2.5 }, border: `2px solid ${colours.border}`, maxWidth: '44rem' }}
    >
      <Typography variant="h2" id="registration-title" sx={{ mb: 1 }}>
        {t('office.registration.title')}
      </Typography>
      <Typography sx={{ mb: 3 }}>{t('office.registration.lead')}</Typography>
      <Box component="form" noValidate onSubmit={submit}>
        <TextInput
          id={idOf('legalId')}
          name="legalId"
          label={labels.legalId}
          hint={t('office.registration.legalIdHint')}
          value={values.legalId}
          onChange={set('legalId')}
          error={inline.get('legalId')}
          inputMode="numeric"
          dir="ltr"
          width="14em"
        />
        <TextInput
          id={idOf('registrationNo')}
          name="registrationNo"
          label={labels.registrationNo}
          value={values.registrationNo}
          onChange={set('registrationNo')}
          error={inline.get('registrationNo')}
          dir="ltr"
          width="14em"
        />
        <TextInput
          id={idOf('registeredOn')}
          name="registeredOn"
          label={labels.registeredOn}
          hint={t('office.registration.dateHint')}
          value={values.registeredOn}
          onChange={set('registeredOn')}
          error={inline.get('registeredOn')}
          width="12em"
        />
        <PrimaryButton disabled={mutation.isPending} data-testid="registration-submit">
          {t('office.registration.submit')}
        </PrimaryButton>
      </Box>
    </Box>
  );
}
