export { IMPORT_KINDS, IMPORT_SPECS, type ImportColumn, type ImportKind, isImportKind } from './columns.ts';
export {
  type ImportOptions,
  type ImportReport,
  importCsv,
  parseBoolean,
  type Rejection,
} from './import-csv.ts';
export { IMPORT_MESSAGES, type ImportMessageCode } from './import-messages.ts';
