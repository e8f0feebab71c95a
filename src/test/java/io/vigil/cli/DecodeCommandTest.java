package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.normalize.EventJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DecodeCommandTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void printsOneJsonLinePerEvent() throws IOException {
        int exit = runOnFile("#1234|Nri1/BA01/TA02/BR01\n", "decode", "--format", "sia");

        assertThat(exit).isZero();
        List<JsonNode> events = stdoutJson();
        assertThat(events).extracting(e -> e.get("code").asText()).containsExactly("BA", "TA", "BR");
        assertThat(events).extracting(e -> e.get("site_id").asText()).containsOnly("cli");
        assertThat(events).extracting(e -> e.get("device_id").asText()).containsOnly("cli");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void badLinesAreReportedWithTheirNumberAndTheOthersGoOn() throws IOException {
        int exit = runOnFile("1234 18 1131 01 015\n\n1234 18 9131 01 015\n1234 18 3131 01 015\n", "decode", "--format", "cid");

        assertThat(exit).isEqualTo(DecodeCommand.EXIT_UNDECODABLE);
        assertThat(stdoutJson()).extracting(e -> e.get("class").asText()).containsExactly("alarm", "restore");
        assertThat(err.toString()).startsWith("line 3: undecodable (cid.bad_qualifier): ")
                .contains("input: \"1234 18 9131 01 015\"");
    }

    @Test
    void controlCharactersOfTheInputAreEscapedInTheMessage() throws IOException {
        int exit = runOnFile("12\u001b[31m34 18 1131 01 015\u0007\n", "decode", "--format", "cid");

        assertThat(exit).isEqualTo(DecodeCommand.EXIT_UNDECODABLE);
        assertThat(err.toString()).contains("\\x1B[31m", "\\x07").doesNotContain("\u001b", "\u0007");
    }

    @Test
    void siteAndDeviceCanBeSet() throws IOException {
        runOnFile("09330017\"NULL\"0000R0L0#12345A[]\n", "decode", "--format", "dc09", "--site", "s-7", "--device", "d-2");

        JsonNode event = stdoutJson().get(0);
        assertThat(event.get("site_id").asText()).isEqualTo("s-7");
        assertThat(event.get("device_id").asText()).isEqualTo("d-2");
        assertThat(event.get("class").asText()).isEqualTo("heartbeat");
    }

    @Test
    void vendorJsonUsesTheNamedMapping() throws IOException {
        int exit = runOnFile("{\"panel\":{\"account\":\"4711\"},\"events\":[{\"type\":\"PANIC\",\"zone\":1}]}\n",
                "decode", "--format", "json", "--mapping", "acme-panel-v1");

        assertThat(exit).isZero();
        assertThat(stdoutJson().get(0).get("category").asText()).isEqualTo("panic");
    }

    @Test
    void vendorJsonWithoutMappingIsAUsageError() throws IOException {
        int exit = runOnFile("{}\n", "decode", "--format", "json");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--mapping");
    }

    @Test
    void anUnknownMappingIsAUsageError() throws IOException {
        int exit = runOnFile("{}\n", "decode", "--format", "json", "--mapping", "nobody-v9");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("no vendor mapping named \"nobody-v9\"");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void readsStandardInputByDefault() {
        CommandLine commandLine = new CommandLine(new DecodeCommand(
                new ByteArrayInputStream("{\"_type\":\"lwt\",\"tst\":1740823200}\n".getBytes(StandardCharsets.UTF_8)), CLOCK))
                .setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));

        int exit = commandLine.execute("--format", "owntracks");

        assertThat(exit).isZero();
        JsonNode event = stdoutJson().get(0);
        assertThat(event.get("class").asText()).isEqualTo("supervisory");
        assertThat(event.get("occurred_at").asText()).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(event.get("received_at").asText()).isEqualTo("2025-03-01T12:00:00Z");
    }

    @Test
    void aMissingFileIsAnIoError() {
        int exit = run("decode", "--format", "cid", dir.resolve("missing.txt").toString());

        assertThat(exit).isEqualTo(DecodeCommand.EXIT_IO_ERROR);
        assertThat(err.toString()).contains("cannot read");
    }

    @Test
    void unknownFormatIsAUsageError() {
        assertThat(run("decode", "--format", "morse", "-")).isEqualTo(2);
    }

    /** OPAX panel heartbeat with a binary CRC (0xC5 0x5B), from the public corpus (dc09.tsv). */
    private static final String BINARY_CRC_FRAME = "\u00c5[002A\"NULL\"0000R8L0#41213[]_21:00:10,02-20-2024";

    @Test
    void escapesCarryTheBytesOfABinaryCrc() throws IOException {
        int exit = runOnFile("\\xC5[002A\"NULL\"0000R8L0#41213[]_21:00:10,02-20-2024\n"
                + "\\xC5\\x5C002A\"NULL\"0000R8L0#41213[]\n", "decode", "--format", "dc09", "--escapes");

        assertThat(exit).isEqualTo(DecodeCommand.EXIT_UNDECODABLE);
        assertThat(stdoutJson()).singleElement().satisfies(event -> {
            assertThat(event.get("account").asText()).isEqualTo("41213");
            assertThat(event.get("decoding").get("dc09.crc_form").asText()).isEqualTo("binary");
        });
        assertThat(err.toString()).startsWith("line 2: undecodable (dc09.crc_mismatch)");
    }

    @Test
    void byteFormatsPassEveryByteOfTheLineUnchanged() throws IOException {
        Path file = dir.resolve("capture.bin");
        Files.write(file, (BINARY_CRC_FRAME + "\r\n").getBytes(StandardCharsets.ISO_8859_1));

        int exit = run("decode", "--format", "dc09", file.toString());

        assertThat(exit).isZero();
        assertThat(stdoutJson()).extracting(e -> e.get("class").asText()).containsExactly("heartbeat");
    }

    @Test
    void aBadEscapeIsReportedAndTheOtherLinesGoOn() throws IOException {
        int exit = runOnFile("\\xZZ\n1234 18 1131 01 015\n", "decode", "--format", "cid", "--escapes");

        assertThat(exit).isEqualTo(DecodeCommand.EXIT_UNDECODABLE);
        assertThat(stdoutJson()).hasSize(1);
        assertThat(err.toString()).startsWith("line 1: bad escape: ");
    }

    /** A frame from another implementation's tests, key AAAAAAAAAAAAAAAA (see Dc09CipherTest). */
    private static final String ENCRYPTED_WA =
            "05BB0076\"*SIA-DCS\"7654L0#1111[C07DA1EB73C617857476EE5D79436CEE5E0084485E79EC56B0D5D1F3F6E648B278050BBCCBC8FE5DCA7E3C80DBDD4945";

    @Test
    void decryptsDc09WithAKeyInEitherFormAndKeepsTheClearErrorWithout() throws IOException {
        assertThat(runOnFile(ENCRYPTED_WA + "\n", "decode", "--format", "dc09", "--dc09-key",
                "41414141414141414141414141414141")).isZero();
        assertThat(stdoutJson()).singleElement().satisfies(e -> {
            assertThat(e.get("code").asText()).isEqualTo("WA");
            assertThat(e.get("account").asText()).isEqualTo("1111");
        });
        out.getBuffer().setLength(0);

        assertThat(runOnFile(ENCRYPTED_WA + "\n", "decode", "--format", "dc09", "--dc09-key-text",
                "AAAAAAAAAAAAAAAA")).isZero();
        assertThat(stdoutJson()).singleElement().satisfies(e -> assertThat(e.get("code").asText()).isEqualTo("WA"));

        assertThat(runOnFile(ENCRYPTED_WA + "\n", "decode", "--format", "dc09")).isEqualTo(DecodeCommand.EXIT_UNDECODABLE);
        assertThat(err.toString()).contains("(dc09.encrypted)");
        err.getBuffer().setLength(0);

        assertThat(runOnFile(ENCRYPTED_WA + "\n", "decode", "--format", "dc09", "--dc09-key-text",
                "BBBBBBBBBBBBBBBB")).isEqualTo(DecodeCommand.EXIT_UNDECODABLE);
        assertThat(err.toString()).contains("(dc09.decrypt_failed)");
    }

    @Test
    void opensOwnTracksEncryptedPayloadsWithTheSecret() throws IOException {
        String inner = "{\"_type\":\"location\",\"lat\":52.5,\"lon\":13.4,\"tst\":1700000000,\"tid\":\"jm\"}";
        String data = io.vigil.normalize.owntracks.OwnTracksSecretBox.fromSecret("correct horse")
                .sealBase64(inner.getBytes(StandardCharsets.UTF_8));
        String line = "{\"_type\":\"encrypted\",\"data\":\"" + data + "\"}\n";

        assertThat(runOnFile(line, "decode", "--format", "owntracks", "--owntracks-secret", "correct horse")).isZero();
        assertThat(stdoutJson()).singleElement().satisfies(e -> assertThat(e.get("class").asText()).isEqualTo("location"));

        assertThat(runOnFile(line, "decode", "--format", "owntracks", "--owntracks-secret", "wrong"))
                .isEqualTo(DecodeCommand.EXIT_UNDECODABLE);
        assertThat(err.toString()).contains("(owntracks.decrypt_failed)");
    }

    private int runOnFile(String content, String... args) throws IOException {
        Path file = dir.resolve("signals.txt");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        String[] withFile = java.util.Arrays.copyOf(args, args.length + 1);
        withFile[args.length] = file.toString();
        return run(withFile);
    }

    private int run(String... args) {
        CommandLine commandLine = VigilCli.commandLine();
        commandLine.getSubcommands().get("decode").setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private List<JsonNode> stdoutJson() {
        return out.toString().lines().map(line -> {
            try {
                return EventJson.MAPPER.readTree(line);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + line, e);
            }
        }).toList();
    }
}
