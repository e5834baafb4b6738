import { RestError } from '../../../app/error-text';
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
  /** Another year's report (or another template) moved into this year's form. */
  carried: { fromYear: number; toYear: number; cells: number; sections: number } | null;
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
      if (!res.ok) throw await RestError.from(res);
      return (await res.json()) as UploadResult;
    } finally {
      setBusy(false);
    }
  };
  return { upload, busy };
}
