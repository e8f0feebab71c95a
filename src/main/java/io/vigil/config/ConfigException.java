package io.vigil.config;

/** The configuration is missing a key or holds a value that cannot be used. Permanent: fix the config. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
