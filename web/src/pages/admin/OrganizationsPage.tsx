import { shanghaiDay } from '@gongkai/report-model';
import { useState } from 'react';
import { useI18n } from '../../app/i18n';
import { useViewer } from '../../modules/auth/hooks/useViewer';
import { NodePanel } from '../../modules/organizations/components/NodePanel';
import { SearchTree, TreeLevel } from '../../modules/organizations/components/OrganizationTree';
import { DirectoryImportCard } from '../../modules/organizations/components/DirectoryImportCard';
import { useDebounced } from '../../ui/useDebounced';
import type { TreeNode } from '../../modules/organizations/hooks/useOrganizationTree';
import '../../modules/organizations/components/organizations-admin.css';
import { Card } from '../../ui/Card';
import { useToast } from '../../ui/Toast';
import { collectingYear } from '../../modules/rounds/utils/collecting-year';

/** The hierarchy for admins: search, browse level by level, edit, move, close, import, export. */
export default function OrganizationsPage() {
  const { t } = useI18n();
  const { viewer, loading, can } = useViewer();
  const toast = useToast();
  const [query, setQuery] = useState('');
  const search = useDebounced(query.trim(), 300);
  // Counts of the statistics year being collected now (as the rounds page proposes it).
  const [year, setYear] = useState(() => collectingYear(shanghaiDay(new Date())));
  const [selected, setSelected] = useState<TreeNode | null>(null);
  if (loading) return <p>{t('common.loading')}</p>;
  if (!viewer || !can('organization.manage'))
    return <p role="alert">{t('error.common.permissionDenied')}</p>;
  const selection = { selectedId: selected?.id ?? null, onSelect: setSelected };
  const changed = (message: string) => {
    toast.show(message, 'ok');
    setSelected(null);
  };
  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('orgAdmin.title')}</h1>
        <p className="muted">{t('orgAdmin.subtitle')}</p>
      </header>
      <div className="org-admin">
        <Card
          title={t('orgAdmin.tree')}
          actions={
            <a className="btn btn-secondary btn-sm" href="/api/organizations/export.xlsx" download>
              {t('orgAdmin.export')}
            </a>
          }
        >
          <div className="org-toolbar">
            <input
              type="search"
              value={query}
              placeholder={t('orgAdmin.searchPlaceholder')}
              aria-label={t('orgAdmin.search')}
              onChange={(e) => setQuery(e.target.value)}
            />
            <label className="inline-field">
              {t('orgAdmin.countYear')}
              <input
                type="number"
                min={2000}
                max={2100}
                value={year}
                onChange={(e) => {
                  const v = Number(e.target.value);
                  if (Number.isInteger(v) && v >= 2000 && v <= 2100) setYear(v);
                }}
                style={{ width: '6rem' }}
              />
            </label>
          </div>
          {search ? (
            <SearchTree key={search} query={search} year={year} selection={selection} />
          ) : (
            <TreeLevel parentId={null} year={year} depth={0} selection={selection} />
          )}
        </Card>
        <div className="org-side">
          <NodePanel key={selected?.id ?? 'none'} node={selected} onChanged={changed} />
        </div>
        <div className="org-wide">
          <DirectoryImportCard onApplied={changed} />
        </div>
      </div>
    </div>
  );
}
