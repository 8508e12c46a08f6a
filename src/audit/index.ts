/** The security audit log (sign-ins, codes, sign-outs, denied access, reads of private data). */
export {
  type AuditEntry,
  type AuditOutcome,
  type AuditRecord,
  countAuditFailures,
  encodeForLog,
  listAudit,
  NO_REQUEST,
  type RequestMeta,
  recordAudit,
} from './audit.ts';
