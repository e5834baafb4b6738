import { useI18n } from '../../../app/i18n';
import { useDownload } from '../../../app/useDownload';
import { Button } from '../../../ui/Button';
import { ProgressBar } from '../../../ui/ProgressBar';
import { useToast } from '../../../ui/Toast';

type Props = { roundId?: string; regionId?: string; snapshotId?: string; peerGroup?: string };

/** The ranking sheet (of the peer group shown, or the snapshot) as .xlsx or .csv (streamed by the server; progress shown while it arrives). */
export function ExportButtons({ roundId, regionId, snapshotId, peerGroup }: Props) {
  const { t, formatNumber, errorText } = useI18n();
  const toast = useToast();
  const { download, progress } = useDownload();
  // A POST: the server records every export in the export log, in the name of who asked for it.
  const run = async (ext: 'xlsx' | 'csv') => {
    try {
      await download(`/api/exports/ranking.${ext}`, `ranking.${ext}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          roundId: roundId ?? '',
          regionId: regionId ?? '',
          ...(snapshotId ? { snapshotId } : peerGroup ? { peerGroup } : {}),
        }),
      });
    } catch (e) {
      toast.show(t('ranking.exportFailed', { message: errorText(e) }), 'error');
    }
  };
  return (
    <div className="export-buttons toolbar">
      <Button
        onClick={() => void run('xlsx')}
        disabled={!roundId || !!progress}
        data-testid="export-xlsx"
      >
        {t('ranking.exportXlsx')}
      </Button>
      <Button onClick={() => void run('csv')} disabled={!roundId || !!progress}>
        {t('ranking.exportCsv')}
      </Button>
      {progress && (
        <div className="export-progress">
          <ProgressBar
            label={t('ranking.downloading')}
            value={progress.total ? progress.bytes : 1}
            max={progress.total ?? 1}
            valueText={`${formatNumber(Math.round(progress.bytes / 1024))} KB`}
          />
        </div>
      )}
    </div>
  );
}
