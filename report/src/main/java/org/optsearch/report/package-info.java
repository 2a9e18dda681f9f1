/**
 * The search report: {@link org.optsearch.report.Report} renders {@link org.optsearch.report.RunData} (one
 * value per run, filled in by the run store or a test) as one self-contained HTML file with inline SVG
 * charts; {@link org.optsearch.report.RunDataJson} reads and writes the same data as JSON.
 */
package org.optsearch.report;
