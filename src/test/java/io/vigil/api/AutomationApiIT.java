package io.vigil.api;

import static io.vigil.escalation.Signals.alarm;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vigil.api.auth.Role;
import io.vigil.audit.AuditFilter;
import io.vigil.audit.AuditKind;
import io.vigil.automation.mail.SmtpConfig;
import io.vigil.automation.mail.SmtpMailer;
import io.vigil.normalize.EventCategory;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Site records and action plans through the real API, incident service and PostgreSQL, with
 * e-mail through a real SMTP server (GreenMail) started by the test. Every test works on its own
 * site, and plans are site overrides, so the tests hold in any order.
 */
class AutomationApiIT {

    static GreenMail smtp;
    static ApiTestServer api;

    @BeforeAll
    static void start() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        SmtpConfig config = new SmtpConfig("127.0.0.1", smtp.getSmtp().getPort(), false, "", "", "centre@vigil.test",
                Duration.ofSeconds(5), Duration.ofSeconds(10));
        api = ApiTestServer.withIncidentService(new SmtpMailer(config));
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        smtp.stop();
    }

    /** A registered site with records: zone 12 rear door, two key-holders, a password and a duress password. */
    private static String siteWithRecords(String address) throws Exception {
        String site = "auto-" + UUID.randomUUID().toString().substring(0, 8);
        api.sql("INSERT INTO sites (id) VALUES (?)", site);
        Map<String, Object> records = Map.of(
                "address", address, "latitude", 53.8, "longitude", -1.55, "timeZone", "Europe/London",
                "instructions", "Dog on site",
                "areas", List.of(Map.of("area", "1", "description", "Ground floor")),
                "zones", List.of(Map.of("zone", "12", "area", "1", "description", "rear door", "zoneType", "entry_exit"),
                        Map.of("zone", "3", "description", "kitchen smoke", "zoneType", "fire")),
                "contacts", List.of(
                        Map.of("name", "Ann Lee", "role", "keyholder", "phone", "+44 113 496 0000",
                                "email", "ann@example.org", "availability", "always", "means", "phone,email"),
                        Map.of("name", "Bob Roe", "role", "keyholder", "phone", "+44 113 496 0001",
                                "availability", "mon-fri 08:00-18:00", "means", "phone")),
                "passwords", List.of(Map.of("label", "Ann Lee", "password", "Blue Heron", "duress", false),
                        Map.of("label", "Ann Lee duress", "password", "Red Kite", "duress", true)),
                "agencies", List.of(Map.of("kind", "police", "name", "City Police", "phone", "101", "reference", "URN 4411")));
        HttpResponse<String> put = api.http.send(api.request("/api/sites/" + site + "/records", api.token(Role.ADMIN))
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(ApiTestServer.JSON.writeValueAsString(records)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        return site;
    }

    private static String plan(String site, List<Map<String, Object>> steps) throws Exception {
        String planId = "p-" + site;
        HttpResponse<String> put = api.http.send(api.request("/api/plans/" + planId, api.token(Role.ADMIN))
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(ApiTestServer.JSON.writeValueAsString(Map.of(
                        "category", "burglary", "siteId", site, "name", "Intruder alarm", "steps", steps))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        OpenApiSchemas.assertValid("ActionPlan", ApiTestServer.json(put));
        return planId;
    }

    private static String openBurglary(String site, String zone) throws Exception {
        api.incidentEngine.process(List.of(alarm(site, EventCategory.BURGLARY, zone, Instant.now())));
        JsonNode queue = ApiTestServer.json(api.get("/api/incidents?site=" + site, api.token(Role.OPERATOR)));
        return queue.get("incidents").get(0).get("id").asText();
    }

    private static void resolve(String incident) throws Exception {
        for (String act : List.of("acknowledge", "resolve")) {
            assertThat(api.post("/api/incidents/" + incident + ":" + act, api.token(Role.OPERATOR), Map.of("note", act))
                    .statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<String> outcome(String incident, int position, Map<String, Object> body) throws Exception {
        return api.post("/api/incidents/" + incident + "/plan/steps/" + position + "/outcomes", api.token(Role.OPERATOR), body);
    }

    @Test
    void recordsReadBackWithoutPasswordsAndTheIncidentShowsTheZonesDescription() throws Exception {
        String site = siteWithRecords("1 High St\nLeeds");
        HttpResponse<String> get = api.get("/api/sites/" + site + "/records", api.token(Role.OPERATOR));
        assertThat(get.statusCode()).isEqualTo(200);
        JsonNode records = ApiTestServer.json(get);
        OpenApiSchemas.assertValid("SiteRecords", records);
        assertThat(get.body()).doesNotContain("Blue Heron").doesNotContain("argon2");
        assertThat(records.get("passwords").findValuesAsText("label")).containsExactly("Ann Lee", "Ann Lee duress");
        assertThat(records.get("contacts").get(0).get("available").asBoolean()).isTrue();
        assertThat(records.get("zones").get(1).get("label").asText()).isEqualTo("Zone 12 - rear door, entry/exit");
        assertThat(records.get("updatedBy").asText()).isEqualTo("admin-1");

        String incident = openBurglary(site, "012");
        JsonNode detail = ApiTestServer.json(api.get("/api/incidents/" + incident, api.token(Role.OPERATOR)));
        OpenApiSchemas.assertValid("IncidentDetail", detail);
        JsonNode event = detail.get("events").get(0);
        assertThat(event.get("zone").asText()).isEqualTo("012");
        assertThat(event.get("zoneLabel").asText()).isEqualTo("Zone 12 - rear door, entry/exit");
        assertThat(event.get("zoneType").asText()).isEqualTo("entry_exit");
        assertThat(api.auditRows(AuditFilter.ALL.site(site).kind(AuditKind.SITE_RECORDS_CHANGED))).hasSize(1);
    }

    @Test
    void aBadPutChangesNothingAndSaysWhichField() throws Exception {
        String site = siteWithRecords("1 High St");
        String admin = api.token(Role.ADMIN);
        String[] bad = {
                "{\"areas\":[],\"zones\":[],\"contacts\":[],\"agencies\":[]}",
                "{\"areas\":[],\"zones\":[{\"zone\":\"12\",\"description\":\"a\",\"zoneType\":\"interior\"},"
                        + "{\"zone\":\"012\",\"description\":\"b\",\"zoneType\":\"interior\"}],\"contacts\":[],\"passwords\":[],\"agencies\":[]}",
                "{\"areas\":[],\"zones\":[],\"contacts\":[{\"name\":\"C\",\"role\":\"keyholder\",\"phone\":\"1234\","
                        + "\"availability\":\"weekdays\"}],\"passwords\":[],\"agencies\":[]}",
                "{\"areas\":[],\"zones\":[],\"contacts\":[],\"passwords\":[{\"label\":\"New\"}],\"agencies\":[]}",
                "{\"latitude\":91,\"longitude\":0,\"areas\":[],\"zones\":[],\"contacts\":[],\"passwords\":[],\"agencies\":[]}"};
        String[] field = {"passwords", "zones", "availability", "password", "latitude"};
        for (int i = 0; i < bad.length; i++) {
            HttpResponse<String> put = api.http.send(api.request("/api/sites/" + site + "/records", admin)
                    .header("Content-Type", "application/json")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(bad[i])).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(bad[i]).isEqualTo(400);
            assertThat(ApiTestServer.json(put).get("detail").asText()).as(bad[i]).startsWith(field[i]);
        }
        JsonNode records = ApiTestServer.json(api.get("/api/sites/" + site + "/records", admin));
        assertThat(records.get("zones")).hasSize(2);
        assertThat(records.get("contacts")).hasSize(2);
        assertThat(api.get("/api/sites/no-such-site/records", admin).statusCode()).isEqualTo(404);
    }

    @Test
    void anIncidentWithOpenMandatoryStepsClosesOnlyWithASupervisorsOverride() throws Exception {
        String site = siteWithRecords("2 Low St");
        plan(site, List.of(
                Map.of("type", "instruction", "instruction", "Check the cameras", "mandatory", false),
                Map.of("type", "call_list", "instruction", "Call the key-holders", "mandatory", true,
                        "params", Map.of("roles", List.of("keyholder")))));
        String incident = openBurglary(site, "12");
        resolve(incident);
        String supervisor = api.token(Role.SUPERVISOR);

        HttpResponse<String> refused = api.post("/api/incidents/" + incident + ":close", supervisor, Map.of("note", "done"));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(ApiTestServer.json(refused).get("detail").asText()).contains("[2]").contains("overrideReason");
        HttpResponse<String> blank = api.post("/api/incidents/" + incident + ":close", supervisor,
                Map.of("note", "done", "overrideReason", "  "));
        assertThat(blank.statusCode()).isEqualTo(400);

        HttpResponse<String> closed = api.post("/api/incidents/" + incident + ":close", supervisor,
                Map.of("note", "done", "overrideReason", "key-holders unreachable, site checked by guard"));
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
        assertThat(ApiTestServer.json(closed).get("state").asText()).isEqualTo("closed");
        JsonNode row = api.auditRows(AuditFilter.ALL.incident(incident).kind(AuditKind.OPERATOR_ACTION)).stream()
                .filter(r -> r.get("reason").asText().equals("close")).findFirst().orElseThrow();
        assertThat(row.get("details").get("override_reason").asText()).isEqualTo("key-holders unreachable, site checked by guard");
        assertThat(row.get("details").get("open_steps").toString()).isEqualTo("[2]");
        assertThat(row.get("actor_id").asText()).isEqualTo("supervisor-1");
    }

    @Test
    void stepOutcomesCompleteThePlanAndThenNoOverrideIsNeededOrTaken() throws Exception {
        String site = siteWithRecords("3 Mid St");
        plan(site, List.of(
                Map.of("type", "call_list", "instruction", "Call the key-holders", "mandatory", true),
                Map.of("type", "dispatch", "instruction", "Send the police", "mandatory", true,
                        "params", Map.of("agency", "police"))));
        String incident = openBurglary(site, "12");

        assertThat(outcome(incident, 1, Map.of("outcome", "no_answer")).statusCode()).as("no contact named").isEqualTo(400);
        assertThat(outcome(incident, 1, Map.of("outcome", "no_answer", "contact", 9)).statusCode()).as("no contact 9").isEqualTo(400);
        assertThat(outcome(incident, 1, Map.of("outcome", "dispatched", "reference", "x")).statusCode()).as("wrong type").isEqualTo(400);
        assertThat(outcome(incident, 1, Map.of("outcome", "password_verified")).statusCode()).as("server only").isEqualTo(400);
        assertThat(outcome(incident, 3, Map.of("outcome", "done")).statusCode()).as("no step 3").isEqualTo(400);
        JsonNode plan = ApiTestServer.json(outcome(incident, 1, Map.of("outcome", "no_answer", "contact", 1)));
        assertThat(plan.get("openMandatorySteps").toString()).isEqualTo("[1,2]");
        plan = ApiTestServer.json(outcome(incident, 1, Map.of("outcome", "answered", "contact", 2, "note", "Bob on his way")));
        assertThat(plan.get("openMandatorySteps").toString()).isEqualTo("[2]");
        assertThat(outcome(incident, 2, Map.of("outcome", "dispatched")).statusCode()).as("no reference").isEqualTo(400);
        HttpResponse<String> dispatched = outcome(incident, 2, Map.of("outcome", "dispatched", "reference", "CAD 123"));
        assertThat(dispatched.statusCode()).isEqualTo(200);
        plan = ApiTestServer.json(dispatched);
        OpenApiSchemas.assertValid("IncidentPlan", plan);
        assertThat(plan.get("openMandatorySteps")).isEmpty();
        assertThat(plan.get("steps").get(0).get("outcomes").findValuesAsText("outcome")).containsExactly("no_answer", "answered");

        resolve(incident);
        String supervisor = api.token(Role.SUPERVISOR);
        assertThat(api.post("/api/incidents/" + incident + ":close", supervisor,
                Map.of("note", "done", "overrideReason", "why not")).statusCode()).as("nothing to override").isEqualTo(400);
        assertThat(api.post("/api/incidents/" + incident + ":close", supervisor, Map.of("note", "done")).statusCode())
                .isEqualTo(200);
        assertThat(api.auditRows(AuditFilter.ALL.incident(incident).kind(AuditKind.PLAN_STEP_RECORDED))).hasSize(3);
    }

    @Test
    void aDuressPasswordIsFlaggedAndAKeyholderCancelsOnlyAfterAVerifiedPassword() throws Exception {
        String site = siteWithRecords("4 End St");
        plan(site, List.of(
                Map.of("type", "verify_password", "instruction", "Ask for the password", "mandatory", true),
                Map.of("type", "dispatch", "instruction", "Send the guard", "mandatory", true)));
        String incident = openBurglary(site, "12");
        String operator = api.token(Role.OPERATOR);
        String verify = "/api/sites/" + site + "/records:verify-password";

        assertThat(outcome(incident, 2, Map.of("outcome", "cancelled_by_keyholder")).statusCode()).isEqualTo(400);
        JsonNode wrong = ApiTestServer.json(api.post(verify, operator, Map.of("password", "green heron", "incidentId", incident)));
        assertThat(wrong.get("match").asBoolean()).isFalse();
        JsonNode duress = ApiTestServer.json(api.post(verify, operator, Map.of("password", "RED  kite", "incidentId", incident)));
        OpenApiSchemas.assertValid("PasswordVerified", duress);
        assertThat(duress.get("match").asBoolean()).isTrue();
        assertThat(duress.get("duress").asBoolean()).isTrue();
        assertThat(duress.get("recorded").asBoolean()).isTrue();
        JsonNode plan = ApiTestServer.json(api.get("/api/incidents/" + incident + "/plan", operator));
        assertThat(plan.get("duressGiven").asBoolean()).isTrue();
        assertThat(outcome(incident, 2, Map.of("outcome", "cancelled_by_keyholder")).statusCode()).as("duress is no verification")
                .isEqualTo(400);

        JsonNode good = ApiTestServer.json(api.post(verify, operator, Map.of("password", "blue heron", "incidentId", incident)));
        assertThat(good.get("label").asText()).isEqualTo("Ann Lee");
        assertThat(good.get("duress").asBoolean()).isFalse();
        assertThat(outcome(incident, 2, Map.of("outcome", "cancelled_by_keyholder")).statusCode()).isEqualTo(200);

        List<JsonNode> checks = api.auditRows(AuditFilter.ALL.site(site).kind(AuditKind.SITE_PASSWORD_CHECKED));
        assertThat(checks).hasSize(3);
        assertThat(checks.stream().map(JsonNode::toString)).noneMatch(r -> r.toLowerCase().contains("heron") || r.toLowerCase().contains("kite"));
        assertThat(checks.get(1).get("details").get("duress").asBoolean()).isTrue();
    }

    @Test
    void aScheduleIsStoredInTheSitesTimeZoneAndOverlappingWindowsAreRefused() throws Exception {
        String site = siteWithRecords("6 Shop St");
        String admin = api.token(Role.ADMIN);
        String schedule = "{\"openGrace\":\"10m\",\"week\":{\"mon\":[{\"opens\":\"09:00\",\"closes\":\"12:00\"},"
                + "{\"opens\":\"13:00\",\"closes\":\"17:30\"}],\"sat\":[{\"opens\":\"10:00\",\"closes\":\"14:00\"}]},"
                + "\"days\":[{\"date\":\"2026-12-25\",\"windows\":[],\"reason\":\"Christmas\"}]}";
        HttpResponse<String> put = api.http.send(api.request("/api/sites/" + site + "/schedule", admin)
                .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(schedule))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        JsonNode stored = ApiTestServer.json(api.get("/api/sites/" + site + "/schedule", api.token(Role.OPERATOR)));
        OpenApiSchemas.assertValid("Schedule", stored);
        assertThat(stored.get("timeZone").asText()).isEqualTo("Europe/London");
        assertThat(stored.get("openGrace").asText()).isEqualTo("PT10M");
        assertThat(stored.get("week").get("mon")).hasSize(2);
        assertThat(stored.get("days").get(0).get("reason").asText()).isEqualTo("Christmas");

        String overlapping = "{\"week\":{\"mon\":[{\"opens\":\"09:00\",\"closes\":\"12:00\"},"
                + "{\"opens\":\"11:00\",\"closes\":\"17:30\"}]},\"days\":[]}";
        HttpResponse<String> refused = api.http.send(api.request("/api/sites/" + site + "/schedule", admin)
                .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(overlapping))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(ApiTestServer.json(api.get("/api/sites/" + site + "/schedule", admin)).get("week").get("sat")).hasSize(1);
    }

    @Test
    void zonesPutOnTestAreBoundedAuditedAndEndedOnRequest() throws Exception {
        String site = siteWithRecords("7 Test St");
        String operator = api.token(Role.OPERATOR);
        String start = "/api/sites/" + site + "/tests:start";
        assertThat(api.post(start, operator, Map.of("zones", List.of("3"), "duration", "73h", "reason", "x")).statusCode())
                .as("unbounded").isEqualTo(400);
        HttpResponse<String> started = api.post(start, operator,
                Map.of("zones", List.of("3", "012"), "duration", "2h", "reason", "detector swap"));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        JsonNode tests = ApiTestServer.json(started);
        OpenApiSchemas.assertValid("SiteTests", tests);
        assertThat(tests.get("onTest").get(0).get("zones").toString()).isEqualTo("[\"3\",\"012\"]");
        HttpResponse<String> interval = api.http.send(api.request("/api/sites/" + site + "/tests", api.token(Role.ADMIN))
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"interval\":\"24h\",\"grace\":\"1h\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(interval.statusCode()).isEqualTo(200);
        assertThat(ApiTestServer.json(interval).get("interval").get("interval").asText()).isEqualTo("PT24H");

        assertThat(api.post("/api/sites/" + site + "/tests:end", operator, Map.of("reason", "done")).statusCode()).isEqualTo(200);
        assertThat(api.post("/api/sites/" + site + "/tests:end", operator, Map.of("reason", "again")).statusCode()).isEqualTo(409);
        assertThat(api.auditRows(AuditFilter.ALL.site(site).kind(AuditKind.SITE_ON_TEST_STARTED))).singleElement()
                .satisfies(r -> assertThat(r.get("reason").asText()).isEqualTo("detector swap"));
        assertThat(api.auditRows(AuditFilter.ALL.site(site).kind(AuditKind.SITE_ON_TEST_ENDED))).hasSize(1);
    }

    @Test
    void serviceLevelsAreJsonOrCsvAndRefuseAnUnknownGrouping() throws Exception {
        String supervisor = api.token(Role.SUPERVISOR);
        HttpResponse<String> json = api.get("/api/reports/service-levels?groupBy=priority&ackWithin=90s", supervisor);
        assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
        OpenApiSchemas.assertValid("ServiceLevelReport", ApiTestServer.json(json));
        HttpResponse<String> csv = api.get("/api/reports/service-levels?groupBy=category&format=csv", supervisor);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.body()).startsWith("group,incidents,acknowledged,closed,ackP50");
        assertThat(api.get("/api/reports/service-levels?groupBy=site", supervisor).statusCode()).isEqualTo(400);
    }

    @Test
    void aDisasterModeHoldsLessUrgentIncidentsOfItsRegionAndReleasesThemWhenItEnds() throws Exception {
        String region = "r-" + UUID.randomUUID().toString().substring(0, 8);
        String site = siteInRegion(region);
        String elsewhere = siteInRegion("other-" + region);
        String burglary = openBurglary(site, "12");
        api.incidentEngine.process(List.of(alarm(site, EventCategory.FIRE, "3", Instant.now())));
        String otherBurglary = openBurglary(elsewhere, "12");
        String supervisor = api.token(Role.SUPERVISOR);
        String operator = api.token(Role.OPERATOR);

        HttpResponse<String> started = api.post("/api/disaster-modes", supervisor,
                Map.of("region", region, "holdAbove", 1, "reason", "storm: fires first"));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        JsonNode mode = ApiTestServer.json(started);
        OpenApiSchemas.assertValid("DisasterMode", mode);
        assertThat(mode.get("held").asInt()).isEqualTo(1);
        assertThat(api.post("/api/disaster-modes", supervisor, Map.of("region", region, "holdAbove", 2, "reason", "again"))
                .statusCode()).isEqualTo(409);

        JsonNode queue = ApiTestServer.json(api.get("/api/incidents?site=" + site, operator));
        assertThat(queue.get("incidents").findValuesAsText("category")).containsExactly("fire");
        JsonNode held = ApiTestServer.json(api.get("/api/incidents?held=true&site=" + site, operator));
        assertThat(held.get("incidents").findValuesAsText("id")).containsExactly(burglary);
        assertThat(ApiTestServer.json(api.get("/api/incidents?site=" + elsewhere, operator)).get("incidents")
                .findValuesAsText("id")).as("another region").containsExactly(otherBurglary);

        HttpResponse<String> ended = api.post("/api/disaster-modes/" + mode.get("id").asText() + ":end", supervisor,
                Map.of("reason", "storm over"));
        assertThat(ended.statusCode()).isEqualTo(200);
        assertThat(ApiTestServer.json(ended).get("held").asInt()).as("released").isEqualTo(1);
        assertThat(ApiTestServer.json(api.get("/api/incidents?site=" + site, operator)).get("incidents")
                .findValuesAsText("id")).contains(burglary).hasSize(2);
        assertThat(api.auditRows(AuditFilter.ALL.kind(AuditKind.DISASTER_ENDED)).stream()
                .anyMatch(r -> r.get("details").get("released").asInt() == 1 && r.get("reason").asText().equals("storm over")))
                .isTrue();
    }

    private static String siteInRegion(String region) throws Exception {
        String site = "dis-" + UUID.randomUUID().toString().substring(0, 8);
        api.sql("INSERT INTO sites (id) VALUES (?)", site);
        api.sql("INSERT INTO site_records (site_id, region, updated_at, updated_by) VALUES (?, ?, now(), 'test')", site, region);
        return site;
    }

    @Test
    void theNotifyStepMailsTheKeyholdersThroughSmtpWithSiteTextOnlyInTheBody() throws Exception {
        String site = siteWithRecords("5 Mail St\r\nBcc: evil@example.com\r\n\r\nforged");
        plan(site, List.of(Map.of("type", "notify_email", "instruction", "Tell the key-holders", "mandatory", true,
                "params", Map.of("roles", List.of("keyholder")))));
        String incident = openBurglary(site, "12");

        HttpResponse<String> sent = api.post("/api/incidents/" + incident + "/plan/steps/1:notify", api.token(Role.OPERATOR), "");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        JsonNode step = ApiTestServer.json(sent).get("steps").get(0);
        assertThat(step.get("completed").asBoolean()).isTrue();
        assertThat(step.get("outcomes").get(0).get("outcome").asText()).isEqualTo("email_sent");

        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage message = java.util.Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> {
                    try {
                        return m.getSubject().contains(site);
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                }).findFirst().orElseThrow();
        assertThat(message.getSubject()).isEqualTo("Vigil: burglary at " + site + " (priority 2)");
        assertThat(java.util.Arrays.stream(message.getAllRecipients()).map(Object::toString)).containsExactly("ann@example.org");
        assertThat(message.getRecipients(Message.RecipientType.BCC)).isNull();
        String body = message.getContent().toString();
        assertThat(body).contains("Zone 12 - rear door, entry/exit").contains("Incident " + incident).contains("Tell the key-holders");
        assertThat(api.auditRows(AuditFilter.ALL.incident(incident).kind(AuditKind.PLAN_STEP_RECORDED))).singleElement()
                .satisfies(r -> assertThat(r.get("reason").asText()).isEqualTo("email_sent"));
    }
}
