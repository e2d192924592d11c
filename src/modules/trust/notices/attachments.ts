import { sql } from 'drizzle-orm';
import { type DocumentContentType, documentContentType } from '../../../../common/document-type.ts';
import type { Db } from '../../../db/database.ts';
import { notFound } from '../../../kernel/errors.ts';

export interface NoticeAttachment {
  id: string;
  noticeId: string;
  fileName: string;
  /** What the filer said it was (shown, not trusted). */
  claimedContentType: string;
  /** Read from the bytes: what it is served as. */
  contentType: DocumentContentType;
  sha256: string;
  bytes: Buffer;
}

/** One attachment of a notice's evidence; another notice's attachment is not found here. */
export async function getNoticeAttachment(
  db: Db,
  noticeId: string,
  attachmentId: string,
): Promise<NoticeAttachment> {
  const { rows } = await db.execute<{
    file_name: string;
    content_type: string;
    sha256: string;
    bytes: Buffer;
  }>(
    sql`SELECT file_name, content_type, sha256, bytes FROM trust_notice_attachments
         WHERE id = ${attachmentId} AND notice_id = ${noticeId}`,
  );
  const r = rows[0];
  if (!r) throw notFound('trust.attachment_not_found', 'No such attachment.', { noticeId, attachmentId });
  const bytes = Buffer.from(r.bytes);
  return {
    id: attachmentId,
    noticeId,
    fileName: r.file_name,
    claimedContentType: r.content_type,
    contentType: documentContentType(bytes),
    sha256: r.sha256,
    bytes,
  };
}
