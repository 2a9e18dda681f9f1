package org.optsearch.report;

/** The report's style sheet: system fonts only, nothing loaded. */
final class Style {
    private Style() {
    }

    static final String CSS = """
            :root { color-scheme: light; }
            body { margin: 0 auto; max-width: 1320px; padding: 20px 28px 40px; color: #1d1d1f; background: #fafafa;
              font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            h1 { font-size: 28px; margin: 8px 0 4px; }
            h2 { font-size: 21px; margin: 0 0 12px; padding-bottom: 4px; border-bottom: 1px solid #ddd; }
            h3 { font-size: 17px; margin: 18px 0 8px; }
            h4 { font-size: 15px; margin: 0 0 4px; overflow-wrap: anywhere; }
            p.lead { color: #444; margin: 0 0 10px; overflow-wrap: anywhere; }
            nav a { margin-right: 16px; color: #0b57a4; text-decoration: none; }
            nav a:hover { text-decoration: underline; }
            section { margin-top: 28px; }
            .scroll { overflow-x: auto; }
            table { border-collapse: collapse; background: #fff; font-size: 14px; }
            th, td { padding: 4px 12px; border-bottom: 1px solid #eee; text-align: left; vertical-align: top; }
            thead th { border-bottom: 2px solid #ccc; white-space: nowrap; }
            tbody th { font-weight: normal; color: #444; white-space: pre; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
            table.config td { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 13px;
              overflow-wrap: anywhere; }
            details { margin-top: 12px; }
            summary { cursor: pointer; color: #0b57a4; }
            .swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 6px;
              vertical-align: -1px; }
            .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 18px; }
            figure { margin: 0; padding: 10px 12px; background: #fff; border: 1px solid #e3e3e3; border-radius: 6px; }
            figure svg { display: block; width: 100%; height: auto; }
            figcaption { font-size: 13px; color: #555; margin-top: 4px; }
            .programs { display: grid; grid-template-columns: repeat(auto-fill, minmax(380px, 1fr)); gap: 14px; }
            article.program { background: #fff; border: 1px solid #e3e3e3; border-radius: 6px; padding: 10px 14px; }
            .scores { margin: 0 0 6px; font-size: 14px; }
            .score { margin-right: 14px; font-variant-numeric: tabular-nums; }
            .score.better b { color: #1a7f37; }
            .score.worse b { color: #9a6700; }
            .score.failed b { color: #cf222e; }
            .score.none b { color: #888; }
            pre { margin: 0; padding: 8px 10px; background: #f4f6f8; border-radius: 4px; overflow-x: auto;
              font: 13px/1.45 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
            .empty { color: #777; font-style: italic; }
            footer { margin-top: 36px; color: #888; font-size: 13px; }
            """;
}
