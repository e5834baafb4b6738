import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../../app/i18n';
import { RankingTable, unrankedReasonOf } from './RankingTable';

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

  it('shows two flag chips on the line and counts the rest, naming them all in a tooltip', () => {
    const onExplain = vi.fn();
    const flags = ['逾期报送', '无专职人员', '未开展培训', '空白单元格'].map((labelZh, i) => ({
      id: `flag-${i}`,
      labelZh,
      severity: i === 0 ? 'error' : 'warning',
    }));
    render(
      <MemoryRouter>
        <I18nProvider locale="zh-CN">
          <RankingTable
            rows={[
              {
                organizationId: 'o1',
                organizationName: '南溪县教育局',
                regionName: '南溪县',
                departmentType: '教育局',
                peerGroup: '县级教育局',
                rank: 1,
                previousRank: 3,
                rankChange: 2,
                score: 88.25,
                tied: false,
                status: 'APPROVED',
                flags,
                subScores: [],
              },
            ]}
            indicators={[]}
            onExplain={onExplain}
          />
        </I18nProvider>
      </MemoryRouter>,
    );
    expect(screen.getByText('逾期报送')).toBeTruthy();
    expect(screen.getByText('无专职人员')).toBeTruthy();
    expect(screen.queryByText('未开展培训')).toBeNull();
    const more = screen.getByText('+2');
    expect(more.getAttribute('title')).toBe('逾期报送、无专职人员、未开展培训、空白单元格');
    fireEvent.click(screen.getByRole('button', { name: '查看 南溪县教育局 的得分说明' }));
    fireEvent.click(screen.getByText('88.3'));
    expect(onExplain).toHaveBeenCalledTimes(2);
    expect(onExplain).toHaveBeenCalledWith('o1');
  });

  it('marks a body without a score as unranked, says why, and opens its explanation', () => {
    const onExplain = vi.fn();
    const line = (organizationId: string, organizationName: string, status: string | null) => ({
      organizationId,
      organizationName,
      regionName: '南溪县',
      departmentType: null,
      peerGroup: 'county-township',
      rank: null,
      previousRank: null,
      rankChange: null,
      score: null,
      tied: false,
      status,
      flags: [],
      subScores: [{ indicatorId: 'staffing', points: null }],
    });
    render(
      <MemoryRouter>
        <I18nProvider locale="zh-CN">
          <RankingTable
            rows={[
              line('t1', '城关镇', null),
              line('t2', '河西镇', 'SUBMITTED'),
              line('t3', '白沙镇', 'DRAFT'),
            ]}
            indicators={[{ indicatorId: 'staffing', labelZh: '机构人员', labelEn: 'Staffing' }]}
            onExplain={onExplain}
          />
        </I18nProvider>
      </MemoryRouter>,
    );
    const marks = screen.getAllByText('未排名');
    expect(marks.map((mark) => mark.getAttribute('title'))).toEqual([
      '尚未提交年度报告，截止日前不参与排名',
      '没有适用的评分指标，不参与排名',
      '尚未提交年度报告，截止日前不参与排名',
    ]);
    fireEvent.click(marks[0]!);
    fireEvent.click(screen.getByRole('button', { name: '查看 河西镇 的得分说明' }));
    expect(onExplain.mock.calls).toEqual([['t1'], ['t2']]);
  });

  it('gives no reason for a line with a score', () => {
    expect(unrankedReasonOf({ score: 0, status: null })).toBeNull();
    expect(unrankedReasonOf({ score: null, status: null })).toBe('awaitingReport');
  });
});
