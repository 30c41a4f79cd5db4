package io.theatermsa.platform.http;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class StoreOutageLogTest {

    private final List<String> lines = new ArrayList<>();
    private final AtomicLong nanos = new AtomicLong(TimeUnit.HOURS.toNanos(1));
    private final StoreOutageLog outages = new StoreOutageLog("user-service-ctx1-0", new Recording(lines), nanos::get);

    @Test
    void theFirstFailureIsSaidAtOnceAndTheRestOncePerPeriodWithTheirCount() {
        outages.failed("Currently not connected");
        for (int i = 0; i < 600; i++) { // 12 s of failures, one every 20 ms
            nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(20));
            outages.failed("Currently not connected");
        }

        String said = "user-service-ctx1-0: the data store is unavailable (Currently not connected), answering 503";
        assertThat(lines).containsExactly(said,
                said + "; 499 more request(s) answered 503 for it since the last report");
    }

    @Test
    void anotherOutageIsSaidAtOnceWithWhatTheLastLeftUnreported() {
        outages.failed("Command timed out after 500 millisecond(s)");
        for (int i = 0; i < 2; i++) {
            nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
            outages.failed("Command timed out after 500 millisecond(s)");
        }
        nanos.addAndGet(StoreOutageLog.EVERY.toNanos() + 1);
        outages.failed("Currently not connected");

        assertThat(lines).hasSize(2).last().asString().isEqualTo(
                "user-service-ctx1-0: the data store is unavailable (Currently not connected), answering 503;"
                        + " the previous outage answered 2 more request(s) with 503 after its last report");
    }

    /** A logger that keeps what it is told. */
    private record Recording(List<String> lines) implements System.Logger {
        @Override
        public String getName() {
            return "recording";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            lines.add(message);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(format);
        }
    }
}
