package io.theatermsa.gateway;

import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The {@code lastChecked} / {@code lastUpdated} stamps of the deployment views: {@code yyyy-MM-dd HH:mm:ss}, in
 * Korean time by default as the original gateway wrote them.
 */
final class CheckTime {

    static final ZoneId KOREA = ZoneId.of("Asia/Seoul");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Clock clock;

    CheckTime(Clock clock) {
        this.clock = clock;
    }

    String now() {
        return FORMAT.format(clock.instant().atZone(clock.getZone()));
    }
}
