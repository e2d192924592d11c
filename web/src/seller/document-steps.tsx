import type { VerificationItemJson } from '../api-seller.ts';
import { formatBytes, TYPES_TEXT } from './document-file.ts';
import { DOCUMENT_KINDS, DocumentForm, type DocumentKind, KIND_TEXT } from './document-upload.tsx';

/**
 * The wizard's document step: for each document still missing, a form with a file input; for each
 * one sent, its file name while it awaits review; for a rejected one, the reviewer's reason and a
 * form to send a replacement.
 */
export function DocumentSteps({
  missing,
  items,
  onSubmitted,
}: {
  missing: string[];
  items: VerificationItemJson[];
  onSubmitted: (what: string) => void;
}) {
  // The server lists newest first; a stable sort keeps that order among equal times.
  const newestFirst = [...items].sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
  type Step = { kind: DocumentKind; pending?: VerificationItemJson; rejected?: VerificationItemJson };
  const steps = DOCUMENT_KINDS.flatMap((kind): Step[] => {
    const pending = newestFirst.find((i) => i.kind === kind && i.status === 'pending');
    if (pending) return [{ kind, pending }];
    if (!missing.includes(kind)) return [];
    const latest = newestFirst.find((i) => i.kind === kind);
    return [{ kind, rejected: latest?.status === 'rejected' ? latest : undefined }];
  });
  if (steps.length === 0) return null;
  return (
    <section className="documents" aria-labelledby="documents-h">
      <h3 id="documents-h">Documents for review</h3>
      <p className="hint">
        A scan or a clear phone photo, as a {TYPES_TEXT} file of up to 5 MB. A trust agent reviews it, usually
        within two working days.
      </p>
      <ul className="document-steps">
        {steps.map((s) => (
          <li key={s.kind} className="panel">
            {s.pending ? (
              <AwaitingReview kind={s.kind} item={s.pending} />
            ) : (
              <DocumentForm kind={s.kind} rejected={s.rejected} onSubmitted={onSubmitted} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function AwaitingReview({ kind, item }: { kind: DocumentKind; item: VerificationItemJson }) {
  return (
    <>
      <h4>{KIND_TEXT[kind].title}</h4>
      <p>
        <span className="doc-state doc-pending">Submitted, awaiting review</span>{' '}
        {item.document ? (
          <>
            <strong className="file-name">{item.document.name}</strong>
            {item.document.uploadedBytes !== null && <> ({formatBytes(item.document.uploadedBytes)})</>}
          </>
        ) : (
          'without a file'
        )}
        , sent on {item.submittedAt.slice(0, 10)}. You will see the decision here.
      </p>
    </>
  );
}
