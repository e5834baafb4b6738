import { useEffect, useRef } from 'react';
import { type ChartOption, echarts } from './echarts';

export type ChartClick = {
  name: string;
  seriesName?: string;
  value: unknown;
  dataIndex: number;
  data: unknown;
};

type Props = {
  option: ChartOption;
  /** Accessible description of what the chart shows (charts are canvases). */
  ariaLabel: string;
  height?: number;
  onClick?: (event: ChartClick) => void;
  testId?: string;
};

/**
 * The one ECharts wrapper: init on mount, setOption on change, resize with its box, dispose on
 * unmount. Sets `data-rendered="true"` once ECharts has finished drawing the current option (used by e2e
 * tests).
 */
export function EChart({ option, ariaLabel, height = 320, onClick, testId }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);

  useEffect(() => {
    clickRef.current = onClick;
  }, [onClick]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('finished', () => el.setAttribute('data-rendered', 'true'));
    instance.on('click', (params) => {
      const p = params as unknown as ChartClick;
      clickRef.current?.({
        name: p.name,
        seriesName: p.seriesName,
        value: p.value,
        dataIndex: p.dataIndex,
        data: p.data,
      });
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // A new option starts a new drawing: `data-rendered` means "this option has been drawn".
    box.current?.setAttribute('data-rendered', 'false');
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={box}
      role="img"
      aria-label={ariaLabel}
      data-testid={testId}
      style={{ width: '100%', height, cursor: onClick ? 'pointer' : 'default' }}
    />
  );
}
