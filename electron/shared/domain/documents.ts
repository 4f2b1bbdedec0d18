/** What a document may be (DESIGN §2.7): the types a trading office exchanges, each with its MIME type and, where it has one, its file signature. */
export const MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;

type DocumentType = { mime: string; magic?: number[][]; preview?: 'pdf' | 'image' };
const ZIP = [[0x50, 0x4b, 0x03, 0x04]];
const OLE = [[0xd0, 0xcf, 0x11, 0xe0]];

export const DOCUMENT_TYPES: Record<string, DocumentType> = {
  pdf: { mime: 'application/pdf', magic: [[0x25, 0x50, 0x44, 0x46, 0x2d]], preview: 'pdf' },
  png: { mime: 'image/png', magic: [[0x89, 0x50, 0x4e, 0x47]], preview: 'image' },
  jpg: { mime: 'image/jpeg', magic: [[0xff, 0xd8, 0xff]], preview: 'image' },
  jpeg: { mime: 'image/jpeg', magic: [[0xff, 0xd8, 0xff]], preview: 'image' },
  gif: { mime: 'image/gif', magic: [[0x47, 0x49, 0x46, 0x38]], preview: 'image' },
  webp: { mime: 'image/webp', magic: [[0x52, 0x49, 0x46, 0x46]], preview: 'image' },
  txt: { mime: 'text/plain' },
  csv: { mime: 'text/csv' },
  eml: { mime: 'message/rfc822' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: ZIP },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: ZIP },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', magic: ZIP },
  ods: { mime: 'application/vnd.oasis.opendocument.spreadsheet', magic: ZIP },
  odt: { mime: 'application/vnd.oasis.opendocument.text', magic: ZIP },
  xls: { mime: 'application/vnd.ms-excel', magic: OLE },
  doc: { mime: 'application/msword', magic: OLE },
};

/** The file's type from its name's extension, or null when it is not one the app keeps. */
export function documentType(name: string): (DocumentType & { ext: string }) | null {
  const m = /\.([a-z0-9]{1,5})$/i.exec(name.trim());
  const ext = m?.[1]?.toLowerCase();
  const type = ext ? DOCUMENT_TYPES[ext] : undefined;
  return type && ext ? { ...type, ext } : null;
}

/** Whether the content begins as its type says (a renamed executable is not a PDF). */
export function contentMatches(type: DocumentType, bytes: Uint8Array): boolean {
  if (!type.magic) return true;
  return type.magic.some((sig) => sig.every((b, i) => bytes[i] === b));
}

/** A stored file's name: 64 hex digits, nothing a path could be made of. */
export const isDocumentHash = (s: string): boolean => /^[0-9a-f]{64}$/.test(s);

/** A name safe to write as a file (opened with the system's application): no folders, no control characters. */
export function safeFileName(name: string): string {
  const cleaned = name
    .replace(/[\\/:*?"<>|]/g, '_')
    .replace(/\p{Cc}/gu, '')
    .trim();
  return (cleaned.replace(/^\.+/, '') || 'document').slice(0, 120);
}
