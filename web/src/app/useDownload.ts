import { useState } from 'react';
import { RestError } from './error-text';

export type DownloadProgress = { bytes: number; total: number | null } | null;

/**
 * Streams a server export (a POST such as `/api/exports/…` or the staffing export when `init`
 * says so, a GET otherwise) with the session cookie, reporting bytes received as they arrive, then hands the file
 * to the browser.
 */
export function useDownload() {
  const [progress, setProgress] = useState<DownloadProgress>(null);
  const download = async (url: string, fallbackName: string, init: RequestInit = {}) => {
    setProgress({ bytes: 0, total: null });
    try {
      const res = await fetch(url, { ...init, credentials: 'same-origin' });
      if (!res.ok || !res.body) throw await RestError.from(res);
      const total = Number(res.headers.get('content-length')) || null;
      const reader = res.body.getReader();
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let bytes = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        bytes += value.length;
        setProgress({ bytes, total });
      }
      const name =
        /filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '')?.[1] ??
        encodeURIComponent(fallbackName);
      const blob = new Blob(chunks, { type: res.headers.get('content-type') ?? undefined });
      const href = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = href;
      a.download = decodeURIComponent(name);
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
    } finally {
      setProgress(null);
    }
  };
  return { download, progress };
}
