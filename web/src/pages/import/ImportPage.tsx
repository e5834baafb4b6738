import { useApolloClient } from '@apollo/client/react';
import { useI18n } from '../../app/i18n';
import { useUrlParams } from '../../app/useUrlParams';
import { ImportBatchList } from '../../modules/imports/components/ImportBatchList';
import { ImportBatchView } from '../../modules/imports/components/ImportBatchView';
import { ImportUploadCard } from '../../modules/imports/components/ImportUploadCard';

/** `/import`: batch import of published reports for reviewers and supervisors. */
export default function ImportPage() {
  const { t } = useI18n();
  const { params, setParam } = useUrlParams();
  const batch = params.get('batch');
  const client = useApolloClient();
  const select = (id: string) => setParam('batch', id);
  const refreshList = () => void client.refetchQueries({ include: ['ImportBatches'] });
  return (
    <div className="page import-page">
      <h1>{t('importBatch.title')}</h1>
      <ImportUploadCard
        onStarted={(id) => {
          select(id);
          refreshList();
        }}
      />
      {batch && <ImportBatchView key={batch} batchId={batch} onFinished={refreshList} />}
      <ImportBatchList selected={batch} onSelect={select} />
    </div>
  );
}
