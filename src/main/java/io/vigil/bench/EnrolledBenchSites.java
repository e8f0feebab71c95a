package io.vigil.bench;

import io.vigil.trust.device.DeviceSigner;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The signers of the benchmark's sites, enrolled before the load starts (enrolling is not what is measured). */
final class EnrolledBenchSites {

    private final Map<String, DeviceSigner> signers = new ConcurrentHashMap<>();

    void enroll(BenchContext context) {
        for (String site : context.siteIds()) {
            signers.put(site, context.signer(site));
        }
    }

    DeviceSigner signer(String siteId) {
        DeviceSigner signer = signers.get(siteId);
        if (signer == null) {
            throw new IllegalStateException("site " + siteId + " was not enrolled for the benchmark");
        }
        return signer;
    }
}
