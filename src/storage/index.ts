export { attachmentHeader, cleanDownloadName, downloadHeaders } from './content-disposition.ts';
export {
  DirectoryStore,
  type DocumentStore,
  MemoryStore,
  S3Store,
  type S3StoreOptions,
  storeFromEnv,
} from './document-store.ts';
export {
  type AllowedType,
  DEFAULT_ALLOWED_TYPES,
  type InspectOptions,
  inspectUpload,
  MAX_NAME_LENGTH,
  safeDisplayName,
  UPLOAD_TYPES,
  type UploadAccepted,
  type UploadInspection,
  type UploadRejected,
  type UploadRejectionCode,
  type UploadRejectionReason,
} from './inspect-upload.ts';
export { assertDocumentKey, DOCUMENT_KEY, newDocumentKey } from './new-key.ts';
export { readDocument, type StoredDocument, storeUpload, uploadError } from './store-upload.ts';
