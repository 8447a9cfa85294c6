/**
 * A chart on uPlot (canvas): labelled x points, lines or bars on one or two y axes, French or English labels.
 * Loaded lazily (see LazyChart) so uPlot stays out of the initial bundle. Accessible: a <figure> with its
 * caption, a written summary, and the whole series as a visually hidden data table; the canvas is hidden from
 * assistive technology since the table says the same.
 */
import { useEffect, useId, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import "./charts.css";
import { axisNumber, yAxisSize } from "./chartFormat";
import type { ChartProps, ChartSeries } from "./chartTypes";

/** Translucent fill for bars from a "#rrggbb" colour. */
const translucent = (hex: string) => `${hex}b3`;

/** uPlot series options of one series. */
function seriesOptions(s: ChartSeries): uPlot.Series {
  const common = { label: s.label, stroke: s.colour, scale: s.axis === "right" ? "y2" : "y", spanGaps: false };
  if (s.kind === "bars")
    return {
      ...common,
      fill: translucent(s.colour),
      width: 1,
      paths: uPlot.paths.bars!({ size: [0.6, 48] }),
      points: { show: false },
    };
  return { ...common, width: 2, ...(s.dashed ? { dash: [6, 4] } : {}), points: { show: true, size: 4 } };
}

/** uPlot options: x as label indices, left axis always, right axis when a series uses it. */
function chartOptions(props: ChartProps, width: number): uPlot.Options {
  const { labels, lang } = props;
  const series = props.series.filter((s) => !s.tableOnly);
  const hasRight = series.some((s) => s.axis === "right");
  const xAxis: uPlot.Axis = {
    space: 50,
    incrs: [1, 2, 3, 4, 6, 12],
    values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? (labels[v] ?? "") : "")),
  };
  const yAxis = (scale: string, side: 1 | 3): uPlot.Axis => ({
    scale,
    side,
    // As wide as its widest label in the axis font (uPlot calls this again once the labels are known).
    size: (u, values, axisIdx) => {
      u.ctx.save();
      u.ctx.font = (u.axes[axisIdx]!.font as unknown as [string])[0];
      const size = yAxisSize(values ?? [], (text) => u.ctx.measureText(text).width / devicePixelRatio);
      u.ctx.restore();
      u.root.dataset[`axis${axisIdx}Size`] = String(size);
      return size;
    },
    values: (_u, splits) => splits.map((v) => axisNumber(v, lang)),
    ...(side === 1 ? { grid: { show: false } } : {}),
  });
  return {
    width,
    height: props.height ?? 240,
    series: [
      { label: props.labelHeader, value: (_u, v) => (v === null ? "—" : (labels[v] ?? "")) },
      ...series.map(seriesOptions),
    ],
    scales: {
      x: { time: false, range: [-0.5, Math.max(0.5, labels.length - 0.5)] },
      y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
      ...(hasRight
        ? {
            y2: { range: (_u: uPlot, _min: number, max: number) => [0, max > 0 ? max * 1.1 : 1] as uPlot.Range.MinMax },
          }
        : {}),
    },
    axes: [xAxis, yAxis("y", 3), ...(hasRight ? [yAxis("y2", 1)] : [])],
    cursor: { drag: { x: false, y: false } },
    legend: { show: true, live: true },
  };
}

/** The chart with its caption, summary and data table. */
export default function Chart(props: ChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const id = useId();
  const format = props.formatValue ?? ((v: number) => axisNumber(v, props.lang));

  // Redraw only when what is drawn changes, not on every render of the parent.
  const latest = useRef(props);
  latest.current = props;
  const signature = JSON.stringify([props.labels, props.series, props.lang, props.height]);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const p = latest.current;
    const data: uPlot.AlignedData = [
      p.labels.map((_, i) => i),
      ...p.series.filter((s) => !s.tableOnly).map((s) => s.values),
    ];
    const plot = new uPlot(chartOptions(p, Math.max(260, el.clientWidth)), data, el);
    const observer = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(260, el.clientWidth), height: p.height ?? 240 }),
    );
    observer.observe(el);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [signature]);

  return (
    <figure className="chart" aria-labelledby={`${id}-caption`} data-testid={props.testId}>
      <figcaption id={`${id}-caption`} className="chart-caption">
        {props.caption}
      </figcaption>
      <div ref={host} className="chart-canvas" aria-hidden="true" />
      <p className="chart-summary" data-testid={props.testId ? `${props.testId}-summary` : undefined}>
        {props.summary}
      </p>
      {/* A table is as tall as its rows whatever its CSS height: the wrapper hides it (or it would push blank space below the page). */}
      <div className="visually-hidden">
        <table>
          <caption>{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{props.labelHeader}</th>
              {props.series.map((s) => (
                <th key={s.key} scope="col">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.labels.map((label, i) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                {props.series.map((s) => (
                  <td key={s.key}>{s.values[i] === null || s.values[i] === undefined ? "—" : format(s.values[i]!)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
