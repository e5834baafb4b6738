import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../../app/i18n';
import { ScoreExplanationDocument } from '../../../generated/graphql';
import { ExplanationDialog } from './ExplanationDialog';

vi.mock('../../../ui/charts/EChart', () => ({
  EChart: ({ testId }: { testId: string }) => <div data-testid={testId} />,
}));

afterEach(cleanup);

const contribution = (indicatorId: string, labelZh: string, status: string) => ({
  __typename: 'ScoreContribution' as const,
  indicatorId,
  labelZh,
  labelEn: indicatorId,
  weight: 10,
  maxPoints: 0,
  points: 0,
  raw: null,
  normalised: null,
  status,
  unitZh: '',
});

const answer = (score: number | null, unrankedReason: string | null): MockLink.MockedResponse => ({
  request: { query: ScoreExplanationDocument, variables: { roundId: 'r1', organizationId: 'o1' } },
  result: {
    data: {
      scoreExplanation: {
        __typename: 'ScoreExplanation',
        organizationId: 'o1',
        organizationName: '城关镇',
        score,
        unrankedReason,
        modelVersion: '1.0.0',
        asOf: '2026-01-10T12:00:00+08:00',
        contributions: [
          contribution('timeliness', '按时报送', 'notApplicable'),
          contribution('staffing', '机构人员', 'notApplicable'),
        ],
      },
    },
  },
});

function show(locale: 'zh-CN' | 'en', mock: MockLink.MockedResponse) {
  render(
    <MockedProvider mocks={[mock]}>
      <I18nProvider locale={locale}>
        <ExplanationDialog roundId="r1" organizationId="o1" onClose={() => undefined} />
      </I18nProvider>
    </MockedProvider>,
  );
}

describe(ExplanationDialog.name, () => {
  it('says in Chinese why a body that has submitted nothing is not ranked', async () => {
    show('zh-CN', answer(null, 'awaitingReport'));
    const reason = await screen.findByTestId('unranked-reason');
    expect(reason.textContent).toBe('尚未提交年度报告，截止日前不参与排名');
    expect(screen.getAllByText('不适用')).toHaveLength(2);
    // no waterfall of zero points for a body without a score
    expect(screen.queryByTestId('chart-waterfall')).toBeNull();
  });

  it('says it in English too, and that nothing applies when that is the reason', async () => {
    show('en', answer(null, 'awaitingReport'));
    expect((await screen.findByTestId('unranked-reason')).textContent).toBe(
      'No annual report submitted yet: not ranked before the deadline',
    );
    cleanup();
    show('en', answer(null, 'nothingApplies'));
    expect((await screen.findByTestId('unranked-reason')).textContent).toBe(
      'No scoring indicator applies: not ranked',
    );
  });

  it('gives no reason when there is a score', async () => {
    show('zh-CN', answer(42.5, null));
    await screen.findByText('42.5');
    expect(screen.queryByTestId('unranked-reason')).toBeNull();
    expect(screen.getByTestId('chart-waterfall')).toBeTruthy();
  });
});
