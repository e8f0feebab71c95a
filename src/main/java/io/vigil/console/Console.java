package io.vigil.console;

import io.vigil.api.ApiServer;
import java.time.Clock;
import javax.sql.DataSource;

/** The operator console as the API server takes it: its sessions and its handler in front of the API's. */
public final class Console {

    private Console() {}

    /** The console on the API's pool; null when {@code vigil.console.enabled=false}. */
    public static ApiServer.Console of(DataSource dataSource, Clock clock, ConsoleConfig config) {
        if (!config.enabled()) {
            return null;
        }
        OperatorAccounts accounts = new OperatorAccounts(dataSource, clock, config);
        ConsoleSessions sessions = new ConsoleSessions(dataSource, clock, config);
        return new ApiServer.Console(sessions,
                (api, failures, audit) -> new ConsoleHandler(api, accounts, sessions, config, failures, audit));
    }
}
