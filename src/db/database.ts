import type { Generated, Insertable, Kysely, Selectable, Transaction } from 'kysely';

/**
 * The database as Kysely sees it. Row types mirror the SQL of `migrations/` exactly: nullable
 * columns are `T | null`, never optional. Dates are `YYYY-MM-DD` text, instants ISO-8601 UTC
 * text, booleans 0/1 integers, money integer rials — identical on SQLite and PostgreSQL.
 */
export type Database = {
  provinces: ProvinceTable;
  counties: CountyTable;
  fields: FieldTable;
  cooperatives: CooperativeTable;
  persons: PersonTable;
  legal_entities: LegalEntityTable;
  memberships: MembershipTable;
  officers: OfficerTable;
  interest_declarations: InterestDeclarationTable;
  assemblies: AssemblyTable;
  filings: FilingTable;
  registry_events: RegistryEventTable;
  search_tokens: SearchTokenTable;
  accounts: AccountTable;
  staff_roles: StaffRoleTable;
  sessions: SessionTable;
  otp_challenges: OtpChallengeTable;
  audit_log: AuditLogTable;
  outbox: OutboxTable;
  notification_preferences: NotificationPreferenceTable;
  person_emails: PersonEmailTable;
  ledger_logs: LedgerLogTable;
  ledger_entries: LedgerEntryTable;
  ledger_nodes: LedgerNodeTable;
  ledger_receipts: LedgerReceiptTable;
  ledger_checkpoints: LedgerCheckpointTable;
  witness_keys: WitnessKeyTable;
  ledger_cosignatures: LedgerCosignatureTable;
  ledger_secrets: LedgerSecretTable;
  resolutions: ResolutionTable;
  resolution_votes: ResolutionVoteTable;
  contracts: ContractTable;
  payments: PaymentTable;
  payment_approvals: PaymentApprovalTable;
  financial_statements: FinancialStatementTable;
  inspector_reports: InspectorReportTable;
  share_movements: ShareMovementTable;
  ledger_corrections: LedgerCorrectionTable;
  alerts: AlertTable;
  alert_events: AlertEventTable;
  monitoring_queue: MonitoringQueueTable;
  monitoring_thresholds: MonitoringThresholdTable;
  monitoring_scans: MonitoringScanTable;
  cooperative_follows: CooperativeFollowTable;
  service_requests: ServiceRequestTable;
  service_request_events: ServiceRequestEventTable;
  service_documents: ServiceDocumentTable;
  service_decisions: ServiceDecisionTable;
  certificates: CertificateTable;
  news_articles: NewsArticleTable;
  news_tags: NewsTagTable;
  news_votes: NewsVoteTable;
  news_comments: NewsCommentTable;
  news_challenges: NewsChallengeTable;
  news_daily_salts: NewsDailySaltTable;
  news_view_keys: NewsViewKeyTable;
};

export type Db = Kysely<Database>;
/** A database handle or an open transaction: repositories accept either. */
export type Executor = Kysely<Database> | Transaction<Database>;
export type Dialect = 'sqlite' | 'postgres';

export type ProvinceTable = {
  id: Generated<number>;
  code: string;
  name_fa: string;
  name_en: string;
  name_key: string;
  sort_key: string;
};

export type CountyTable = {
  id: Generated<number>;
  province_id: number;
  name_fa: string;
  name_en: string;
  name_key: string;
  sort_key: string;
  wikidata: string | null;
};

export type FieldTable = {
  code: string;
  parent_code: string | null;
  name_fa: string;
  name_en: string;
  position: number;
};

export type CooperativeTable = {
  id: Generated<number>;
  legal_id: string | null;
  registration_no: string | null;
  registered_on: string | null;
  name: string;
  name_key: string;
  sort_key: string;
  legal_form: string;
  field_code: string;
  subfield_code: string | null;
  province_id: number;
  county_id: number;
  address: string | null;
  postal_code: string | null;
  fiscal_year_end_month: number;
  status: string;
  status_changed_on: string;
  capital_rials: number;
  paid_capital_rials: number | null;
  member_count: number;
  bylaws: string | null;
  created_at: string;
  updated_at: string;
};

export type PersonTable = {
  id: Generated<number>;
  national_code: string;
  first_name: string;
  last_name: string;
  name_key: string;
  mobile: string | null;
  iban: string | null;
  address: string | null;
  postal_code: string | null;
  created_at: string;
};

export type LegalEntityTable = {
  id: Generated<number>;
  legal_id: string;
  name: string;
  name_key: string;
  cooperative_id: number | null;
  created_at: string;
};

export type MembershipTable = {
  id: Generated<number>;
  cooperative_id: number;
  member_no: string;
  person_id: number | null;
  legal_entity_id: number | null;
  joined_on: string;
  left_on: string | null;
  shares: number;
  created_at: string;
};

export type OfficerTable = {
  id: Generated<number>;
  cooperative_id: number;
  person_id: number | null;
  legal_entity_id: number | null;
  role: string;
  position: string | null;
  term_start: string;
  term_end: string;
  accepted_on: string | null;
  ended_on: string | null;
  consecutive_terms: number;
  created_at: string;
};

export type InterestDeclarationTable = {
  id: Generated<number>;
  cooperative_id: number;
  officer_id: number;
  kind: string;
  relation: string;
  person_national_code: string | null;
  person_name: string | null;
  company_legal_id: string | null;
  company_name: string | null;
  declared_on: string;
  created_at: string;
};

export type AssemblyTable = {
  id: Generated<number>;
  cooperative_id: number;
  kind: string;
  fiscal_year: number | null;
  call_number: number;
  invitation_published_on: string | null;
  held_on: string | null;
  elections_held: number;
  created_at: string;
};

export type FilingTable = {
  id: Generated<number>;
  cooperative_id: number;
  kind: string;
  fiscal_year: number | null;
  filed_on: string;
  assembly_id: number | null;
  description: string | null;
  created_at: string;
};

export type RegistryEventTable = {
  id: Generated<number>;
  cooperative_id: number | null;
  kind: string;
  occurred_at: string;
  payload: string;
};

export type SearchTokenTable = {
  cooperative_id: number;
  token: string;
  weight: number;
  /** The cooperative's `sort_key`, copied so that search can page from the token index alone. */
  sort_key: string;
};

/** One message the system sends or has sent (the notification outbox; see docs/adr/0005). */
export type OutboxTable = {
  id: Generated<number>;
  person_id: number | null;
  /** 'sms' | 'email' | 'inapp' */
  channel: string;
  to_address: string;
  kind: string;
  subject_fa: string | null;
  subject_en: string | null;
  body_fa: string;
  body_en: string;
  /** 'pending' | 'sending' | 'sent' | 'failed' | 'recorded' */
  status: string;
  attempts: number;
  next_attempt_at: string;
  claimed_at: string | null;
  last_error: string | null;
  provider_id: string | null;
  sent_at: string | null;
  /** In-app messages only: when the person read it. */
  read_at: string | null;
  created_at: string;
};

export type NotificationPreferenceTable = {
  person_id: number;
  /** A notification kind, or 'all'. */
  kind: string;
  channel: string;
  enabled: number;
  updated_at: string;
};

export type PersonEmailTable = {
  id: Generated<number>;
  person_id: number;
  email: string;
  verified_at: string | null;
  token_hash: string | null;
  token_expires_at: string | null;
  failed_attempts: number;
  created_at: string;
};

/** One account per person: the password hash (scrypt, parameters inside) and the verified mobile. */
export type AccountTable = {
  id: Generated<number>;
  person_id: number;
  password_hash: string;
  /** The mobile verified by a one-time code at activation; sign-in and recovery codes go here. */
  mobile: string;
  /** 'active' | 'disabled' */
  status: string;
  password_changed_at: string;
  created_at: string;
  updated_at: string;
};

/** Staff roles: administrators and ministry officers of the nation, a province or a county. */
export type StaffRoleTable = {
  id: Generated<number>;
  person_id: number;
  /** 'admin' | 'officer' */
  role: string;
  /** 'nation' | 'province' | 'county' */
  scope: string;
  province_id: number | null;
  county_id: number | null;
  created_at: string;
};

/** A server-side session; `id` is the SHA-256 (hex) of the token in the cookie. */
export type SessionTable = {
  id: string;
  account_id: number;
  created_at: string;
  last_seen_at: string;
  /** Absolute end of the session (created_at + the absolute timeout). */
  expires_at: string;
  revoked_at: string | null;
  ip: string | null;
  user_agent: string | null;
};

/** A one-time code sent by SMS; `id` is the SHA-256 of the challenge id the client holds. */
export type OtpChallengeTable = {
  id: string;
  person_id: number;
  /** 'sign_in' | 'activation' | 'recovery' */
  purpose: string;
  /** HMAC-SHA-256 of the code keyed by the challenge id (which the database does not hold). */
  code_hash: string;
  /** The mobile the code went to (activation makes it the account's verified mobile). */
  sent_to: string;
  attempts: number;
  expires_at: string;
  consumed_at: string | null;
  created_at: string;
};

/** The security audit log: who, what, on what, with what outcome, when (UTC) and from where. */
export type AuditLogTable = {
  id: Generated<number>;
  at: string;
  actor_person_id: number | null;
  action: string;
  target: string | null;
  /** 'success' | 'failure' | 'denied' */
  outcome: string;
  ip: string | null;
  user_agent: string | null;
  /** JSON object, never a secret; control characters escaped. */
  details: string;
};

/** One cooperative's log: size, root and the frontier (comma-separated hex, largest subtree first). */
export type LedgerLogTable = {
  cooperative_id: number;
  size: number;
  root_hash: string;
  frontier: string;
  updated_at: string;
};

/** An entry of a log. `body` is the RFC 8785 canonical JSON the leaf hashes; it repeats every other column. */
export type LedgerEntryTable = {
  cooperative_id: number;
  idx: number;
  kind: string;
  subject: string | null;
  recorded_at: string;
  body: string;
  leaf_hash: string;
};

export type LedgerNodeTable = { cooperative_id: number; level: number; idx: number; hash: string };

export type LedgerReceiptTable = {
  cooperative_id: number;
  first_idx: number;
  /** Hex leaf hashes of the batch, comma-separated. */
  leaf_hashes: string;
  key_id: string;
  signature: string;
};

export type LedgerCheckpointTable = {
  cooperative_id: number;
  size: number;
  root_hash: string;
  /** The signed note, as published. */
  note: string;
  key_id: string;
  created_at: string;
};

export type WitnessKeyTable = {
  id: Generated<number>;
  person_id: number;
  name: string;
  key_id: string;
  public_key: string;
  created_at: string;
  revoked_at: string | null;
};

export type LedgerCosignatureTable = {
  cooperative_id: number;
  size: number;
  witness_key_id: number;
  signature_line: string;
  signed_at: string;
};

export type LedgerSecretTable = {
  cooperative_id: number;
  idx: number;
  path: string;
  salt: string;
  value: string;
};

export type ResolutionTable = {
  id: Generated<number>;
  cooperative_id: number;
  body: string;
  number: string;
  meeting_on: string;
  motion: string;
  outcome: string;
  /** JSON array of {name, sha256, bytes}. */
  attachments: string;
  recorded_by: number | null;
  created_at: string;
};

export type ResolutionVoteTable = {
  resolution_id: number;
  officer_id: number;
  vote: string;
  conflict: number;
  conflict_note: string | null;
};

export type ContractTable = {
  id: Generated<number>;
  cooperative_id: number;
  external_id: string | null;
  title: string;
  party_kind: string;
  party_name: string;
  party_national_code: string | null;
  party_legal_id: string | null;
  amount_rials: number;
  starts_on: string;
  ends_on: string | null;
  resolution_id: number | null;
  resolution_ref: string | null;
  recorded_on: string;
  recorded_by: number | null;
  created_at: string;
};

export type PaymentTable = {
  id: Generated<number>;
  cooperative_id: number;
  external_id: string | null;
  direction: string;
  party_kind: string;
  party_name: string;
  party_national_code: string | null;
  party_legal_id: string | null;
  iban: string | null;
  amount_rials: number;
  paid_on: string;
  category: string;
  invoice_ref: string | null;
  budget_line: string | null;
  contract_id: number | null;
  resolution_id: number | null;
  resolution_ref: string | null;
  required_approvals: number;
  recorded_on: string;
  recorded_by: number | null;
  created_at: string;
};

export type PaymentApprovalTable = { payment_id: number; person_id: number; approved_at: string };

export type FinancialStatementTable = {
  id: Generated<number>;
  cooperative_id: number;
  fiscal_year: number;
  /** JSON object of integer rial figures. */
  figures: string;
  approved_on: string | null;
  recorded_by: number | null;
  created_at: string;
};

export type InspectorReportTable = {
  id: Generated<number>;
  cooperative_id: number;
  fiscal_year: number;
  opinion: string;
  summary: string;
  reported_on: string;
  recorded_by: number | null;
  created_at: string;
};

export type ShareMovementTable = {
  id: Generated<number>;
  cooperative_id: number;
  member_no: string;
  kind: string;
  shares: number;
  amount_rials: number;
  moved_on: string;
  counterpart_member_no: string | null;
  recorded_by: number | null;
  created_at: string;
};

export type LedgerCorrectionTable = {
  id: Generated<number>;
  cooperative_id: number;
  target_idx: number;
  action: string;
  reason: string;
  /** JSON object of the amended fields, for 'amend'. */
  amendment: string | null;
  recorded_by: number | null;
  created_at: string;
};

/** A red flag: one rule's finding on one cooperative, deduplicated by key, with its life. */
export type AlertTable = {
  id: Generated<number>;
  cooperative_id: number;
  rule_id: string;
  key: string;
  severity: string;
  /** 'open' | 'answered' | 'resolved' | 'dismissed' */
  status: string;
  /** 1: a governance flag shown on the public profile. */
  public: number;
  /** JSON: the values the explanation names. */
  params: string;
  /** JSON: entries, amounts, dates, people, external ids. */
  evidence: string;
  weight: number;
  /** 1 while the latest evaluation still finds it. */
  still_found: number;
  opened_at: string;
  last_seen_at: string;
  closed_at: string | null;
};

export type AlertEventTable = {
  id: Generated<number>;
  alert_id: number;
  cooperative_id: number;
  action: string;
  text: string | null;
  person_id: number | null;
  at: string;
};

export type MonitoringQueueTable = { cooperative_id: number; queued_at: string };

export type MonitoringThresholdTable = {
  rule_id: string;
  thresholds: string;
  updated_by: number | null;
  updated_at: string;
};

export type MonitoringScanTable = {
  id: Generated<number>;
  started_at: string;
  after_cooperative_id: number;
  cooperatives: number;
  findings: number;
  finished_at: string | null;
};

export type CooperativeFollowTable = { person_id: number; cooperative_id: number; created_at: string };

export type CooperativeRow = Selectable<CooperativeTable>;
export type NewCooperative = Insertable<CooperativeTable>;
export type PersonRow = Selectable<PersonTable>;
export type OfficerRow = Selectable<OfficerTable>;
export type AssemblyRow = Selectable<AssemblyTable>;
export type FilingRow = Selectable<FilingTable>;
export type MembershipRow = Selectable<MembershipTable>;

export type ServiceRequestTable = {
  id: Generated<number>;
  tracking_code: string;
  service_id: string;
  applicant_person_id: number;
  cooperative_id: number | null;
  province_id: number | null;
  county_id: number | null;
  office: string;
  status: string;
  /** JSON: the answers by question id. */
  answers: string;
  assigned_to: number | null;
  proposed_by: number | null;
  proposal_text: string | null;
  submitted_at: string | null;
  /** The date (YYYY-MM-DD, Tehran) a decision is due; moves on while the applicant is asked for more. */
  due_on: string | null;
  paused_on: string | null;
  decided_at: string | null;
  reminded_at: string | null;
  escalated_at: string | null;
  /** JSON: what the decision did (the cooperative created, the certificate issued…). */
  result: string | null;
  created_at: string;
  updated_at: string;
};

export type ServiceRequestEventTable = {
  id: Generated<number>;
  request_id: number;
  action: string;
  from_status: string | null;
  to_status: string;
  person_id: number | null;
  text: string | null;
  at: string;
};

export type ServiceDocumentTable = {
  id: Generated<number>;
  request_id: number;
  requirement: string;
  display_name: string;
  media_type: string;
  size: number;
  sha256: string;
  stored_name: string;
  uploaded_by: number;
  created_at: string;
  removed_at: string | null;
};

export type ServiceDecisionTable = {
  id: Generated<number>;
  request_id: number;
  cooperative_id: number | null;
  decision: string;
  text: string | null;
  proposed_by: number | null;
  decided_by: number | null;
  /** JSON: the decision's effect on the register. */
  effect: string;
  at: string;
};

export type CertificateTable = {
  code: string;
  kind: string;
  request_id: number;
  cooperative_id: number;
  person_id: number | null;
  /** JSON: what the certificate states, as issued. */
  content: string;
  issued_at: string;
  valid_until: string;
};

/** An article of the ministry (nation or one province) or a cooperative's announcement to its members. */
export type NewsArticleTable = {
  id: Generated<number>;
  /** `nation`, `province` (province_id set) or `cooperative` (cooperative_id set). */
  audience: string;
  province_id: number | null;
  cooperative_id: number | null;
  title: string;
  lead: string;
  /** Sanitised on write (src/news/sanitize.ts): only the allowed tags and attributes. */
  body_html: string;
  /** The body's text, for search and summaries. */
  body_text: string;
  source: string | null;
  /** `searchKey` of title, lead and body text. */
  search_key: string;
  /** `draft`, `scheduled`, `published`, `archived`; a scheduled article is published once `published_at` has passed. */
  status: string;
  /** When it was (or is to be) published, ISO instant; null for drafts never scheduled. */
  published_at: string | null;
  archived_at: string | null;
  cover_key: string | null;
  cover_media_type: string | null;
  cover_sha256: string | null;
  cover_size: number | null;
  /** Visitors counted once a day each (a baseline may be imported with the article). */
  views: Generated<number>;
  author_person_id: number | null;
  created_at: string;
  updated_at: string;
};

export type NewsTagTable = { article_id: number; tag: string; tag_key: string; position: number };

/** One vote: `rating` 1–5 or `reaction` ±1, by `person:<id>`, `visitor:<daily hash>` or `imported:<source>`. */
export type NewsVoteTable = {
  article_id: number;
  kind: string;
  voter_key: string;
  value: number;
  created_at: string;
};

export type NewsCommentTable = {
  id: Generated<number>;
  article_id: number;
  person_id: number | null;
  display_name: string | null;
  body: string;
  /** `pending`, `approved`, `rejected`, `hidden`. */
  status: string;
  reason: string | null;
  moderated_by: number | null;
  moderated_at: string | null;
  created_at: string;
};

/** An arithmetic challenge of an anonymous comment: the SHA-256 of its id, its answer and expiry. */
export type NewsChallengeTable = { key: string; answer: number; expires_at: string; created_at: string };

/** The random salt of one Tehran day; salts of past days are deleted. */
export type NewsDailySaltTable = { day: string; salt: string; created_at: string };

export type NewsViewKeyTable = { day: string; article_id: number; visitor_key: string };
