import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider } from '../../../app/i18n';
import { RankingTable } from './RankingTable';

describe(RankingTable.name, () => {
  afterEach(() => cleanup());

  const renderEmpty = (filtered: boolean) =>
    render(
      <MemoryRouter>
        <I18nProvider locale="zh-CN">
          <RankingTable rows={[]} indicators={[]} onExplain={() => undefined} filtered={filtered} />
        </I18nProvider>
      </MemoryRouter>,
    );

  it('says nobody is ranked when no filter is applied', () => {
    renderEmpty(false);
    expect(screen.getByText('没有可排名的单位')).toBeTruthy();
  });

  it('says nothing matches when a filter empties the list', () => {
    renderEmpty(true);
    expect(screen.getByText('没有符合筛选条件的单位')).toBeTruthy();
    expect(screen.queryByText('没有可排名的单位')).toBeNull();
  });
});
