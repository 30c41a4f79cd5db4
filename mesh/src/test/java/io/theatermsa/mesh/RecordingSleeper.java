package io.theatermsa.mesh;

import io.theatermsa.mesh.time.Sleeper;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every wait and advances the manual ticker by it, instead of sleeping. */
public final class RecordingSleeper implements Sleeper {

    private final ManualTicker ticker;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    public RecordingSleeper(ManualTicker ticker) {
        this.ticker = ticker;
    }

    @Override
    public void sleep(Duration duration) {
        waits.add(duration);
        ticker.advance(duration);
    }

    public List<Duration> waits() {
        return List.copyOf(waits);
    }
}
