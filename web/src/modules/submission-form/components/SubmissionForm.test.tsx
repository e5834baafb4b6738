import { type AnnualReport } from '@gongkai/report-model';
import { generateConsistentReport } from '@gongkai/report-model/testing';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../../app/i18n';
import { useSubmissionForm } from '../hooks/useSubmissionForm';
import { controlId } from '../utils/findings-index';
import { SubmissionForm } from './SubmissionForm';

function Harness({ report }: { report: AnnualReport }) {
  const form = useSubmissionForm(report);
  return <SubmissionForm {...form} />;
}

function cell(path: string): HTMLInputElement {
  const el = document.getElementById(controlId(path));
  if (!(el instanceof HTMLInputElement)) throw new Error(`no input for ${path}`);
  return el;
}

describe(SubmissionForm.name, () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  const report = generateConsistentReport(3, '2021', 2022);
  const renderForm = () =>
    render(
      <I18nProvider locale="zh-CN">
        <Harness report={report} />
      </I18nProvider>,
    );

  it('shows a typed error beside the cell and keeps the finding list in step', () => {
    renderForm();
    const path = 'applications.granted.natural';
    const input = cell(path);
    const before = Number(input.value);
    fireEvent.change(input, { target: { value: String(before + 2) } });
    act(() => {
      vi.advanceTimersByTime(100);
    });
    const td = input.closest('td');
    expect(td?.className).toContain('sev-error');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const tip = document.getElementById(input.getAttribute('aria-describedby') ?? '');
    expect(tip?.textContent).toMatch(/总计/);
    const panel = screen.getByTestId('findings-panel');
    const item = panel.querySelector('[data-rule="applications.columnTotal"]');
    expect(item).not.toBeNull();
    const link = within(item as HTMLElement).getAllByRole('link')[0];
    fireEvent.click(link as HTMLElement);
    expect(document.activeElement?.id).toMatch(/^field-applications-/);
  });

  it('shows the recomputed subtotal and flags the printed total that disagrees', () => {
    renderForm();
    fireEvent.change(cell('applications.deniedStateSecret.natural'), { target: { value: '1000' } });
    const row = screen.getByText('（三）不予公开 小计').closest('tr');
    expect(row?.querySelector('output')?.textContent).toMatch(/^1,0\d\d$/);
    const outcomes = screen.getByText('（一）至（六）之和（计算）').closest('tr');
    expect(outcomes?.querySelector('.mismatch')).not.toBeNull();
  });

  it('explains bad input inline and normalises full-width digits', () => {
    renderForm();
    const input = cell('applications.newReceived.legal');
    fireEvent.change(input, { target: { value: '三' } });
    let tip = document.getElementById(input.getAttribute('aria-describedby') ?? '');
    expect(tip?.textContent).toContain('不是数字');
    fireEvent.change(input, { target: { value: '-4' } });
    tip = document.getElementById(input.getAttribute('aria-describedby') ?? '');
    expect(tip?.textContent).toContain('不能为负数');
    fireEvent.change(input, { target: { value: 'x'.repeat(10_000) } });
    tip = document.getElementById(input.getAttribute('aria-describedby') ?? '');
    expect(tip?.textContent).toContain('10000');
    fireEvent.change(input, { target: { value: '０' } });
    tip = document.getElementById(input.getAttribute('aria-describedby') ?? '');
    expect(tip?.textContent).toContain('全角');
  });

  it('spreads a block pasted from a spreadsheet over the cells to the right and below', () => {
    renderForm();
    fireEvent.paste(cell('reviewLitigation.review.upheld'), {
      clipboardData: { getData: () => '1\t2\t3\t4\t10\n5\t6' },
    });
    expect(cell('reviewLitigation.review.total').value).toBe('10');
    expect(cell('reviewLitigation.litigationDirect.corrected').value).toBe('6');
  });
});
