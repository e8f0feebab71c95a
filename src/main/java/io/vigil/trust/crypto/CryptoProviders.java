package io.vigil.trust.crypto;

import io.vigil.config.VigilProperties;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses, once per JVM, which {@link CryptoProvider} verifies signatures
 * ({@code vigil.trust.crypto-provider}): {@code auto} takes ACCP where its native part loads and
 * Bouncy Castle otherwise. Verifiers made before and after the choice agree because the choice
 * cannot change once made.
 */
public final class CryptoProviders {

    private static final Logger LOG = LoggerFactory.getLogger(CryptoProviders.class);
    public static final String KEY = "vigil.trust.crypto-provider";

    public enum Choice {
        AUTO, ACCP, BOUNCYCASTLE;

        public static Choice from(VigilProperties p) {
            String value = p.get(KEY, "auto");
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(KEY + " must be auto, accp or bouncycastle");
            }
        }
    }

    private static volatile CryptoProvider active;

    private CryptoProviders() {}

    /** The provider all verifiers use; chosen as {@code auto} if nothing chose before. */
    public static CryptoProvider active() {
        CryptoProvider chosen = active;
        return chosen != null ? chosen : select(Choice.AUTO);
    }

    /**
     * Makes the choice (logged once) or confirms the one made; refuses {@code accp} where it does not
     * load and a second choice that differs from the first.
     */
    public static synchronized CryptoProvider select(Choice choice) {
        Throwable accpProblem = CryptoProvider.ACCP.unavailableBecause();
        CryptoProvider wanted = switch (choice) {
            case AUTO -> accpProblem == null ? CryptoProvider.ACCP : CryptoProvider.BOUNCYCASTLE;
            case BOUNCYCASTLE -> CryptoProvider.BOUNCYCASTLE;
            case ACCP -> {
                if (accpProblem != null) {
                    throw new IllegalStateException(KEY + "=accp but ACCP does not load here: " + accpProblem);
                }
                yield CryptoProvider.ACCP;
            }
        };
        if (active == null) {
            active = wanted;
            LOG.info("signature verification: {} ({}={}{})", wanted.label(), KEY, choice.name().toLowerCase(Locale.ROOT),
                    choice == Choice.AUTO && accpProblem != null ? "; ACCP does not load: " + accpProblem : "");
        } else if (active != wanted) {
            throw new IllegalStateException("signature verification already uses " + active.label()
                    + "; " + KEY + " cannot change it to " + wanted.label() + " in a running JVM");
        }
        return active;
    }
}
