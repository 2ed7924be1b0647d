package gw.gateway.state;

/** One stored incident: its key columns and the whole incident as JSON. */
public record IncidentRow(String id, String incidentClass, String status, long openedMs, String doc) {}
