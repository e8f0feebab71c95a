package io.vigil.cli;

import io.vigil.normalize.CanonicalEvent;
import io.vigil.normalize.ContentTypes;
import io.vigil.normalize.Decoded;
import io.vigil.normalize.DefaultNormalizer;
import io.vigil.normalize.EventJson;
import io.vigil.normalize.NormalizeResult;
import io.vigil.normalize.Normalizer;
import io.vigil.normalize.SafeText;
import io.vigil.normalize.SignalContext;
import io.vigil.normalize.MalformedSignalException;
import io.vigil.normalize.Undecodable;
import io.vigil.normalize.dc09.Dc09Cipher;
import io.vigil.normalize.dc09.Dc09Decryption;
import io.vigil.normalize.owntracks.OwnTracksEncryptedPayload;
import io.vigil.normalize.owntracks.OwnTracksSecretBox;
import io.vigil.normalize.vendor.VendorMappings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil decode}: decodes signals, one per line, and prints the canonical events as JSON lines. */
@Command(
        name = "decode",
        mixinStandardHelpOptions = true,
        description = {
            "Decode signals (one per line) and print each canonical event as one JSON line.",
            "Undecodable lines are reported on stderr with their line number; the exit code is 1 if any failed."
        })
public final class DecodeCommand implements Callable<Integer> {
    static final int EXIT_UNDECODABLE = 1;
    static final int EXIT_IO_ERROR = 2;
    private static final int MAX_ECHO = 120;

    /**
     * The signal formats, named as on the command line. The alarm formats are byte protocols: their lines
     * are read as ISO-8859-1 so every byte reaches the decoder unchanged; the JSON formats as UTF-8.
     */
    enum Format {
        CID(ContentTypes.CONTACT_ID, StandardCharsets.ISO_8859_1),
        SIA(ContentTypes.SIA_DCS, StandardCharsets.ISO_8859_1),
        DC09(ContentTypes.DC09, StandardCharsets.ISO_8859_1),
        JSON(ContentTypes.VENDOR_JSON, StandardCharsets.UTF_8),
        OWNTRACKS(ContentTypes.OWNTRACKS_JSON, StandardCharsets.UTF_8),
        SENSOR(ContentTypes.SENSOR_JSON, StandardCharsets.UTF_8);

        final String contentType;
        final Charset charset;

        Format(String contentType, Charset charset) {
            this.contentType = contentType;
            this.charset = charset;
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--format", required = true, paramLabel = "FORMAT",
            description = "Signal format: cid, sia, dc09, json (vendor JSON, needs --mapping), owntracks, sensor.")
    Format format;

    @Option(names = "--mapping", paramLabel = "NAME", description = "Vendor mapping name for --format json.")
    String mapping;

    @Option(names = "--mappings-dir", paramLabel = "DIR", description = "Directory of vendor mapping files "
            + "(default: ${DEFAULT-VALUE}).")
    Path mappingsDir = VendorMappings.DEFAULT_DIRECTORY;

    @Option(names = "--escapes", description = "Read \\xHH, \\r, \\n, \\t and \\\\ in each line as the bytes they stand "
            + "for (e.g. a DC-09 frame with a binary CRC).")
    boolean escapes;

    @Option(names = "--site", paramLabel = "ID", description = "Site id for the events (default: ${DEFAULT-VALUE}).")
    String site = "cli";

    @Option(names = "--device", paramLabel = "ID", description = "Device id for the events (default: ${DEFAULT-VALUE}).")
    String device = "cli";

    @Option(names = "--dc09-key", paramLabel = "HEX", description = "DC-09 AES key as 32, 48 or 64 hex digits "
            + "(AES-128/192/256), to decrypt encrypted frames (\"*SIA-DCS\", ...) for commissioning.")
    String dc09KeyHex;

    @Option(names = "--dc09-key-text", paramLabel = "CHARS", description = "DC-09 AES key as the 16, 24 or 32 "
            + "characters typed into the panel, taken as the key bytes (what many receivers do with a key).")
    String dc09KeyText;

    @Option(names = "--owntracks-secret", paramLabel = "TEXT", description = "OwnTracks encryption secret, as "
            + "typed into the app, to open _type encrypted payloads.")
    String owntracksSecret;

    @Parameters(arity = "0..1", paramLabel = "FILE|-", description = "Input file, or - for standard input (default).")
    String input = "-";

    private final InputStream stdin;
    private final Clock clock;

    public DecodeCommand() {
        this(System.in, Clock.systemUTC());
    }

    DecodeCommand(InputStream stdin, Clock clock) {
        this.stdin = stdin;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        if (format == Format.JSON && mapping == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format json needs --mapping NAME");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String contentType = format == Format.JSON ? format.contentType + "; mapping=" + mapping : format.contentType;
        VendorMappings mappings;
        try {
            mappings = format == Format.JSON ? VendorMappings.loadDirectory(mappingsDir) : VendorMappings.none();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("vigil decode: cannot load vendor mappings: " + SafeText.escape(e.getMessage(), 400));
            return EXIT_IO_ERROR;
        }
        if (format == Format.JSON && mappings.find(mapping).isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no vendor mapping named "
                    + SafeText.quote(mapping, 64) + " in " + SafeText.quote(mappingsDir.toString(), 200));
        }
        LineDecryption decryption = decryption();
        Normalizer normalizer = DefaultNormalizer.withDefaults(mappings);
        int failures = 0;
        try (BufferedReader reader = open()) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                Instant now = clock.instant();
                SignalContext ctx = new SignalContext(site, device, "cli-line-" + lineNumber, "cli", now, now);
                byte[] body;
                try {
                    body = escapes ? EscapedLine.decode(line) : line.getBytes(format.charset);
                } catch (IllegalArgumentException e) {
                    failures++;
                    err.println("line " + lineNumber + ": bad escape: " + SafeText.escape(e.getMessage(), 200)
                            + " | input: " + SafeText.quote(line, MAX_ECHO));
                    continue;
                }
                NormalizeResult result;
                try {
                    result = normalizer.normalize(ctx, contentType, decryption.apply(body));
                } catch (MalformedSignalException e) {
                    result = new Undecodable(e.reasonCode(), e.getMessage());
                }
                if (result instanceof Decoded decoded) {
                    for (CanonicalEvent event : decoded.events()) {
                        out.println(EventJson.write(event));
                    }
                } else {
                    Undecodable undecodable = (Undecodable) result;
                    failures++;
                    err.println("line " + lineNumber + ": undecodable (" + undecodable.reasonCode() + "): "
                            + undecodable.detail() + " | input: " + SafeText.quote(line, MAX_ECHO));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            err.println("vigil decode: cannot read " + SafeText.quote(input, 200) + ": "
                    + SafeText.escape(e.getMessage(), 200));
            return EXIT_IO_ERROR;
        } finally {
            out.flush();
            err.flush();
        }
        return failures == 0 ? 0 : EXIT_UNDECODABLE;
    }

    /** What a line's bytes go through before decoding: nothing, or decryption with the key given on the command line. */
    private interface LineDecryption {
        byte[] apply(byte[] body);
    }

    private LineDecryption decryption() {
        if (dc09KeyHex != null && dc09KeyText != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --dc09-key or --dc09-key-text, not both");
        }
        if ((dc09KeyHex != null || dc09KeyText != null) && format != Format.DC09) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--dc09-key needs --format dc09");
        }
        if (owntracksSecret != null && format != Format.OWNTRACKS) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--owntracks-secret needs --format owntracks");
        }
        try {
            if (dc09KeyHex != null || dc09KeyText != null) {
                Dc09Cipher cipher = dc09KeyHex != null ? Dc09Cipher.fromHex(dc09KeyHex) : Dc09Cipher.fromCharacters(dc09KeyText);
                return body -> {
                    String frame = new String(body, StandardCharsets.ISO_8859_1);
                    return Dc09Decryption.isEncrypted(frame)
                            ? Dc09Decryption.decrypt(frame, cipher).clearFrame().getBytes(StandardCharsets.ISO_8859_1)
                            : body;
                };
            }
            if (owntracksSecret != null) {
                OwnTracksSecretBox box = OwnTracksSecretBox.fromSecret(owntracksSecret);
                return body -> OwnTracksEncryptedPayload.isEncrypted(body) ? OwnTracksEncryptedPayload.open(body, box) : body;
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return body -> body;
    }

    private BufferedReader open() throws IOException {
        InputStream in = input.equals("-") ? stdin : Files.newInputStream(Path.of(input));
        return new BufferedReader(new InputStreamReader(in, escapes ? StandardCharsets.ISO_8859_1 : format.charset));
    }
}
