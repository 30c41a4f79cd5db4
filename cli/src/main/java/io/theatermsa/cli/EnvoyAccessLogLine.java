package io.theatermsa.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One record of {@code /api/mesh/access-log} in Istio's default text format for Envoy's access log
 * ({@code meshConfig.accessLogFile}; istio.io "Envoy Access Logs"), prefixed as {@code kubectl logs --prefix}
 * prefixes a line of the calling pod's {@code istio-proxy} container:
 * <pre>
 * [%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE% %RESPONSE_FLAGS%
 * %RESPONSE_CODE_DETAILS% %CONNECTION_TERMINATION_DETAILS% "%UPSTREAM_TRANSPORT_FAILURE_REASON%" %BYTES_RECEIVED%
 * %BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%"
 * "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%" %UPSTREAM_CLUSTER% %UPSTREAM_LOCAL_ADDRESS%
 * %DOWNSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_REMOTE_ADDRESS% %REQUESTED_SERVER_NAME% %ROUTE_NAME%
 * </pre>
 * Fields the emulator does not record (bytes, addresses of the connection, user agent) are {@code -}, as Envoy
 * prints a value it does not have.
 */
final class EnvoyAccessLogLine {

    private static final String NONE = "-";

    private EnvoyAccessLogLine() {
    }

    static String of(JsonNode record) {
        JsonNode source = record.path("source");
        String prefix = "[pod/" + source.path("pod").asText() + "/istio-proxy] ";
        return prefix + "[" + Instant.ofEpochMilli(record.path("startMillis").asLong()) + "] \""
               + record.path("method").asText() + " " + record.path("path").asText() + " HTTP/1.1\" "
               + record.path("status").asInt() + " " + text(record, "responseFlags") + " "
               + text(record, "responseCodeDetails") + " - \"-\" - - " + record.path("durationMillis").asLong()
               + " - \"-\" \"-\" \"" + text(record, "requestId") + "\" \"" + text(record, "authority") + "\" \""
               + text(record, "upstreamAddress") + "\" " + text(record, "envoyCluster") + " - - - - "
               + text(record, "route");
    }

    private static String text(JsonNode record, String field) {
        String value = record.path(field).asText("");
        return value.isEmpty() ? NONE : value;
    }
}
