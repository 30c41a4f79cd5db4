package io.theatermsa.docs;

import java.nio.file.Path;
import java.util.List;

/**
 * One fenced shell block of a document: where it is, how it is marked, and the commands it holds (a command is a
 * line, with its backslash continuations and, for a heredoc, the lines up to its terminator).
 */
record DocBlock(Path file, int line, Mark mark, List<Command> commands) {

    /** One command of a block and the line of the document it starts on. */
    record Command(int line, String text) {
    }

    String where() {
        return file + ":" + line;
    }
}
