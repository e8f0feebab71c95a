package io.vigil.dc09;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A DC-09 account mapping for tests only: the receiver's real one is the key registry's. */
public final class InMemoryDc09Accounts implements Dc09Accounts {

    private final Map<String, Dc09Account> byAccount = new ConcurrentHashMap<>();

    public InMemoryDc09Accounts plain(String account, String siteId) {
        byAccount.put(account, new Dc09Account(siteId, true, List.of()));
        return this;
    }

    public InMemoryDc09Accounts encryptedOnly(String account, String siteId, Dc09Account.Dc09Key key) {
        byAccount.put(account, new Dc09Account(siteId, false, List.of(key)));
        return this;
    }

    @Override
    public Optional<Dc09Account> find(String account, String receiver, String line) {
        return Optional.ofNullable(byAccount.get(account));
    }
}
