import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/client.ts';
import type { Me } from '../../api/types.ts';
import { colours } from '../../app/theme.ts';
import { PrimaryButton, SecondaryButton, WarningButton } from '../../components/Buttons.tsx';
import type { ErrorItem } from '../../components/ErrorSummary.tsx';
import { SelectInput, TextInput } from '../../components/FormFields.tsx';
import { RadioInput } from '../../components/RadioInput.tsx';
import { useFormat } from '../../format/use-format.ts';
import {
  act,
  type CaseRequest,
  caseQuery,
  inboxQuery,
  OFFICE,
  type RequestAction,
  TEXT_REQUIRED,
} from './api.ts';

/** The decisions, in the order the panel offers them; taking up and assigning are the staff section's. */
const DECISIONS: readonly RequestAction[] = ['ask', 'propose', 'answer', 'confirm', 'return', 'reject'];
/** The decisions that take a text: required (ask, answer, return, reject) or optional (propose). */
const WITH_TEXT: ReadonlySet<RequestAction> = new Set(['ask', 'propose', 'answer', 'return', 'reject']);

export type Report = {
  /** What was just done, for the success banner (the case is refetched); worded in the language shown. */
  done: (text: (t: TFunction, format: ReturnType<typeof useFormat>) => string) => void;
  /** What went wrong, for the error summary at the top of the page. */
  problem: (items: ErrorItem[]) => void;
};

type Sent = { action: RequestAction; text?: string; assignee?: number };

/**
 * What the signed-in officer may do with the request now — only the actions the server lists in
 * `actions`: take it up, assign it, and decide (ask for more, propose approval, confirm another
 * officer's proposal, return it, reject it, answer it), each with its reason where one is
 * required, rejection after a confirmation. The server decides; its refusals (the proposer
 * cannot confirm, the request moved on) reach the error summary in its own words.
 */
export function ActionPanel({ request, me, report }: { request: CaseRequest; me: Me; report: Report }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'fa';
  const format = useFormat();
  const queryClient = useQueryClient();
  const code = request.trackingCode;
  const decisions = DECISIONS.filter((a) => request.actions.includes(a));
  const [choice, setChoice] = useState<string>(decisions.length === 1 ? (decisions[0] as string) : '');
  const [text, setText] = useState('');
  const [assignee, setAssignee] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [missing, setMissing] = useState<'choice' | 'assignee' | null>(null);
  const inbox = useQuery({ ...inboxQuery(''), enabled: request.actions.includes('assign') });

  const mutation = useMutation({
    mutationFn: (sent: Sent) =>
      act(code, sent.action, {
        ...(sent.text !== undefined && sent.text.trim() !== '' ? { text: sent.text } : {}),
        ...(sent.assignee !== undefined ? { assignee: sent.assignee } : {}),
      }),
    onSuccess: async (answer, sent) => {
      report.done((t) => {
        const status = t(`office.statuses.${answer.status}`, { defaultValue: answer.status });
        return `${t(`office.actions.done.${sent.action}`)} ${t('office.actions.nowStatus', { status })}`;
      });
      setText('');
      setChoice('');
      setAssignee('');
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: OFFICE });
    },
    onError: (error, sent) => {
      setConfirming(false);
      if (error instanceof ApiProblem && error.status === 409) {
        void queryClient.invalidateQueries({ queryKey: caseQuery(code).queryKey });
      }
      report.problem(problemItems(error, sent));
    },
  });

  const requiredText = (action: RequestAction) =>
    TEXT_REQUIRED.has(action) ? t(`office.actions.required.${action}`) : t('office.actions.failed');
  function problemItems(error: unknown, sent: Sent): ErrorItem[] {
    if (!(error instanceof ApiProblem)) return [{ text: t('office.actions.failed') }];
    if (error.fields.length > 0) {
      return error.fields.map((f) => {
        if (f.path === 'text') {
          const blank = (sent.text ?? '').trim() === '';
          return { text: blank ? requiredText(sent.action) : f.message[language], fieldId: 'action-text' };
        }
        if (f.path === 'assignee') return { text: f.message[language], fieldId: 'assign-to' };
        return { text: f.message[language] };
      });
    }
    return [{ text: error.messages[language] }];
  }
  const sent = mutation.variables;
  const inline = (path: 'text' | 'assignee') => {
    const error = mutation.error;
    if (!(error instanceof ApiProblem) || !sent) return undefined;
    const field = error.fields.find((f) => f.path === path);
    if (!field) return undefined;
    return problemItems(error, sent).find(
      (i) => i.fieldId === (path === 'text' ? 'action-text' : 'assign-to'),
    )?.text;
  };

  // Whom to assign to: me, and the officers seen in the inbox — never the one who has it now.
  const current = request.assignedTo?.id;
  const seen = new Map<number, string>();
  if (current !== me.personId) seen.set(me.personId, `${me.firstName} ${me.lastName}`);
  for (const item of inbox.data?.items ?? []) {
    const a = item.assignedTo;
    if (a && a.id !== current && !seen.has(a.id)) {
      seen.set(a.id, a.name ?? t('office.assignee.unnamed', { id: format.number(a.id) }));
    }
  }
  const assignees = [...seen].map(([id, name]) => ({
    value: String(id),
    label: id === me.personId ? t('office.inbox.bulk.me', { name }) : name,
  }));

  const mayTake = request.actions.includes('take') && current !== me.personId;
  const mayAssign = request.actions.includes('assign');
  const chosen = decisions.find((a) => a === choice);

  const submitDecision = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) {
      setMissing('choice');
      report.problem([{ text: t('office.actions.chooseAction'), fieldId: 'action-choice' }]);
      return;
    }
    setMissing(null);
    // A rejection is final: asked once more (a blank reason goes to the server, which names it).
    if (chosen === 'reject' && text.trim() !== '' && !confirming) {
      setConfirming(true);
      return;
    }
    mutation.mutate({ action: chosen, text });
  };
  const assign = () => {
    if (assignee === '') {
      setMissing('assignee');
      report.problem([{ text: t('office.actions.staff.chooseAssignee'), fieldId: 'assign-to' }]);
      return;
    }
    setMissing(null);
    mutation.mutate({ action: 'assign', assignee: Number(assignee) });
  };

  if (decisions.length === 0 && !mayTake && !mayAssign) {
    return (
      <Box component="section" aria-labelledby="actions-title" data-testid="action-panel" sx={{ mb: 5 }}>
        <Typography variant="h2" id="actions-title" sx={{ mb: 1 }}>
          {t('office.actions.title')}
        </Typography>
        {request.status.code === 'awaiting_approval' && <OtherConfirms />}
        <Typography data-testid="no-actions">{t('office.actions.none')}</Typography>
      </Box>
    );
  }
  const textError = chosen && sent?.action === chosen ? inline('text') : undefined;

  return (
    <Box component="section" aria-labelledby="actions-title" data-testid="action-panel" sx={{ mb: 5 }}>
      <Typography variant="h2" id="actions-title" sx={{ mb: 2 }}>
        {t('office.actions.title')}
      </Typography>

      {(mayTake || mayAssign) && (
        <Box
          component="section"
          aria-labelledby="staff-title"
          data-testid="staff-actions"
          sx={{ backgroundColor: colours.panel, p: { xs: 1.5, sm: 2.5 }, mb: 3, maxWidth: '44rem' }}
        >
          <Typography variant="h3" id="staff-title" sx={{ mb: 1 }}>
            {t('office.actions.staff.title')}
          </Typography>
          <Typography sx={{ mb: 2 }}>
            {current === me.personId
              ? t('office.actions.staff.yours')
              : request.assignedTo
                ? t('office.actions.staff.theirs', {
                    name:
                      request.assignedTo.name ??
                      t('office.assignee.unnamed', { id: format.number(request.assignedTo.id) }),
                  })
                : t('office.actions.staff.nobody')}
          </Typography>
          {mayTake && (
            <Box sx={{ mb: mayAssign ? 2.5 : 0 }}>
              <PrimaryButton
                type="button"
                disabled={mutation.isPending}
                onClick={() => mutation.mutate({ action: 'take' })}
                data-testid="action-take"
              >
                {t('office.actions.staff.take')}
              </PrimaryButton>
            </Box>
          )}
          {mayAssign && (
            <Box
              sx={{
                display: 'flex',
                flexWrap: 'wrap',
                alignItems: 'flex-end',
                columnGap: 2,
                rowGap: 1,
                '& .MuiFormControl-root': { mb: 0, flex: '1 1 14rem', width: 'auto' },
              }}
            >
              <SelectInput
                id="assign-to"
                name="assignee"
                label={t('office.actions.staff.assignee')}
                hint={t('office.actions.staff.assigneeHint')}
                value={assignee}
                onChange={setAssignee}
                error={missing === 'assignee' ? t('office.actions.staff.chooseAssignee') : inline('assignee')}
                emptyLabel={t('forms.choose')}
                options={assignees}
              />
              <SecondaryButton disabled={mutation.isPending} onClick={assign} data-testid="action-assign">
                {t('office.actions.staff.assign')}
              </SecondaryButton>
            </Box>
          )}
        </Box>
      )}

      {request.status.code === 'awaiting_approval' && !request.actions.includes('confirm') && (
        <OtherConfirms />
      )}

      {decisions.length > 0 && (
        <Box
          component="form"
          noValidate
          onSubmit={submitDecision}
          aria-labelledby="decision-title"
          data-testid="decision-form"
          sx={{ maxWidth: '44rem' }}
        >
          <Typography variant="h3" id="decision-title" sx={{ mb: 1.5 }}>
            {t('office.actions.decision')}
          </Typography>
          <RadioInput
            id="action-choice"
            name="action"
            label={t('office.actions.choose')}
            value={choice}
            onChange={(value) => {
              setChoice(value);
              setConfirming(false);
              setMissing(null);
            }}
            error={missing === 'choice' ? t('office.actions.chooseAction') : undefined}
            options={decisions.map((a) => ({ value: a, label: t(`office.actions.labels.${a}`) }))}
          />
          {chosen && (
            <Typography data-testid="action-hint" sx={{ mb: 2, mt: -1.5, color: colours.secondaryText }}>
              {t(`office.actions.hints.${chosen}`)}
            </Typography>
          )}
          {chosen && WITH_TEXT.has(chosen) && (
            <TextInput
              id="action-text"
              name="text"
              label={t(`office.actions.text.${chosen}`)}
              value={text}
              onChange={(value) => {
                setText(value);
                setConfirming(false);
              }}
              multiline
              rows={4}
              error={textError}
            />
          )}
          {confirming && chosen === 'reject' ? (
            <ConfirmReject
              pending={mutation.isPending}
              onYes={() => mutation.mutate({ action: 'reject', text })}
              onNo={() => setConfirming(false)}
            />
          ) : (
            <PrimaryButton disabled={mutation.isPending} data-testid="action-submit">
              {chosen ? t(`office.actions.submit.${chosen}`) : t('office.actions.continue')}
            </PrimaryButton>
          )}
        </Box>
      )}
    </Box>
  );
}

function OtherConfirms() {
  const { t } = useTranslation();
  return (
    <Typography data-testid="other-confirms" sx={{ mb: 2, fontWeight: 700, maxWidth: '44rem' }}>
      {t('office.proposal.otherConfirms')}
    </Typography>
  );
}

/** «این درخواست رد شود؟»: the second step of a rejection, focused when it shows. */
function ConfirmReject({ pending, onYes, onNo }: { pending: boolean; onYes: () => void; onNo: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);

  return (
    <Box
      ref={ref}
      tabIndex={-1}
      role="group"
      aria-labelledby="confirm-reject-title"
      data-testid="confirm-reject"
      sx={{
        border: `4px solid ${colours.red}`,
        p: 2,
        '&:focus': { outline: `3px solid ${colours.focus}` },
      }}
    >
      <Typography variant="h3" id="confirm-reject-title" sx={{ mb: 1 }}>
        {t('office.actions.confirmReject.title')}
      </Typography>
      <Typography sx={{ mb: 2 }}>{t('office.actions.confirmReject.text')}</Typography>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 2 }}>
        <WarningButton disabled={pending} onClick={onYes} data-testid="confirm-reject-yes">
          {t('office.actions.confirmReject.yes')}
        </WarningButton>
        <Link component="button" type="button" onClick={onNo} sx={{ font: 'inherit' }}>
          {t('office.actions.confirmReject.no')}
        </Link>
      </Box>
    </Box>
  );
}
