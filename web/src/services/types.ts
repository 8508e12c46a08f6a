/**
 * The single window's answers as the web app reads them (src/services/services.routes.ts and
 * src/services/definition.ts). Written out here rather than inferred: the server's definitions
 * carry its database and register code, which the web build must not follow.
 */

export type Bilingual = { fa: string; en: string };

/** A column of a people table (founders, new officers). */
export type PersonColumn =
  | 'nationalCode'
  | 'firstName'
  | 'lastName'
  | 'mobile'
  | 'shares'
  | 'role'
  | 'position'
  | 'termStart'
  | 'termEnd';

export type Choice = { value: string; label: Bilingual };

/** One question of a service; `id` is the key of its answer. */
export type Question = { id: string; label: Bilingual; hint?: Bilingual; optional?: boolean } & (
  | { kind: 'text'; max: number }
  | { kind: 'textarea'; max: number }
  | { kind: 'integer'; min: number; max: number }
  | { kind: 'rials' }
  | { kind: 'date' }
  | { kind: 'postal_code' }
  | { kind: 'mobile' }
  | { kind: 'choice'; choices: Choice[] }
  | { kind: 'province' }
  | { kind: 'county'; provinceQuestion: string }
  | { kind: 'field' }
  | { kind: 'subfield'; fieldQuestion: string }
  | { kind: 'cooperative' }
  | { kind: 'people'; min: number; max: number; columns: PersonColumn[] }
);

export type Section = { id: string; title: Bilingual; questions: Question[] };

export type DocumentRequirement = { id: string; label: Bilingual; hint?: Bilingual; optional?: boolean };

export type ServiceGroup =
  | 'registration'
  | 'amendments'
  | 'filings'
  | 'certificates'
  | 'complaints'
  | 'other';

/** GET /services: one line of the catalogue. */
export type ServiceSummary = {
  id: string;
  group: ServiceGroup;
  title: Bilingual;
  summary: Bilingual;
  applicant: 'anyone' | 'member' | 'board';
  office: 'county' | 'province' | 'inspector' | 'automatic';
  outcome: 'approve' | 'answer';
  concernsCooperative: 'required' | 'optional' | 'none';
  timeLimitDays: number;
};

/** GET /services/:id: the questions, documents and what happens next. */
export type Service = ServiceSummary & {
  nextSteps: Bilingual[];
  sections: Section[];
  documents: DocumentRequirement[];
};

export type RequestStatus =
  | 'draft'
  | 'submitted'
  | 'under_review'
  | 'more_info'
  | 'awaiting_approval'
  | 'approved'
  | 'rejected'
  | 'answered'
  | 'withdrawn';

/** GET /me/requests: one line of a list. */
export type RequestSummary = {
  trackingCode: string;
  service: { id: string; title: Bilingual };
  status: { code: string; label: Bilingual };
  subject: string | null;
  cooperative: { id: number; name: string; legalId: string | null } | null;
  province: string | null;
  county: string | null;
  office: string;
  submittedAt: string | null;
  dueOn: string | null;
  daysLeft: number | null;
  overdue: boolean;
  escalated: boolean;
  decidedAt: string | null;
  assignedTo: { id: number; name: string | null } | null;
  updatedAt: string;
};

export type RequestEvent = {
  action: string;
  from: string | null;
  to: string;
  text: string | null;
  at: string;
  by: { role: 'applicant' | 'office'; name: string | null } | null;
};

export type UploadedDocument = {
  id: number;
  requirement: string;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
};

export type RequestAction =
  | 'take'
  | 'assign'
  | 'ask'
  | 'reply'
  | 'propose'
  | 'confirm'
  | 'return'
  | 'reject'
  | 'answer'
  | 'withdraw';

/** GET /requests/:code: the request with its answers, history, documents and the caller's actions. */
export type RequestView = RequestSummary & {
  viewer: 'applicant' | 'office';
  answers: Record<string, unknown>;
  proposal: { by: string | null; text: string | null } | null;
  applicant: string | null;
  result: Record<string, unknown> | null;
  events: RequestEvent[];
  documents: UploadedDocument[];
  certificate: { code: string; kind: string; validUntil: string } | null;
  actions: RequestAction[];
  nextSteps: Bilingual[];
};

/** POST /requests/track: the public view of a request (no names, no texts). */
export type TrackedRequest = {
  trackingCode: string;
  service: { id: string; title: Bilingual };
  status: { code: string; label: Bilingual };
  submittedAt: string | null;
  dueOn: string | null;
  decidedAt: string | null;
  nextSteps: Bilingual[];
  events: { action: string; to: string; at: string }[];
};

/** GET /certificates/:code: what a certificate states and whether it still holds. */
export type CertificateCheck = {
  code: string;
  kind: string;
  issuedAt: string;
  validUntil: string;
  valid: boolean;
  cooperative: {
    name: string;
    legalId: string | null;
    registrationNo: string | null;
    province: string;
    county: string;
    status: string;
  };
  member: { fullName: string; memberNo: string; joinedOn: string; shares: number } | null;
  checks: string[];
};

/** One row of a people table as the form holds it: every column as typed. */
export type PersonRow = Partial<Record<PersonColumn, string>>;
