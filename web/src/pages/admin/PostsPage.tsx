import { useI18n } from '../../app/i18n';
import { useViewer } from '../../modules/auth/hooks/useViewer';
import { RoundPicker } from '../../modules/rounds/components/RoundPicker';
import { useRoundParam } from '../../modules/rounds/hooks/useRoundParam';
import { RequiredPostsEditor } from '../../modules/staffing/components/RequiredPostsEditor';

/** A round's required disclosure posts, for admins and the office running the round. */
export default function PostsPage() {
  const { t } = useI18n();
  const { viewer, loading, can } = useViewer();
  const { roundId } = useRoundParam();
  if (loading) return <p>{t('common.loading')}</p>;
  if (!viewer || !can('staffing.configure'))
    return <p role="alert">{t('error.common.permissionDenied')}</p>;
  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('posts.title')}</h1>
        <p className="muted">{t('posts.subtitle')}</p>
        <RoundPicker />
      </header>
      {roundId ? (
        <RequiredPostsEditor key={roundId} roundId={roundId} />
      ) : (
        <p className="muted">{t('posts.noRound')}</p>
      )}
    </div>
  );
}
