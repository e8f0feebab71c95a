package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    private final BenchResults results = new BenchResults(RatiosTest.results(
            new ScenarioResult("broker_ceiling", 12_000.0, 1.2, 8.0, 15.0, 0L, 60.0, 120.0, Map.of()),
            new ScenarioResult("receive", 8_000.0, 4.0, 20.0, 30.0, 0L, 225.0, 200.0, Map.of("note", "<b>&</b>")),
            new ScenarioResult("supervision", null, null, null, null, null, null, 600.0, Map.of())),
            Map.of("naive_route", "refused: <script>"), Map.of("date", "2026-11-25T10:00:00Z", "mode", "short"));

    @Test
    void drawsThroughputAndLatencyOfTheScenariosThatHaveThem() {
        String html = HtmlReport.render(results);

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<h2>Throughput</h2>", "<h2>Latency</h2>");
        assertThat(html.split("<svg", -1)).hasSize(3); // two charts
        assertThat(html).contains("<title>broker_ceiling msgs/s: 12,000/s</title>", "<title>receive p99: 20.0 ms</title>");
        String latencyChart = html.substring(html.indexOf("<h2>Latency</h2>"), html.indexOf("<h2>All numbers</h2>"));
        assertThat(latencyChart).doesNotContain("supervision");
    }

    @Test
    void isSelfContainedAndEscapesText() {
        String html = HtmlReport.render(results);

        assertThat(html).doesNotContain("<script", "src=", "href=", "http://", "https://", "<b>&</b>");
        assertThat(html).contains("refused: &lt;script&gt;", "&lt;b&gt;&amp;&lt;/b&gt;");
    }

    @Test
    void aLogarithmicScaleShowsSubMillisecondAndSecondLatenciesSideBySide() {
        String svg = HtmlReport.barChart(List.of(new HtmlReport.Row("fast", List.of(0.4)), new HtmlReport.Row("slow", List.of(1500.0))),
                List.of("p50"), " ms", true);

        // ticks at every decade from 0.1 ms to 10 s
        assertThat(svg).contains(">0.1<", ">1<", ">10<", ">100<", ">1,000<", ">10,000<");
    }
}
