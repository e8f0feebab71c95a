package io.vigil.normalize.vendor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The vendor mappings known to this process, by name. Loaded once (at startup) from a directory of
 * {@code <name>.yaml} files; the {@code mapping} parameter of a content type only selects among them,
 * so site data never names a file.
 */
public final class VendorMappings {
    /** Where the distribution keeps mapping files, relative to the Vigil home directory. */
    public static final Path DEFAULT_DIRECTORY = Path.of("config", "vendor-mappings");

    private final Map<String, VendorMapping> byName;

    private VendorMappings(Map<String, VendorMapping> byName) {
        this.byName = Map.copyOf(byName);
    }

    public static VendorMappings none() {
        return new VendorMappings(Map.of());
    }

    public static VendorMappings of(VendorMapping... mappings) {
        Map<String, VendorMapping> byName = new HashMap<>();
        for (VendorMapping m : mappings) {
            byName.put(m.name(), m);
        }
        return new VendorMappings(byName);
    }

    /** Every {@code *.yaml} in the directory; a missing directory means no mappings. */
    public static VendorMappings loadDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            return none();
        }
        Map<String, VendorMapping> byName = new HashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.yaml")) {
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    VendorMapping mapping = VendorMappingLoader.load(in, file.toString());
                    String expected = file.getFileName().toString().replaceFirst("\\.yaml$", "");
                    if (!mapping.name().equals(expected)) {
                        throw new IllegalArgumentException(file + ": name '" + mapping.name()
                                + "' must equal the file name '" + expected + "'");
                    }
                    byName.put(mapping.name(), mapping);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read vendor mappings in " + directory, e);
        }
        return new VendorMappings(byName);
    }

    public Optional<VendorMapping> find(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    public int size() {
        return byName.size();
    }

    static boolean isValidName(String name) {
        if (name == null || name.isEmpty() || name.length() > 64) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (i > 0 && (c == '.' || c == '_' || c == '-'));
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
