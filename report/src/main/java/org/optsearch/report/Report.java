package org.optsearch.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The search report: one self-contained HTML file. The charts are inline SVG, the styles inline CSS; the
 * page has no scripts and loads nothing (its Content-Security-Policy forbids every fetch), so it works
 * offline and can be mailed or archived as it is. All text from the runs is escaped.
 *
 * <p>It shows a summary table of every run, fitness on stage A over time (best and population median),
 * best fitness on B and C, cache hit rate and redundancy over time, the meta-validation curve, learning
 * curves of the best programs next to the references on the stage-B and stage-C tasks, and the top
 * programs as text with their fitness. Several runs (e.g. of different modes) share each chart, one color
 * per run.
 */
public final class Report {
    private Report() {
    }

    /** Writes the report of {@code runs} to {@code html} (replacing it; parent folders are created). */
    public static void write(List<RunData> runs, Path html) throws IOException {
        Path target = html.toAbsolutePath();
        if (target.getParent() != null) {
            Files.createDirectories(target.getParent());
        }
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, render(runs), StandardCharsets.UTF_8);
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The report of {@code runs} as one HTML document. The same runs always give the same text. */
    public static String render(List<RunData> runs) {
        List<RunData> all = List.copyOf(runs);
        Figures f = new Figures(all);
        StringBuilder b = new StringBuilder(64 * 1024);
        String names = all.stream().map(RunData::label).collect(Collectors.joining(", "));
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>OptSearch report").append(all.isEmpty() ? "" : ": " + Html.escape(Html.shorten(names, 120)))
                .append("</title>\n<style>\n").append(Style.CSS).append("</style>\n</head>\n<body>\n");
        b.append("<header>\n<h1>OptSearch report</h1>\n<p class=\"lead\">");
        if (all.isEmpty()) {
            b.append("No runs to show.</p>\n</header>\n</body>\n</html>\n");
            return b.toString();
        }
        b.append(all.size() == 1 ? "One run: " : all.size() + " runs: ");
        for (int i = 0; i < all.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(Sections.swatch(i)).append(Html.escape(all.get(i).label()));
        }
        b.append(".<br>Fitness is normalized per task: 1 = the start program, 0 = chance; higher is better.</p>\n")
                .append("<nav><a href=\"#summary\">Summary</a><a href=\"#fitness\">Fitness</a>")
                .append("<a href=\"#cache\">Cache and redundancy</a><a href=\"#meta\">Meta-validation</a>")
                .append("<a href=\"#curves\">Learning curves</a><a href=\"#top\">Top programs</a></nav>\n</header>\n");

        section(b, "summary", "Summary");
        b.append(Sections.summary(all)).append(Sections.config(all)).append("</section>\n");

        section(b, "fitness", "Fitness over time");
        b.append("<div class=\"charts\">\n");
        figure(b, f.fitness(), "Solid: the best program so far; dashed: the median of the population now. "
                + "Failed programs score below anything that finishes; they are off the chart.");
        String bc = f.stagesBC();
        if (bc != null) {
            figure(b, bc, "Candidates promoted by the funnel are trained on the larger stage-B tasks (about 10x "
                    + "the compute), and the ones that beat the start program there on stage C (about 100x).");
        }
        b.append("</div>\n</section>\n");

        section(b, "cache", "Cache and redundancy");
        b.append("<div class=\"charts\">\n");
        figure(b, f.cacheHits(), "Share of generated children that reused a stored fitness, found by dataflow "
                + "hash or by numeric fingerprint, instead of training.");
        figure(b, f.redundancy(), "Share of statements that do not affect the program's result, over all "
                + "children generated so far. Redundant statements are kept as stepping stones.");
        b.append("</div>\n</section>\n");

        section(b, "meta", "Meta-validation");
        b.append("<div class=\"charts\">\n");
        figure(b, f.metaValidation(), "The best program on stage A at each point, with its fitness on stage B. "
                + "When A keeps rising while B falls, the search is overfitting its proxy tasks. "
                + "Hover a point for the candidate.");
        b.append("</div>\n</section>\n");

        section(b, "curves", "Learning curves on stages B and C");
        List<String> curves = f.learningCurves();
        if (curves.isEmpty()) {
            b.append("<p class=\"empty\">No learning curves recorded.</p>\n");
        } else {
            b.append("<p>Validation loss of the best programs next to the references (AdamW, Lion)"
                    + (all.size() > 1 ? "; line style tells the runs apart" : "") + ".</p>\n")
                    .append("<div class=\"charts\">\n");
            curves.forEach(svg -> figure(b, svg, null));
            b.append("</div>\n");
        }
        b.append("</section>\n");

        section(b, "top", "Top programs");
        b.append(Sections.topPrograms(all)).append("</section>\n");
        b.append("<footer>Written by OptSearch. This file is self-contained: it loads no scripts, fonts or "
                + "images.</footer>\n</body>\n</html>\n");
        return b.toString();
    }

    private static void section(StringBuilder b, String id, String title) {
        b.append("<section id=\"").append(id).append("\">\n<h2>").append(Html.escape(title)).append("</h2>\n");
    }

    private static void figure(StringBuilder b, String svg, String caption) {
        b.append("<figure>\n").append(svg).append('\n');
        if (caption != null) {
            b.append("<figcaption>").append(Html.escape(caption)).append("</figcaption>\n");
        }
        b.append("</figure>\n");
    }
}
