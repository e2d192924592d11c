import type { Notice } from '../api-trust.ts';

type Evidence = Notice['evidence'];

/** Only web links open from the console; anything else is shown as text, never followed. */
const safeUrl = (url: string) => /^https?:\/\//i.test(url);

/**
 * Evidence items of a notice or counter-notice: a description, a link, an attachment to download
 * (a notice's; counter-notices carry links only).
 */
export function EvidenceList({
  evidence,
  label,
  noticeId,
}: {
  evidence: Evidence;
  label: string;
  noticeId?: string;
}) {
  if (evidence.length === 0) return <p>No evidence given.</p>;
  return (
    <ul className="evidence" aria-label={label}>
      {evidence.map((e, i) => (
        // Evidence is an ordered, append-only list: the position is its identity.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <li key={i}>
          {e.description}
          {e.url &&
            (safeUrl(e.url) ? (
              <>
                {' '}
                —{' '}
                <a href={e.url} target="_blank" rel="noopener noreferrer nofollow">
                  {e.url}
                </a>
              </>
            ) : (
              <> — {e.url}</>
            ))}
          {e.attachment && (
            <>
              {' '}
              —{' '}
              {noticeId ? (
                <a
                  href={`/api/v1/notices/${noticeId}/attachments/${e.attachment.id}`}
                  download={e.attachment.fileName}
                >
                  Download {e.attachment.fileName}
                </a>
              ) : (
                `attachment ${e.attachment.fileName}`
              )}{' '}
              ({Math.ceil(e.attachment.sizeBytes / 1024)} KB, said to be {e.attachment.contentType}; SHA-256{' '}
              <code>{e.attachment.sha256.slice(0, 12)}…</code>)
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
