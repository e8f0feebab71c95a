package io.vigil.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.ingest.mqtt.ReliableMqttConsumer;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** One owner per site among the receiver slots (docs/cluster.md, "MQTT receiver slots"). */
class SlotOwnershipTest {

    private final DefaultCamelContext camel = new DefaultCamelContext();

    @Test
    void everySiteHasOneSlotTheSameOnEveryNodeAndTheSlotsShareTheSites() {
        SiteSlots three = new SiteSlots(3);
        Map<Integer, Integer> perSlot = new HashMap<>();
        IntStream.range(0, 3000).forEach(i -> perSlot.merge(three.slotOf("site-" + i), 1, Integer::sum));

        assertThat(perSlot).containsOnlyKeys(1, 2, 3);
        assertThat(perSlot.values()).allSatisfy(n -> assertThat(n).isBetween(800, 1200));
        // String.hashCode is part of the language: a fixed value, whatever the JVM
        assertThat(three.slotOf("site-0001")).isEqualTo(Math.floorMod("site-0001".hashCode(), 3) + 1);
        assertThat(new SiteSlots(1).slotOf("site-0001")).isEqualTo(1);
    }

    @Test
    void aSlotKeepsItsOwnSitesAndLeavesTheOthersToTheirOwners() {
        SiteSlots slots = new SiteSlots(2);
        String site = IntStream.range(0, 100).mapToObj(i -> "site-" + i).filter(s -> slots.slotOf(s) == 2)
                .findFirst().orElseThrow();
        SlotOwnershipProcessor processor = new SlotOwnershipProcessor(slots);

        Exchange own = exchange("ingest-slot-2", "sites/" + site + "/panel");
        Exchange other = exchange("ingest-slot-1", "sites/" + site + "/panel");
        Exchange alert = exchange("ingest-slot-1", null);
        processor.process(own);
        processor.process(other);
        processor.process(alert);

        assertThat(own.getProperty(SlotOwnershipProcessor.OTHER_SLOT)).isNull();
        assertThat(other.getProperty(SlotOwnershipProcessor.OTHER_SLOT)).isEqualTo(true);
        assertThat(alert.getProperty(SlotOwnershipProcessor.OTHER_SLOT)).as("a session alert has no site").isNull();
    }

    @Test
    void oneSlotKeepsEverything() {
        Exchange any = exchange("ingest", "sites/site-0001/panel");
        new SlotOwnershipProcessor(new SiteSlots(1)).process(any);
        assertThat(any.getProperty(SlotOwnershipProcessor.OTHER_SLOT)).isNull();
    }

    private Exchange exchange(String routeId, String topic) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getExchangeExtension().setFromRouteId(routeId);
        if (topic != null) {
            exchange.setProperty(ReliableMqttConsumer.TOPIC, topic);
        }
        return exchange;
    }
}
