package io.vigil.gateway;

import io.vigil.dc09.Dc09Account;
import io.vigil.dc09.Dc09Accounts;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The panels a gateway takes frames from (docs/gateway.md, "Panel side"): every account reports as
 * the gateway's site, either plain or with its AES key. Read once from the accounts file:
 * {@code <account>=plain | hex:<key> | text:<key>}.
 */
public final class GatewayAccounts implements Dc09Accounts {

    /** The id an account's key goes by in the gateway's log and {@code vigil_kid}; the key itself never leaves. */
    static final String KEY_ID_PREFIX = "gateway-";

    private final Map<String, Dc09Account> byAccount;

    GatewayAccounts(Map<String, Dc09Account> byAccount) {
        this.byAccount = Map.copyOf(byAccount);
    }

    public static GatewayAccounts load(Path file, String siteId) {
        Properties lines = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            lines.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the gateway's accounts file " + file, e);
        }
        return parse(lines, siteId, file.toString());
    }

    static GatewayAccounts parse(Properties lines, String siteId, String source) {
        Map<String, Dc09Account> accounts = new HashMap<>();
        for (String account : lines.stringPropertyNames()) {
            if (!account.matches("[A-Za-z0-9]{1,16}")) {
                throw new IllegalArgumentException(source + ": a DC-09 account is 1-16 letters or digits");
            }
            String value = lines.getProperty(account).trim();
            Dc09Account entry;
            if (value.equals("plain")) {
                entry = new Dc09Account(siteId, true, List.of());
            } else if (value.startsWith("hex:") || value.startsWith("text:")) {
                byte[] key = value.startsWith("hex:") ? hex(value.substring(4), source, account)
                        : value.substring(5).getBytes(StandardCharsets.ISO_8859_1);
                if (key.length != 16 && key.length != 24 && key.length != 32) {
                    throw new IllegalArgumentException(source + ": the AES key of account " + account
                            + " must be 16, 24 or 32 bytes");
                }
                entry = new Dc09Account(siteId, false, List.of(new Dc09Account.Dc09Key(KEY_ID_PREFIX + account, key)));
            } else {
                throw new IllegalArgumentException(source + ": account " + account
                        + " must be 'plain', 'hex:<key>' or 'text:<key>'");
            }
            accounts.put(account.toUpperCase(Locale.ROOT), entry);
        }
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException(source + " names no DC-09 account");
        }
        return new GatewayAccounts(accounts);
    }

    @Override
    public Optional<Dc09Account> find(String account, String receiver, String line) {
        return Optional.ofNullable(byAccount.get(account.toUpperCase(Locale.ROOT)));
    }

    private static byte[] hex(String text, String source, String account) {
        try {
            return HexFormat.of().parseHex(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": the key of account " + account + " is not hex");
        }
    }
}
