package io.vigil.normalize.cid;

/**
 * One Contact ID report as received: account, optional message type (18/98, absent in the DC-09
 * ADM-CID form), qualifier digit, three-character event code, group (partition) and zone-or-user.
 */
public record ContactIdMessage(String account, String messageType, char qualifier, String code, String group,
                               String zoneOrUser) {}
