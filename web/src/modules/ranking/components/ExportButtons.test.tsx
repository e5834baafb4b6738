import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../../app/i18n';
import { ToastProvider } from '../../../ui/Toast';
import { ExportButtons } from './ExportButtons';

describe(ExportButtons.name, () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('asks for the sheet by POST with the scope in a JSON body, never as a link', async () => {
    const fetchMock = vi.fn(
      async (_url: string, _init?: RequestInit) =>
        new Response('a,b\n', { status: 200, headers: { 'content-type': 'text/csv' } }),
    );
    vi.stubGlobal('fetch', fetchMock);
    URL.createObjectURL ??= () => 'blob:x';
    URL.revokeObjectURL ??= () => undefined;
    // jsdom cannot follow the download link; the click is what hands the file to the browser
    const save = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    render(
      <I18nProvider locale="zh-CN">
        <ToastProvider closeLabel="关闭">
          <ExportButtons roundId="r1" regionId="g1" snapshotId="s1" />
        </ToastProvider>
      </I18nProvider>,
    );
    fireEvent.click(screen.getByTestId('export-xlsx'));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/exports/ranking.xlsx');
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual({
      roundId: 'r1',
      regionId: 'g1',
      snapshotId: 's1',
    });
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
  });

  it('exports the peer group shown (a snapshot names its own population)', async () => {
    const fetchMock = vi.fn(
      async (_url: string, _init?: RequestInit) =>
        new Response('a,b\n', { status: 200, headers: { 'content-type': 'text/csv' } }),
    );
    vi.stubGlobal('fetch', fetchMock);
    URL.createObjectURL ??= () => 'blob:x';
    URL.revokeObjectURL ??= () => undefined;
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    render(
      <I18nProvider locale="zh-CN">
        <ToastProvider closeLabel="关闭">
          <ExportButtons roundId="r1" regionId="g1" peerGroup="县级政府" />
        </ToastProvider>
      </I18nProvider>,
    );
    fireEvent.click(screen.getByTestId('export-xlsx'));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    expect(JSON.parse(String(fetchMock.mock.calls[0]![1]?.body))).toEqual({
      roundId: 'r1',
      regionId: 'g1',
      peerGroup: '县级政府',
    });
  });
});
