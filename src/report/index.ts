/**
 * `toklab/report`: Vega-Lite chart specs and the self-contained HTML page of
 * `toklab compare --html`, built from the data `compare`, `parity` and `audit` print as JSON
 * (browser-safe). The chart libraries are inlined from `vega`, `vega-lite` and `vega-embed`,
 * optional peer dependencies (`loadChartLibraries` in `toklab/node` reads them).
 */
export { type ReportChart, type ReportHtmlOptions, renderReportHtml, reportCharts } from "./html.js";
export {
  ALL_CATEGORY,
  AUDIT_CLASSES,
  type AuditRow,
  auditSpec,
  bytesPerTokenSpec,
  categoriesOf,
  continuedWordsSpec,
  fertilitySpec,
  MAX_TOKEN_LENGTH_BAR,
  type PremiumRow,
  premiumRows,
  premiumSpec,
  type ScriptRow,
  scriptsSpec,
  tokenizerColor,
  tokenLengthSpec,
} from "./specs.js";
export { median, summaryTable } from "./summary.js";
export type {
  ChartLibraries,
  ReportCompare,
  ReportCompareRow,
  ReportData,
  ReportNumbers,
  ReportParity,
} from "./types.js";
