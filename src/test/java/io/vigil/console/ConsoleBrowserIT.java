package io.vigil.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.vigil.api.auth.Role;
import io.vigil.api.auth.SessionAuth;
import io.vigil.db.Database;
import io.vigil.simulate.SiteConnection;
import io.vigil.testing.SiteClient;
import io.vigil.testing.TestEnvironment;
import io.vigil.testing.TestSites;
import io.vigil.testing.VigilTestApp;
import io.vigil.trust.Encoding;
import io.vigil.trust.SignatureAlgorithm;
import io.vigil.trust.device.DeviceSigner;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The operator console in a real browser (docs/console.md, "Tests"): headless Chromium through
 * Debian's chromium-driver, against a real receiver with Mosquitto, Kafka and PostgreSQL. One shift
 * in order: sign-in, alarms over MQTT into the live queue, the acts, a second operator watching,
 * the audit page, a hostile zone name, a forged cross-site POST and a signed-out session.
 */
class ConsoleBrowserIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCREENSHOTS = Path.of("target/console-screenshots");
    private static final String HOSTILE = "<img src=x onerror=alert(1)>";
    private static final String PASSWORD = "correct-horse-battery-staple";

    private static VigilTestApp app;
    private static DeviceSigner panel;
    private static String site;
    private static URI base;
    private static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        site = "it-console-" + UUID.randomUUID().toString().substring(0, 8);
        app = new VigilTestApp().forSites(site);
        panel = TestSites.enroll(app.database(), site, SignatureAlgorithm.EDDSA);
        app.start();
        base = app.application().api().baseUri();
        // the site's records and the centre's plans (issue 18): contacts and an intruder plan for the burglary
        try (var pool = Database.appPool(app.database(), "console-browser-records")) {
            io.vigil.automation.DemoRecords.seed(pool, java.util.List.of(site), Clock.systemUTC());
        }
        try (var pool = Database.appPool(app.database(), "console-browser-test")) {
            OperatorAccounts accounts = new OperatorAccounts(pool, Clock.systemUTC(), ConsoleConfig.from(app.properties()));
            accounts.add("olga", Role.OPERATOR, PASSWORD.toCharArray(), false);
            accounts.add("pete", Role.OPERATOR, PASSWORD.toCharArray(), false);
            accounts.add("audrey", Role.AUDITOR, PASSWORD.toCharArray(), false);
        }
        var pki = TestEnvironment.get().pki();
        http = HttpClient.newBuilder().sslContext(io.vigil.feeds.FeedTls.context(pki.truststore(), pki.password(), null, null))
                .build();
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void anOperatorShift() throws Exception {
        WebDriver olga = browser();
        WebDriver pete = browser();
        try {
            signIn(olga, "olga");
            assertThat(olga.findElement(By.id("who")).getText()).isEqualTo("olga (operator)");
            markPage(olga);

            // a P1 fire whose zone name is markup: it shows as text and raises the alert
            publish("application/vnd.vigil.vendor+json; mapping=acme-panel-v1",
                    "{\"panel\":{\"account\":\"4711\"},\"events\":[{\"type\":\"FIRE\",\"zone\":\"" + HOSTILE.replace("\"", "\\\"")
                            + "\",\"partition\":1}]}");
            String fire = await("the fire in the queue").ignoreExceptions().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> rowOf(olga, "fire"), id -> id != null);
            assertThat(olga.findElement(By.id("alert")).isDisplayed()).isTrue();
            assertThat(olga.findElement(By.id("alert")).getText()).contains("NEW PRIORITY 1");
            assertThat(olga.getTitle()).startsWith("(P1)");

            // an alarm published over MQTT shows in the open queue within 2 s, without a reload
            long published = System.nanoTime();
            publish("application/vnd.vigil.cid", "1234 18 1130 01 015");
            String burglary = await("the burglary in the queue within 2 s").ignoreExceptions().atMost(Duration.ofSeconds(2))
                    .pollInterval(Duration.ofMillis(50)).until(() -> rowOf(olga, "burglary"), id -> id != null);
            long shownMillis = (System.nanoTime() - published) / 1_000_000;
            assertThat(pageMarked(olga)).as("no reload").isTrue();
            System.out.printf("ConsoleBrowserIT: alarm shown in the queue %d ms after the broker's PUBACK%n", shownMillis);
            screenshot(olga, "queue");

            // the hostile zone name is text on the incident page, and nothing ran
            olga.findElement(By.cssSelector("tr[data-incident='" + fire + "'] td.title a")).click();
            await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> !olga.findElements(By.cssSelector("#events td.zone")).isEmpty());
            assertThat(olga.findElement(By.cssSelector("#events td.zone")).getText()).isEqualTo(HOSTILE);
            assertThat(olga.findElements(By.cssSelector("main img"))).isEmpty();
            assertThat(olga.findElement(By.id("alert")).isDisplayed()).as("opening the P1 acknowledges its alert").isFalse();
            olga.findElement(By.cssSelector("#events button.show-raw")).click();
            assertThat(olga.findElement(By.cssSelector("#events pre.raw")).getText()).contains("\"zone\": \"" + HOSTILE + "\"");
            assertThat(olga.findElement(By.id("action-plan")).getText()).contains("Action plan and contacts");

            // a second operator watches the queue
            signIn(pete, "pete");
            await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> rowOf(pete, "burglary") != null);
            markPage(pete);

            // acknowledge, claim, note, resolve: each needs a note
            olga.get(base + "/console/#/incident/" + burglary);
            act(olga, "acknowledge", "on it", "acknowledged");
            act(olga, "claim", "calling the keyholder", "claimed");
            // pete sees olga's claim live
            await("pete sees the claim").ignoreExceptions().atMost(Duration.ofSeconds(5)).until(() -> claimedBy(pete, burglary), "olga"::equals);
            assertThat(pageMarked(pete)).as("no reload").isTrue();
            // the action plan and the site's contacts on the incident page: the first key-holder answered
            await("the action plan and contacts").ignoreExceptions().atMost(Duration.ofSeconds(10))
                    .until(() -> olga.findElement(By.id("plan-contacts")).getText(), t -> t.contains("Ann Keyholder"));
            WebElement callStep = olga.findElement(By.cssSelector("#plan-steps li[data-position='2']"));
            assertThat(callStep.getText()).contains("Call the key-holders", "mandatory");
            new org.openqa.selenium.support.ui.Select(callStep.findElement(By.cssSelector("select.outcome"))).selectByValue("answered");
            new org.openqa.selenium.support.ui.Select(callStep.findElement(By.cssSelector("select.contact"))).selectByValue("1");
            callStep.findElement(By.cssSelector("button.record-outcome")).click();
            await("the outcome recorded").ignoreExceptions().atMost(Duration.ofSeconds(10))
                    .until(() -> olga.findElement(By.cssSelector("#plan-steps li[data-position='2']")).getText(),
                            t -> t.contains("answered (contact 1) by olga"));
            assertThat(olga.findElement(By.cssSelector("#plan-steps li[data-position='2']")).getAttribute("class")).contains("done");
            act(olga, "note", "keyholder on the way", "claimed");
            act(olga, "resolve", "false alarm: a cat in zone 15", "resolved");
            assertThat(olga.findElement(By.id("notes")).getText()).contains("on it", "calling the keyholder",
                    "keyholder on the way", "false alarm: a cat in zone 15");
            screenshot(olga, "incident");

            // the site page: the site's heartbeat supervision; the alarms it sent were signs of life
            olga.get(base + "/console/#/site/" + site);
            await("the site's supervision").ignoreExceptions().atMost(Duration.ofSeconds(10))
                    .until(() -> olga.findElement(By.id("site-supervision")).getText(), t -> t.contains("Next deadline"));
            assertThat(olga.findElement(By.id("supervision-last")).getText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}Z \\(.* ago\\)");
            assertThat(olga.findElement(By.id("supervision-state")).getText()).isEqualTo("within its deadline");
            assertThat(olga.findElement(By.id("site-identity")).getText()).as("identity and keys, read-only for operators")
                    .contains(site).doesNotContain("Revoke");
            screenshot(olga, "site");

            // the audit page shows those acts (the auditor's role may read the trail)
            pete.findElement(By.id("sign-out")).click();
            await().ignoreExceptions().atMost(Duration.ofSeconds(5)).until(() -> pete.findElement(By.id("sign-in")).isDisplayed());
            signIn(pete, "audrey");
            pete.get(base + "/console/#/audit");
            WebElement incidentFilter = await().ignoreExceptions().atMost(Duration.ofSeconds(5))
                    .until(() -> pete.findElements(By.id("audit-incident")), l -> !l.isEmpty()).get(0);
            incidentFilter.sendKeys(burglary);
            pete.findElement(By.id("audit-search")).click();
            try {
                await("the acts in the audit page").ignoreExceptions().atMost(Duration.ofSeconds(15)).until(() -> {
                    String rows = pete.findElement(By.id("audit-rows")).getText();
                    return rows.contains("operator/olga") && List.of("acknowledge", "claim", "note", "resolve").stream()
                            .allMatch(reason -> rows.contains(" " + reason + " "));
                });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                screenshot(pete, "audit-failed");
                throw new AssertionError("audit page shows: " + pete.findElement(By.id("main")).getText(), e);
            }
            assertThat(pete.findElement(By.id("audit-chain")).getText()).startsWith("Chain: intact");
            assertThat(pete.findElement(By.id("audit-csv")).getAttribute("href")).contains("format=csv");
            screenshot(pete, "audit");

            // a forged cross-site POST: another origin's page submits a form to the API
            String sessionCookie = olga.manage().getCookieNamed(SessionAuth.COOKIE).getValue();
            forgedFormPost(olga, burglary);
            assertThat(notes(sessionCookie, burglary)).doesNotContain("forged");
            // even with the cookie in hand: no CSRF token, or a foreign Origin, is refused (and audited)
            String csrf = JSON.readTree(call("GET", "/console/session", sessionCookie, null, null, null).body())
                    .path("csrfToken").asText();
            assertThat(call("POST", "/api/incidents/" + burglary + "/notes", sessionCookie, null, null, "forged").statusCode())
                    .isEqualTo(403);
            assertThat(call("POST", "/api/incidents/" + burglary + "/notes", sessionCookie, csrf, "https://evil.example",
                    "forged").statusCode()).isEqualTo(403);
            assertThat(call("POST", "/api/incidents/" + burglary + "/notes", sessionCookie, csrf, base.toString(),
                    "from the console's own origin").statusCode()).as("the same call from the console").isEqualTo(200);
            assertThat(notes(sessionCookie, burglary)).doesNotContain("forged");

            // signed out, the session cannot act any more
            olga.get(base + "/console/#/queue");
            await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> olga.findElement(By.id("sign-out")).isDisplayed());
            olga.findElement(By.id("sign-out")).click();
            await().ignoreExceptions().atMost(Duration.ofSeconds(5)).until(() -> olga.findElement(By.id("sign-in")).isDisplayed());
            assertThat(call("POST", "/api/incidents/" + burglary + "/notes", sessionCookie, csrf, base.toString(),
                    "after sign-out").statusCode()).isEqualTo(401);
            assertThat(call("GET", "/api/incidents", sessionCookie, null, null, null).statusCode()).isEqualTo(401);
        } finally {
            olga.quit();
            pete.quit();
        }
    }

    private static WebDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Path.of("/usr/bin/chromium").toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,900",
                "--autoplay-policy=no-user-gesture-required");
        // the development CA is not in the browser's store; the certificate is checked by the HTTP tests
        options.setAcceptInsecureCerts(true);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static void signIn(WebDriver driver, String name) {
        driver.get(base + "/console/");
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> driver.findElement(By.id("sign-in")).isDisplayed());
        driver.findElement(By.id("sign-in-name")).clear();
        driver.findElement(By.id("sign-in-name")).sendKeys(name);
        driver.findElement(By.id("sign-in-password")).sendKeys(PASSWORD);
        driver.findElement(By.id("sign-in-submit")).click();
        await("signed in as " + name).ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> driver.findElement(By.id("who")).getText(),
                who -> who.startsWith(name + " "));
    }

    private static void publish(String contentType, String body) throws Exception {
        try (SiteConnection connection = SiteClient.connect(site)) {
            connection.publishAndWait(panel.topic(), panel.sign(Encoding.JWS, contentType, body.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** The id of the queue row of this category, or null. */
    private static String rowOf(WebDriver driver, String category) {
        Object id = ((JavascriptExecutor) driver).executeScript("const row = [...document.querySelectorAll('#queue-rows tr')]"
                + ".find(r => r.children[2].textContent === arguments[0]); return row ? row.dataset.incident : null;", category);
        return (String) id;
    }

    private static String claimedBy(WebDriver driver, String incident) {
        return (String) ((JavascriptExecutor) driver).executeScript("const row = document.querySelector("
                + "'#queue-rows tr[data-incident=\"' + arguments[0] + '\"]'); return row ? row.querySelector('td.claimed-by')"
                + ".textContent : null;", incident);
    }

    private static void markPage(WebDriver driver) {
        ((JavascriptExecutor) driver).executeScript("window.__notReloaded = true;");
    }

    private static boolean pageMarked(WebDriver driver) {
        return Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript("return window.__notReloaded === true;"));
    }

    private static void act(WebDriver driver, String act, String note, String expectedState) {
        WebElement button = await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(
                () -> driver.findElements(By.id("act-" + act)), l -> !l.isEmpty() && l.get(0).isEnabled()).get(0);
        WebElement field = driver.findElement(By.id("note"));
        field.clear();
        field.sendKeys(note);
        button.click();
        await(act).ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> driver.findElement(By.id("incident-state")).getText(),
                expectedState::equals);
        await(act + " noted").ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> driver.findElement(By.id("notes")).getText().contains(note));
    }

    /** Another origin (http://localhost:port, not the console's https://127.0.0.1:port) posts a form to the API. */
    private static void forgedFormPost(WebDriver driver, String incident) throws Exception {
        String target = base + "/api/incidents/" + incident + "/notes";
        String page = "<!DOCTYPE html><form id=f method=POST enctype=text/plain action='" + target + "'>"
                + "<input name='{\"note\":\"forged\",\"x\":\"' value='\"}'></form>"
                + "<script>document.getElementById('f').submit()</script>";
        HttpServer evil = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        evil.createContext("/", exchange -> {
            byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        evil.start();
        try {
            driver.get("http://localhost:" + evil.getAddress().getPort() + "/");
            await("the forged form was answered").ignoreExceptions().atMost(Duration.ofSeconds(10))
                    .until(() -> driver.getCurrentUrl().startsWith(target));
            assertThat(driver.getPageSource()).contains("urn:vigil:problem:");
        } finally {
            evil.stop(0);
        }
    }

    private static List<String> notes(String cookie, String incident) throws Exception {
        JsonNode detail = JSON.readTree(call("GET", "/api/incidents/" + incident, cookie, null, null, null).body());
        return detail.path("notes").findValuesAsText("text");
    }

    private static HttpResponse<String> call(String method, String path, String cookie, String csrf, String origin,
                                             String note) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Cookie", SessionAuth.COOKIE + "=" + cookie);
        if (csrf != null) {
            request.header(SessionAuth.CSRF_HEADER, csrf);
        }
        if (origin != null) {
            request.header("Origin", origin.replaceAll("/$", ""));
        }
        if (note != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("note", note))));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void screenshot(WebDriver driver, String name) throws Exception {
        Path file = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
