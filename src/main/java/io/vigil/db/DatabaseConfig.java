package io.vigil.db;

import io.vigil.config.VigilProperties;

/**
 * Where PostgreSQL is and who Vigil is there. Two roles: the owner migrates the schema, the
 * application role runs the receiver with only the grants the migrations give it.
 */
public record DatabaseConfig(String url, String appUser, String appPassword, String ownerUser, String ownerPassword,
                             int poolSize) {

    public DatabaseConfig {
        if (poolSize < 1) {
            throw new IllegalArgumentException("vigil.db.pool-size must be at least 1");
        }
    }

    public static DatabaseConfig from(VigilProperties properties) {
        return new DatabaseConfig(
                properties.get("vigil.db.url"),
                properties.get("vigil.db.user"),
                properties.get("vigil.db.password"),
                properties.get("vigil.db.owner-user"),
                properties.get("vigil.db.owner-password"),
                properties.getInt("vigil.db.pool-size", 8));
    }

    /** The same database and roles with a pool of another size (tools need one or two connections). */
    public DatabaseConfig withPoolSize(int newPoolSize) {
        return new DatabaseConfig(url, appUser, appPassword, ownerUser, ownerPassword, newPoolSize);
    }

    public DatabaseConfig withUrl(String newUrl) {
        return new DatabaseConfig(newUrl, appUser, appPassword, ownerUser, ownerPassword, poolSize);
    }
}
