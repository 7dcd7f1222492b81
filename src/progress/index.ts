// Progress per administrative level against a plan: units, plans, ledgers, rebuild and reports.
export * from "./types.js";
export * from "./unit-registry.js";
export * from "./plan.js";
export {
  normalizeDossierCode,
  parseDossierCode,
  type DossierCode,
} from "../extractors/parsers/dossier-code.js";
export * from "./csv-input.js";
export * from "./doc-counter.js";
export * from "./doc-ref.js";
export * from "./figures.js";
export * from "./local-store.js";
export * from "./redis-store.js";
export * from "./manifest-reader.js";
export * from "./rebuild.js";
export * from "./report.js";
export * from "./report-service.js";
export * from "./render-text.js";
export * from "./render-html.js";
export * from "./svg-charts.js";
export * from "./i18n.js";
export * from "./forecast.js";
export * from "./trend-chart.js";
