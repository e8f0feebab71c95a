package io.vigil.normalize;

/** The envelope content types the normaliser understands (see docs/events.md). */
public final class ContentTypes {
    public static final String CONTACT_ID = "application/vnd.vigil.cid";
    public static final String SIA_DCS = "application/vnd.vigil.sia-dcs";
    public static final String DC09 = "application/vnd.vigil.dc09";
    public static final String VENDOR_JSON = "application/vnd.vigil.vendor+json";
    public static final String SENSOR_JSON = "application/vnd.vigil.sensor+json";
    public static final String OWNTRACKS_JSON = "application/vnd.vigil.owntracks+json";
    public static final String HEARTBEAT = "application/vnd.vigil.heartbeat";

    private ContentTypes() {}
}
