package io.theatermsa.loadgen;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The proxy's access log as a load run's correlation reads it: in the gateway's own process, or over its
 * {@code /api/mesh/access-log} from {@code theater load}.
 */
public interface RequestLog {

    /** The sequence number of the newest record (0 for none); empty when the log cannot be read. */
    OptionalLong lastSequence();

    /** At most {@code limit} records after sequence {@code after}, oldest first; empty when the log cannot be read. */
    Optional<List<LoggedRequest>> after(long after, int limit);
}
