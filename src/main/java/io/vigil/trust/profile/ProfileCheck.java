package io.vigil.trust.profile;

import io.vigil.trust.ReceivedMessage;
import io.vigil.trust.Verdict;
import io.vigil.trust.keys.SiteKeys;
import java.time.Instant;

/** The checks of one trust profile without a Vigil signature (docs/envelope.md, "Trust profiles"). */
interface ProfileCheck {

    /** {@code site} is the enrolled, enabled site the topic names; {@code now} the reference time. */
    Verdict check(SiteKeys site, ReceivedMessage message, Instant now);
}
