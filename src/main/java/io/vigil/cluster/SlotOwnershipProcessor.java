package io.vigil.cluster;

import io.vigil.ingest.mqtt.ReliableMqttConsumer;
import io.vigil.trust.TopicSites;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Camel adapter, first step of every slot's ingest route: every slot's session receives every site's
 * messages (no shared subscription, see docs/delivery.md), and a slot checks only the sites it owns.
 * A message of another slot's site is marked {@value #OTHER_SLOT}: the route stops at once and the
 * message is acknowledged here, because the owning slot's session holds its own copy.
 */
public final class SlotOwnershipProcessor implements Processor {

    /** Exchange property set (true) on a message this slot leaves to its owner. */
    public static final String OTHER_SLOT = "VigilOtherSlot";

    private final SiteSlots slots;

    public SlotOwnershipProcessor(SiteSlots slots) {
        this.slots = slots;
    }

    @Override
    public void process(Exchange exchange) {
        if (slots.slots() == 1) {
            return;
        }
        String topic = exchange.getProperty(ReliableMqttConsumer.TOPIC, String.class);
        if (topic == null) {
            return; // raised by the consumer itself (session alert): no site
        }
        String site = TopicSites.siteOf(topic);
        int owner = slots.slotOf(site != null ? site : topic);
        if (owner != SlotRoutes.slotOfRoute(exchange.getFromRouteId())) {
            exchange.setProperty(OTHER_SLOT, true);
        }
    }
}
