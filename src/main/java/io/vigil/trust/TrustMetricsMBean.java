package io.vigil.trust;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.ObjectName;

/**
 * The trust gate's counters as a JMX MBean, {@code io.vigil:type=TrustGate}: {@code accepted},
 * {@code redelivered}, {@code duplicate}, {@code late}, {@code rejected} and one {@code rejected_<reason>} per reason code, all
 * cumulative. Any JMX client reads them, and the Prometheus JMX exporter turns them into metrics.
 */
public final class TrustMetricsMBean implements DynamicMBean, AutoCloseable {

    public static final String NAME = "io.vigil:type=TrustGate";

    private final TrustMetrics metrics;
    private ObjectName registered;

    public TrustMetricsMBean(TrustMetrics metrics) {
        this.metrics = metrics;
    }

    /** Registers with the platform MBean server (replacing a stale registration of an earlier start). */
    public TrustMetricsMBean register() {
        try {
            ObjectName name = new ObjectName(NAME);
            var server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(this, name);
            registered = name;
            return this;
        } catch (JMException e) {
            throw new IllegalStateException("cannot register " + NAME, e);
        }
    }

    @Override
    public Object getAttribute(String attribute) throws AttributeNotFoundException {
        TrustMetrics.Snapshot snapshot = metrics.snapshot();
        switch (attribute) {
            case "accepted": return snapshot.accepted();
            case "redelivered": return snapshot.redelivered();
            case "duplicate": return snapshot.duplicate();
            case "late": return snapshot.late();
            case "rejected": return snapshot.rejected();
            default:
                if (attribute.startsWith("rejected_")) {
                    Long count = snapshot.rejectedByReason().get(attribute.substring("rejected_".length()));
                    if (count != null) {
                        return count;
                    }
                }
                throw new AttributeNotFoundException(attribute);
        }
    }

    @Override
    public AttributeList getAttributes(String[] attributes) {
        AttributeList list = new AttributeList();
        for (String attribute : attributes) {
            try {
                list.add(new Attribute(attribute, getAttribute(attribute)));
            } catch (AttributeNotFoundException e) {
                // JMX leaves unknown attributes out of the list
            }
        }
        return list;
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        List<MBeanAttributeInfo> attributes = new ArrayList<>();
        attributes.add(counter("accepted", "envelopes accepted"));
        attributes.add(counter("redelivered", "broker redeliveries (DUP) accepted again"));
        attributes.add(counter("duplicate", "deliveries of an envelope accepted before, same id and bytes, accepted again"));
        attributes.add(counter("late", "envelopes older than the freshness window accepted as proven new"));
        attributes.add(counter("rejected", "envelopes quarantined, all reasons"));
        for (RejectReason reason : RejectReason.values()) {
            attributes.add(counter("rejected_" + reason.code(), "envelopes quarantined as " + reason.code()));
        }
        return new MBeanInfo(getClass().getName(), "Vigil trust gate counters (cumulative)",
                attributes.toArray(MBeanAttributeInfo[]::new), null, null, null);
    }

    private static MBeanAttributeInfo counter(String name, String description) {
        return new MBeanAttributeInfo(name, "long", description, true, false, false);
    }

    @Override
    public void setAttribute(Attribute attribute) {
        throw new UnsupportedOperationException("the trust gate's counters are read-only");
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList();
    }

    @Override
    public Object invoke(String actionName, Object[] params, String[] signature) {
        throw new UnsupportedOperationException("no operations");
    }

    @Override
    public void close() {
        if (registered != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(registered);
            } catch (JMException e) {
                // already gone
            }
            registered = null;
        }
    }
}
