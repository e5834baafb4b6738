import { useState } from 'react';
import { RestError } from '../../../app/error-text';

/**
 * Downloads the one-time account sheet (`POST /api/accounts/handout/:id`): the server deletes it
 * as it sends it, so the button is spent after one success.
 */
export function useHandoutDownload() {
  const [state, setState] = useState<'idle' | 'busy' | 'done'>('idle');
  const download = async (handoutId: string, fallbackName: string) => {
    setState('busy');
    try {
      const res = await fetch(`/api/accounts/handout/${encodeURIComponent(handoutId)}`, {
        method: 'POST',
        credentials: 'same-origin',
      });
      if (!res.ok) throw await RestError.from(res);
      const blob = await res.blob();
      const name =
        /filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '')?.[1] ??
        encodeURIComponent(fallbackName);
      const href = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = href;
      a.download = decodeURIComponent(name);
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
      setState('done');
    } catch (error) {
      setState('idle');
      throw error;
    }
  };
  return { download, state };
}
