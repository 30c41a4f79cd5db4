package io.theatermsa.docs;

import java.time.Duration;
import java.util.List;

/**
 * What the comment above a shell block says of it: run it and check what it produces, or leave it alone for a
 * stated reason. A shell block without a mark is an error of the document.
 */
sealed interface Mark permits Mark.Run, Mark.Skip {

    /**
     * Run every command in {@code terminal} (a shell that keeps its variables, like a student's terminal window);
     * every command but the last must exit 0, the last must meet every expectation.
     */
    record Run(String terminal, Duration timeout, List<Expectation> expectations) implements Mark {
    }

    /** Not run: real clusters only, example output, a command that never ends, ... */
    record Skip(String reason) implements Mark {
    }
}
