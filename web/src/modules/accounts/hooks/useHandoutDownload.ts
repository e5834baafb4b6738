import { useState } from 'react';
import { useDownload } from '../../../app/useDownload';

/**
 * Downloads the one-time account sheet (`POST /api/accounts/handout/:id`): the server deletes it
 * as it sends it, so the button is spent after one success.
 */
export function useHandoutDownload() {
  const { download: fetchFile } = useDownload();
  const [state, setState] = useState<'idle' | 'busy' | 'done'>('idle');
  const download = async (handoutId: string, fallbackName: string) => {
    setState('busy');
    try {
      await fetchFile(`/api/accounts/handout/${encodeURIComponent(handoutId)}`, fallbackName, {
        method: 'POST',
      });
      setState('done');
    } catch (error) {
      setState('idle');
      throw error;
    }
  };
  return { download, state };
}
