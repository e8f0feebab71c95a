package io.vigil.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page (inline CSS and SVG, no script, nothing fetched) with
 * bar charts of throughput and latency per scenario, every number, the ratios and the run's facts.
 */
public final class HtmlReport {

    private static final String[] COLOURS = {"#4e79a7", "#f28e2b", "#e15759"};
    private static final int LABEL_WIDTH = 170;
    private static final int PLOT_WIDTH = 500;
    private static final int VALUE_WIDTH = 110;
    private static final int BAR_HEIGHT = 16;
    private static final int ROW_GAP = 12;
    private static final int LEGEND_HEIGHT = 24;
    private static final int AXIS_HEIGHT = 28;

    private HtmlReport() {}

    public static void write(BenchResults results, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, render(results), StandardCharsets.UTF_8);
    }

    /** A bar chart's row: a label and one value per series (null: no bar). */
    record Row(String label, List<Double> values) {}

    static String render(BenchResults results) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Vigil benchmark</title>\n")
                .append("<style>body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:62em;color:#222}")
                .append("table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}")
                .append("th:first-child,td:first-child{text-align:left}svg text{font:12px system-ui,sans-serif}")
                .append(".note{color:#555}</style>\n</head>\n<body>\n<h1>Vigil benchmark</h1>\n");
        Map<String, Object> meta = results.meta();
        html.append("<p class=\"note\">").append(escape(String.valueOf(meta.get("date")))).append(" · mode ")
                .append(escape(String.valueOf(meta.get("mode")))).append(" · ").append(escape(String.valueOf(meta.get("machine"))))
                .append("<br>Absolute numbers come from a shared machine and are noisy; compare scenarios of the same run."
                        + " See docs/benchmarks.md for what each scenario measures.</p>\n");

        List<Row> throughput = new ArrayList<>();
        List<Row> latency = new ArrayList<>();
        results.scenarios().forEach((name, r) -> {
            if (r.msgsPerSecond() != null) {
                throughput.add(new Row(name, List.of(r.msgsPerSecond())));
            }
            if (r.p50Millis() != null) {
                latency.add(new Row(name, java.util.Arrays.asList(r.p50Millis(), r.p99Millis(), r.p999Millis())));
            }
        });
        html.append("<h2>Throughput</h2>\n");
        html.append(throughput.isEmpty() ? "<p>No scenario measured a throughput.</p>\n"
                : barChart(throughput, List.of("msgs/s"), "/s", false));
        html.append("<h2>Latency</h2>\n<p class=\"note\">Publish to Kafka append time (broker_ceiling: to the subscriber;"
                + " kafka_ceiling: the producer's send to acknowledgement). Logarithmic scale.</p>\n");
        html.append(latency.isEmpty() ? "<p>No scenario measured a latency.</p>\n"
                : barChart(latency, List.of("p50", "p99", "p99.9"), " ms", true));

        html.append("<h2>All numbers</h2>\n<table>\n<tr><th>scenario</th>");
        ResultsJson.SCENARIO_KEYS.forEach(key -> html.append("<th>").append(escape(key)).append("</th>"));
        html.append("<th>details</th></tr>\n");
        results.scenarios().forEach((name, r) -> {
            Map<String, Object> row = ResultsJson.scenario(r);
            html.append("<tr><td>").append(escape(name)).append("</td>");
            ResultsJson.SCENARIO_KEYS.forEach(key -> html.append("<td>").append(cell(row.get(key))).append("</td>"));
            html.append("<td style=\"text-align:left\">").append(escape(String.valueOf(row.get("details")))).append("</td></tr>\n");
        });
        html.append("</table>\n");

        html.append("<h2>Ratios</h2>\n");
        if (results.ratios().isEmpty()) {
            html.append("<p>No pair of comparable scenarios ran.</p>\n");
        } else {
            html.append("<table>\n<tr><th>pair</th><th>msgs_per_s</th><th>cpu_ms_per_1000</th></tr>\n");
            results.ratios().forEach((pair, values) -> html.append("<tr><td>").append(escape(pair)).append("</td><td>")
                    .append(cell(ResultsJson.round(values.get("msgs_per_s"), 3))).append("</td><td>")
                    .append(cell(ResultsJson.round(values.get("cpu_ms_per_1000"), 3))).append("</td></tr>\n"));
            html.append("</table>\n");
        }
        if (!results.failures().isEmpty()) {
            html.append("<h2>Failed</h2>\n<table>\n");
            results.failures().forEach((name, why) -> html.append("<tr><td>").append(escape(name)).append("</td><td style=\"text-align:left\">")
                    .append(escape(why)).append("</td></tr>\n"));
            html.append("</table>\n");
        }
        html.append("<h2>Run</h2>\n<table>\n");
        meta.forEach((key, value) -> html.append("<tr><td>").append(escape(key)).append("</td><td style=\"text-align:left\">")
                .append(escape(String.valueOf(value))).append("</td></tr>\n"));
        html.append("</table>\n</body>\n</html>\n");
        return html.toString();
    }

    /** Horizontal bars, one group per row, one bar per series; linear from 0 or logarithmic by decades. */
    static String barChart(List<Row> rows, List<String> series, String unit, boolean logarithmic) {
        double max = rows.stream().flatMap(r -> r.values().stream()).filter(v -> v != null && v > 0)
                .mapToDouble(Double::doubleValue).max().orElse(1);
        double min = rows.stream().flatMap(r -> r.values().stream()).filter(v -> v != null && v > 0)
                .mapToDouble(Double::doubleValue).min().orElse(1);
        Scale scale = logarithmic ? Scale.logarithmic(min, max) : Scale.linear(max);
        int groupHeight = series.size() * (BAR_HEIGHT + 2) + ROW_GAP;
        int width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH;
        int height = LEGEND_HEIGHT + rows.size() * groupHeight + AXIS_HEIGHT;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\" role=\"img\">\n",
                width, height));
        for (int s = 0; s < series.size() && series.size() > 1; s++) {
            int x = LABEL_WIDTH + s * 90;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"4\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"14\">%s</text>\n", x, COLOURS[s % COLOURS.length], x + 16, escape(series.get(s))));
        }
        int plotBottom = LEGEND_HEIGHT + rows.size() * groupHeight;
        for (double tick : scale.ticks()) {
            double x = LABEL_WIDTH + scale.position(tick) * PLOT_WIDTH;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                    x, LEGEND_HEIGHT, x, plotBottom, x, plotBottom + 16, escape(tickLabel(tick))));
        }
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            int top = LEGEND_HEIGHT + r * groupHeight;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n",
                    LABEL_WIDTH - 8, top + (series.size() * (BAR_HEIGHT + 2)) / 2 + 4, escape(row.label())));
            for (int s = 0; s < row.values().size(); s++) {
                Double value = row.values().get(s);
                if (value == null) {
                    continue;
                }
                int y = top + s * (BAR_HEIGHT + 2);
                double length = Math.max(1, scale.position(value) * PLOT_WIDTH);
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
                                + "<title>%s %s: %s%s</title></rect><text x=\"%.1f\" y=\"%d\">%s%s</text>\n",
                        LABEL_WIDTH, y, length, BAR_HEIGHT, COLOURS[s % COLOURS.length], escape(row.label()),
                        escape(series.get(s)), escape(number(value)), escape(unit), LABEL_WIDTH + length + 4, y + 12,
                        escape(number(value)), escape(unit)));
            }
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>\n</svg>\n",
                LABEL_WIDTH, LEGEND_HEIGHT, LABEL_WIDTH, plotBottom));
        return svg.toString();
    }

    /** Where a value falls on the plot, 0..1. */
    private record Scale(boolean logarithmic, double low, double high) {
        static Scale linear(double max) {
            double step = Math.pow(10, Math.floor(Math.log10(max)));
            return new Scale(false, 0, Math.ceil(max / step) * step);
        }

        static Scale logarithmic(double min, double max) {
            double low = Math.floor(Math.log10(min));
            double high = Math.ceil(Math.log10(max));
            return new Scale(true, low, high == low ? low + 1 : high);
        }

        double position(double value) {
            if (!logarithmic) {
                return Math.min(1, value / high);
            }
            if (value <= 0) {
                return 0;
            }
            return Math.max(0, Math.min(1, (Math.log10(value) - low) / (high - low)));
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            if (logarithmic) {
                for (double decade = low; decade <= high; decade++) {
                    ticks.add(Math.pow(10, decade));
                }
            } else {
                for (int i = 0; i <= 4; i++) {
                    ticks.add(high * i / 4);
                }
            }
            return ticks;
        }
    }

    private static String number(double value) {
        if (value >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (value >= 1) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }

    /** Axis ticks are round numbers: no decimals to speak of. */
    private static String tickLabel(double value) {
        if (value == 0 || value >= 1) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return java.math.BigDecimal.valueOf(value).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private static String cell(Object value) {
        return value == null ? "–" : escape(value instanceof java.math.BigDecimal d ? d.toPlainString() : value.toString());
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
