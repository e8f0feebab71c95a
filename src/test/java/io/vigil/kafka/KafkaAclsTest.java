package io.vigil.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.VigilProperties;
import io.vigil.pki.KafkaPki;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaAclsTest {

    @TempDir
    Path dir;
    private List<AclBinding> acls;

    @BeforeEach
    void derive() {
        new KafkaPki(dir, "pw".toCharArray()).init(KafkaPrincipal.defaultNames());
        Map<String, String> overrides = new HashMap<>();
        overrides.put("vigil.kafka.keystore-password", "pw");
        for (KafkaPrincipal principal : KafkaPrincipal.values()) {
            overrides.put("vigil.kafka.keystore." + principal.key(),
                    dir.resolve("kafka/" + principal.defaultName() + ".p12").toString());
        }
        overrides.put("vigil.kafka.topic.location-precise", "t1.precise");
        overrides.put("vigil.normalize.group-id", "g-normalize-1");
        VigilProperties properties = VigilProperties.load().with(overrides);
        acls = KafkaAcls.required(properties, KafkaClientConfig.from(properties));
    }

    @Test
    void everyGrantNamesOneConfiguredTopicOrGroupExactly() {
        assertThat(acls).allSatisfy(acl -> {
            assertThat(acl.pattern().patternType()).isEqualTo(PatternType.LITERAL);
            assertThat(acl.pattern().name()).isNotEqualTo("*");
            assertThat(acl.entry().principal()).startsWith("User:vigil-").isNotEqualTo("User:vigil-admin");
        });
        assertThat(acls).anyMatch(acl -> is(acl, "vigil-normalize", ResourceType.GROUP, "g-normalize-1", AclOperation.READ));
    }

    @Test
    void onlyTheLocationReaderReadsPreciseLocationsAndOnlyTheNormaliserWritesThem() {
        assertThat(acls.stream().filter(acl -> acl.pattern().name().equals("t1.precise")))
                .extracting(acl -> acl.entry().principal() + " " + acl.entry().operation())
                .containsExactlyInAnyOrder("User:vigil-location-reader READ", "User:vigil-normalize WRITE");
    }

    @Test
    void incidentsAreWrittenByEscalationAlone() {
        assertThat(acls.stream().filter(acl -> acl.pattern().name().equals("incidents")
                        && acl.entry().operation() == AclOperation.WRITE))
                .extracting(acl -> acl.entry().principal()).containsExactly("User:vigil-escalation");
    }

    private static boolean is(AclBinding acl, String principal, ResourceType type, String name, AclOperation operation) {
        return acl.entry().principal().equals("User:" + principal) && acl.pattern().resourceType() == type
                && acl.pattern().name().equals(name) && acl.entry().operation() == operation;
    }
}
