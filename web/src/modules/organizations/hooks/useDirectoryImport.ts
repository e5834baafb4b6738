import { useState } from 'react';
import { RestError, type ServerProblem } from '../../../app/error-text';
import type { RosterPreviewRow } from '../utils/group-directory-rows';

export type DirectoryProblem = {
  line: number;
  field: string;
  reason: { key: string; params?: Record<string, string | number> };
};

export type DirectoryReport = {
  dryRun: boolean;
  applied: boolean;
  created: number;
  changed: number;
  moved: number;
  closed: number;
  unchanged: number;
  rows: RosterPreviewRow[];
  errors: DirectoryProblem[];
};

/** `POST /api/organizations/directory[?dryRun=true]`: the preview of a directory file, then applying it. */
export function useDirectoryImport() {
  const [busy, setBusy] = useState(false);
  const send = async (file: File, dryRun: boolean): Promise<DirectoryReport> => {
    setBusy(true);
    try {
      const body = new FormData();
      body.append('file', file);
      const res = await fetch(`/api/organizations/directory${dryRun ? '?dryRun=true' : ''}`, {
        method: 'POST',
        body,
        credentials: 'same-origin',
      });
      if (!res.ok) throw await RestError.from(res);
      return (await res.json()) as DirectoryReport;
    } finally {
      setBusy(false);
    }
  };
  return {
    busy,
    preview: (file: File) => send(file, true),
    apply: (file: File) => send(file, false),
  };
}

export type { ServerProblem };
