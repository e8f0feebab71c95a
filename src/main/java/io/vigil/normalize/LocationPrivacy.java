package io.vigil.normalize;

/**
 * Makes the copy of a located event that may go to general topics: coordinates rounded to
 * {@code decimals} places (2 places is about 1.1 km of latitude), accuracy and radius no finer than
 * that, {@code precise} false. Precise coordinates stay on the restricted topic only.
 */
public final class LocationPrivacy {
    public static final int DEFAULT_DECIMALS = 2;
    private static final double METRES_PER_DEGREE = 111_320.0;

    private final double scale;
    private final double resolutionMetres;

    public LocationPrivacy(int decimals) {
        if (decimals < 0 || decimals > 6) {
            throw new IllegalArgumentException("decimals must be 0..6");
        }
        this.scale = Math.pow(10, decimals);
        this.resolutionMetres = Math.round(METRES_PER_DEGREE / scale);
    }

    public static LocationPrivacy defaults() {
        return new LocationPrivacy(DEFAULT_DECIMALS);
    }

    /** The event with its location coarsened; events without a location are returned unchanged. */
    public CanonicalEvent rounded(CanonicalEvent event) {
        CanonicalEvent.LocationData location = event.location();
        if (location == null || !location.precise()) {
            return event;
        }
        return event.withLocation(location.rounded(round(location.lat()), round(location.lon()),
                coarsen(location.accuracy()), location.radius() == null ? null : coarsen(location.radius())));
    }

    private double round(double degrees) {
        return Math.round(degrees * scale) / scale;
    }

    private Double coarsen(Double metres) {
        return metres == null ? resolutionMetres : Math.max(metres, resolutionMetres);
    }
}
