package io.vigil.ops;

import io.vigil.trust.crypto.CryptoProvider;
import io.vigil.trust.crypto.CryptoProviders;

/**
 * Which library verifies signatures (issue 19): always up, never critical; its detail tells an operator
 * that a node fell back to Bouncy Castle (about half the verification speed) and why.
 */
final class CryptoCheck implements HealthCheck {

    @Override
    public String name() {
        return "crypto";
    }

    @Override
    public boolean critical() {
        return false;
    }

    @Override
    public Health check() {
        CryptoProvider active = CryptoProviders.active();
        Throwable accpProblem = active == CryptoProvider.ACCP ? null : CryptoProvider.ACCP.unavailableBecause();
        return Health.up(active.label() + (accpProblem == null ? "" : " (ACCP does not load: " + accpProblem.getClass().getSimpleName() + ")"));
    }
}
