package io.vigil.dc09;

import java.util.Optional;

/**
 * The port's view of the key registry (docs/dc09.md, "Accounts and trust"): which site an account
 * reports for and how its frames are authenticated. The registry owns the mapping and the keys;
 * the port only asks.
 */
public interface Dc09Accounts {

    /**
     * The enrolment of {@code account} as received on {@code receiver}/{@code line} (either may be
     * null or empty when the frame has none).
     */
    Optional<Dc09Account> find(String account, String receiver, String line);
}
