import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../api.ts';
import {
  type FarmDocumentKind,
  postFormWithProgress,
  type VerificationItemBody,
  type VerificationItemJson,
} from '../api-seller.ts';
import { useSeller } from './center.tsx';
import { ACCEPT, documentFileProblem, formatBytes, sha256Of, TYPES_TEXT } from './document-file.ts';

/** The verification items a farmer proves with a document, in the order the levels ask for them. */
export type DocumentKind = 'business_registration' | 'farm_document';
export const DOCUMENT_KINDS: DocumentKind[] = ['business_registration', 'farm_document'];

export const KIND_TEXT: Record<DocumentKind, { title: string; hint: string }> = {
  business_registration: {
    title: 'Business registration document',
    hint: 'Your state filing (articles of organization or incorporation) or your business license.',
  },
  farm_document: {
    title: 'Farm document',
    hint: 'A USDA FSA farm number, a state farm registration or a USDA organic certificate.',
  },
};
type UsStateCode = Extract<VerificationItemBody, { kind: 'business_registration' }>['stateOfRegistration'];
/** An item's text fields: the document goes as a file part of the form. */
type ItemFields = VerificationItemBody extends infer T
  ? T extends unknown
    ? Omit<T, 'document'>
    : never
  : never;
const FARM_DOCUMENTS: Record<FarmDocumentKind, { label: string; number: string }> = {
  usda_fsa_farm_number: { label: 'USDA FSA farm number', number: 'FSA farm number' },
  state_farm_registration: { label: 'State farm registration', number: 'Registration number' },
  usda_organic_certificate: { label: 'USDA organic certificate', number: 'Certificate number' },
};

/** Server error paths (`body.document.content`) name the form field they belong to. */
const fieldOf = (path: string) => path.replace(/^body\.?/, '').split('.')[0] ?? '';
const FILE_CODES = new Set([
  'sellers.document_too_large',
  'sellers.document_hash_mismatch',
  'sellers.document_empty',
  'sellers.unsupported_document_type',
  'upload.too_large',
  'upload.unsupported_type',
  'upload.empty',
]);

type Phase =
  | { at: 'idle' }
  | { at: 'uploading'; name: string; sent: number }
  | { at: 'checking'; name: string };

/** One document's form: its facts, the file, the upload's progress and the server's verdict per field. */
export function DocumentForm({
  kind,
  rejected,
  onSubmitted,
}: {
  kind: DocumentKind;
  rejected: VerificationItemJson | undefined;
  onSubmitted: (what: string) => void;
}) {
  const { sellerId } = useSeller();
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  // Bumped when errors are shown: the effect moves focus after React has marked the fields invalid
  // (a timer could fire before that commit on a busy machine, and focus nothing).
  const [errorsShown, setErrorsShown] = useState(0);
  useEffect(() => {
    if (errorsShown) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errorsShown]);
  const [fields, setFields] = useState<Record<string, string>>(() => ({
    documentKind: 'usda_fsa_farm_number',
    // A replacement starts from what was sent: often only the file was wrong.
    ...Object.fromEntries(Object.entries(rejected?.details ?? {}).map(([k, v]) => [k, String(v)])),
  }));
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ at: 'idle' });
  const fileRequired = kind === 'business_registration';
  const farmKind = fields.documentKind as FarmDocumentKind;
  const shown =
    kind === 'business_registration'
      ? ['stateOfRegistration', 'entityNumber', 'document']
      : [
          'documentKind',
          'number',
          ...(farmKind === 'state_farm_registration' ? ['state'] : []),
          ...(farmKind === 'usda_organic_certificate' ? ['certifier', 'expiresOn'] : []),
          'document',
        ];

  const errorId = (name: string) => `${id}-${name}-error`;
  const invalid = (name: string) =>
    errors[name] ? { 'aria-invalid': true as const, 'aria-describedby': errorId(name) } : {};
  // The file's error is announced as it appears: it comes on choosing a file, with no submit to move focus.
  const fieldError = (name: string) =>
    errors[name] && (
      <span id={errorId(name)} className="field-error" role={name === 'document' ? 'alert' : undefined}>
        {errors[name]}
      </span>
    );
  // Label, control and its error side by side (not nested), so the control's name stays its label.
  const text = (name: string, label: string, extra: Record<string, unknown> = {}) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input
        id={`${id}-${name}`}
        value={fields[name] ?? ''}
        onChange={(e) => setFields({ ...fields, [name]: e.target.value })}
        required
        {...invalid(name)}
        {...extra}
      />
      {fieldError(name)}
    </div>
  );

  const choose = async (input: HTMLInputElement) => {
    const chosen = input.files?.[0] ?? null;
    setFile(null);
    setErrors(({ document: _, ...rest }) => rest);
    if (!chosen) return;
    const problem = await documentFileProblem(chosen);
    if (problem) {
      input.value = ''; // a refused file is not kept, so it cannot be sent by mistake
      setErrors((e) => ({ ...e, document: problem }));
    } else setFile(chosen);
  };

  /** The item as multipart/form-data: its fields as text, the scan as the file `document.content`. */
  const body = async (): Promise<FormData> => {
    const f = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.trim()]));
    const item: ItemFields =
      kind === 'business_registration'
        ? {
            kind,
            stateOfRegistration: f.stateOfRegistration?.toUpperCase() as UsStateCode,
            entityNumber: f.entityNumber ?? '',
          }
        : {
            kind,
            documentKind: farmKind,
            number: f.number ?? '',
            ...(farmKind === 'state_farm_registration'
              ? { state: f.state?.toUpperCase() as UsStateCode }
              : {}),
            ...(farmKind === 'usda_organic_certificate'
              ? { certifier: f.certifier, expiresOn: f.expiresOn }
              : {}),
          };
    const form = new FormData();
    for (const [name, value] of Object.entries(item))
      if (value !== undefined) form.append(name, String(value));
    if (file) {
      form.append('document.name', file.name.slice(0, 200));
      // The server checks the hash against what arrived: a corrupted upload is refused, not kept.
      const sha256 = await sha256Of(file);
      if (sha256) form.append('document.sha256', sha256);
      form.append('document.content', file, file.name);
    }
    return form;
  };

  const showErrors = (next: Record<string, string>, message: string | null) => {
    setErrors(next);
    setGeneral(message);
    // Move to the first field to fix, once it is marked invalid.
    setErrorsShown((n) => n + 1);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (phase.at !== 'idle') return;
    if (fileRequired && !file)
      return showErrors({ document: `Choose the ${TYPES_TEXT} file to upload.` }, null);
    setErrors({});
    setGeneral(null);
    const name = file?.name ?? '';
    try {
      setPhase({ at: 'uploading', name, sent: 0 });
      await postFormWithProgress(`/sellers/${sellerId}/verification/items`, await body(), (sent, total) =>
        setPhase(sent < total ? { at: 'uploading', name, sent: sent / total } : { at: 'checking', name }),
      );
      onSubmitted(KIND_TEXT[kind].title);
    } catch (err) {
      const next: Record<string, string> = {};
      const elsewhere: string[] = [];
      if (err instanceof ApiError) {
        for (const fe of err.errors) {
          const f = fieldOf(fe.path);
          if (shown.includes(f)) next[f] ??= fe.message;
          else elsewhere.push(fe.message);
        }
        if (FILE_CODES.has(err.code) && !next.document) next.document = err.message;
      }
      const handled = Object.keys(next).length > 0 && elsewhere.length === 0;
      showErrors(next, handled ? null : [(err as Error).message, ...elsewhere].join(' '));
    } finally {
      setPhase({ at: 'idle' });
    }
  };

  const busy = phase.at !== 'idle';
  const title = KIND_TEXT[kind].title;
  return (
    <form ref={form} onSubmit={submit} aria-labelledby={`${id}-h`} aria-busy={busy}>
      <h4 id={`${id}-h`}>{title}</h4>
      {rejected ? (
        <p className="rejected">
          <span className="doc-state doc-rejected">Rejected</span>{' '}
          {rejected.document ? (
            <strong className="file-name">{rejected.document.name}</strong>
          ) : (
            'Your last one'
          )}{' '}
          was not accepted. {rejected.decisionReason && <>Reviewer’s reason: “{rejected.decisionReason}” </>}
          Send a replacement below.
        </p>
      ) : (
        <p className="hint">{KIND_TEXT[kind].hint}</p>
      )}
      <div className="ship-form">
        {kind === 'business_registration' ? (
          <>
            {text('stateOfRegistration', 'State of registration (2 letters)', {
              maxLength: 2,
              pattern: '[A-Za-z]{2}',
            })}
            {text('entityNumber', 'Entity or file number', { maxLength: 40 })}
          </>
        ) : (
          <>
            <div className="field">
              <label htmlFor={`${id}-documentKind`}>Which document</label>
              <select
                id={`${id}-documentKind`}
                value={farmKind}
                onChange={(e) => setFields({ ...fields, documentKind: e.target.value })}
                {...invalid('documentKind')}
              >
                {(Object.keys(FARM_DOCUMENTS) as FarmDocumentKind[]).map((k) => (
                  <option key={k} value={k}>
                    {FARM_DOCUMENTS[k].label}
                  </option>
                ))}
              </select>
              {fieldError('documentKind')}
            </div>
            {text('number', FARM_DOCUMENTS[farmKind].number, { maxLength: 60 })}
            {farmKind === 'state_farm_registration' &&
              text('state', 'State (2 letters)', { maxLength: 2, pattern: '[A-Za-z]{2}' })}
            {farmKind === 'usda_organic_certificate' && (
              <>
                {text('certifier', 'Certifier', { maxLength: 200 })}
                {text('expiresOn', 'Expires on', { type: 'date' })}
              </>
            )}
          </>
        )}
      </div>
      <div className="field file-field">
        <label htmlFor={`${id}-document`}>{fileRequired ? 'File' : 'File (optional)'}</label>
        <input
          id={`${id}-document`}
          type="file"
          accept={ACCEPT}
          required={fileRequired}
          disabled={busy}
          onChange={(e) => void choose(e.currentTarget)}
          aria-describedby={[`${id}-file-hint`, errors.document ? errorId('document') : ''].join(' ').trim()}
          aria-invalid={errors.document ? true : undefined}
        />
        <span id={`${id}-file-hint`} className="hint">
          {TYPES_TEXT}, up to 5 MB.{!fileRequired && ' A scan speeds up the review.'}
          {file && ` Chosen: ${file.name} (${formatBytes(file.size)}).`}
        </span>
        {fieldError('document')}
      </div>
      {general && (
        <p role="alert" className="seller-error">
          {general}
        </p>
      )}
      <div className="upload-row">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Uploading…' : rejected ? 'Send replacement for review' : 'Upload for review'}
        </button>
        <UploadProgress phase={phase} label={`Upload of ${title.toLowerCase()}`} />
      </div>
    </form>
  );
}

function UploadProgress({ phase, label }: { phase: Phase; label: string }) {
  return (
    <span role="status" className="upload-progress">
      {phase.at === 'uploading' && (
        <>
          <progress max={100} value={Math.round(phase.sent * 100)} aria-label={label} />{' '}
          {phase.name ? `Uploading ${phase.name}…` : 'Sending…'}
        </>
      )}
      {phase.at === 'checking' && <>{phase.name ? `${phase.name} uploaded; checking it…` : 'Checking…'}</>}
    </span>
  );
}
