/** What a chart draws: labels along x and one or more series, with the texts that make it readable without seeing it. */

/** One series of a chart. */
export interface ChartSeries {
  key: string;
  label: string;
  /** One value per label; null = no value */
  values: (number | null)[];
  colour: string;
  kind: "line" | "bars";
  /** Which y axis: left (default) or right (a second unit or scale, e.g. stock beside consumption) */
  axis?: "left" | "right";
  dashed?: boolean;
  /** Listed in the data table only, not drawn (e.g. stock-out days beside quantities) */
  tableOnly?: boolean;
}

/** Props of a chart. */
export interface ChartProps {
  /** Visible title of the figure (also the caption of its data table) */
  caption: string;
  /** One or two sentences reading the chart, shown under it and read by screen readers */
  summary: string;
  /** x labels, one per point, in the interface language */
  labels: string[];
  /** Header of the label column of the data table ("Mois") */
  labelHeader: string;
  series: ChartSeries[];
  lang: string;
  height?: number;
  /** Formats values in the data table (default: grouped whole numbers) */
  formatValue?: (value: number) => string;
  testId?: string;
}
