import { useState } from 'react';

export type UploadResult = {
  submissionId: string;
  revision: number;
  versionId: string;
  versionNumber: number;
  fileId: string;
  format: string;
  kind: string;
  warnings: string[];
};

/** `POST /api/submissions/:id/upload` (multipart; the server parses the file into a new version). */
export function useUploadReport() {
  const [busy, setBusy] = useState(false);
  const upload = async (
    submissionId: string,
    expectedRevision: number,
    file: File,
  ): Promise<UploadResult> => {
    setBusy(true);
    try {
      const body = new FormData();
      body.append('expectedRevision', String(expectedRevision));
      body.append('file', file);
      const res = await fetch(`/api/submissions/${encodeURIComponent(submissionId)}/upload`, {
        method: 'POST',
        body,
        credentials: 'same-origin',
      });
      const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      if (!res.ok) {
        const message =
          (typeof json.message === 'string' && json.message) ||
          (Array.isArray(json.message) && json.message.join('; ')) ||
          `HTTP ${res.status}`;
        throw new Error(message);
      }
      return json as unknown as UploadResult;
    } finally {
      setBusy(false);
    }
  };
  return { upload, busy };
}
