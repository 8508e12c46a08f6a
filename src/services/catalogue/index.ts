import { AppError } from '../../errors/app-error.ts';
import type { ServiceDefinition } from '../definition.ts';
import { amendAddress, amendCapital, amendOfficers, amendStatute } from './amendments.ts';
import { goodStandingCertificate, membershipCertificate } from './certificates.ts';
import {
  annualStatements,
  assemblyMinutes,
  complaintToInspector,
  complaintToMinistry,
  generalRequest,
} from './filings-and-complaints.ts';
import { formation } from './formation.ts';

/** The services of the single window, in the order the catalogue page lists them. */
export const SERVICES: readonly ServiceDefinition[] = [
  formation,
  amendStatute,
  amendCapital,
  amendAddress,
  amendOfficers,
  assemblyMinutes,
  annualStatements,
  membershipCertificate,
  goodStandingCertificate,
  complaintToInspector,
  complaintToMinistry,
  generalRequest,
];

const BY_ID = new Map(SERVICES.map((s) => [s.id, s]));

export function findService(id: string): ServiceDefinition | undefined {
  return BY_ID.get(id);
}

/** The service, or NOT_FOUND. */
export function serviceOf(id: string): ServiceDefinition {
  const service = BY_ID.get(id);
  if (!service)
    throw new AppError('NOT_FOUND', { message: { fa: 'چنین خدمتی نیست', en: 'No such service' } });

  return service;
}
