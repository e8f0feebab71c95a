package io.vigil.cli;

import io.vigil.config.VigilProperties;
import io.vigil.db.Database;
import io.vigil.db.DatabaseConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "db", description = "Database administration.", subcommands = DbCommand.Migrate.class)
final class DbCommand {

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = "Apply pending Flyway migrations (db/migration) as the owner role.")
    static final class Migrate implements Callable<Integer> {
        @Override
        public Integer call() {
            int applied = Database.migrate(DatabaseConfig.from(VigilProperties.load()));
            System.err.println(applied == 0 ? "schema is up to date" : "applied " + applied + " migration(s)");
            return 0;
        }
    }
}
