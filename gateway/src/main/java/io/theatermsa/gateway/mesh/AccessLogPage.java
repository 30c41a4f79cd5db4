package io.theatermsa.gateway.mesh;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.theatermsa.mesh.sidecar.AccessLog;
import io.theatermsa.mesh.sidecar.AccessLogEntry;

import java.time.Instant;
import java.util.List;

/**
 * The body of {@code GET /api/mesh/access-log}.
 *
 * @param records the records, oldest first
 * @param next    the {@code since} to ask with next time: the last record's sequence number, or the {@code since}
 *                given when there was nothing new
 */
record AccessLogPage(List<Record> records, long next) {

    static AccessLogPage of(List<AccessLog.Numbered> numbered, long since, boolean observed) {
        List<Record> records = numbered.stream().map(n -> new Record(n.sequence(), n.entry(), observed)).toList();
        return new AccessLogPage(records, records.isEmpty() ? since : records.getLast().sequence());
    }

    /**
     * One access-log entry with its sequence number, and its flags the way Envoy prints them ({@code UH}, {@code -});
     * {@code observed} marks a record the gateway made from a proxied answer rather than the mesh's own log.
     */
    record Record(long sequence, @JsonUnwrapped AccessLogEntry entry, boolean observed) {

        @JsonProperty("responseFlags")
        public String responseFlags() {
            return entry.flagsText();
        }

        /** {@code startMillis} as an ISO-8601 instant, for the dashboard. */
        @JsonProperty("time")
        public String time() {
            return Instant.ofEpochMilli(entry.startMillis()).toString();
        }

        /** {@code responseCodeDetails} under the dashboard's name. */
        @JsonProperty("details")
        public String details() {
            return entry.responseCodeDetails();
        }
    }
}
