package io.vigil.feeds;

/** Which topic holds which contract: a record is read as an incident change or as a security event by its topic. */
public record FeedInput(String incidentsTopic, String securityTopic) {

    public FeedRecord read(String topic, byte[] value) throws MalformedFeedRecordException {
        if (incidentsTopic.equals(topic)) {
            return FeedRecordReader.incident(value);
        }
        if (securityTopic.equals(topic)) {
            return FeedRecordReader.securityEvent(value);
        }
        throw new MalformedFeedRecordException("record from topic " + topic + ", which no feed reads");
    }
}
