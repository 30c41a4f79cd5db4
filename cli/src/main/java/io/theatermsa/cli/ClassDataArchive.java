package io.theatermsa.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The run that writes a command's class-data sharing archive, or on JDK 25+ the record its AOT cache is assembled
 * from ({@code ./theater} passes {@code -XX:+AutoCreateSharedArchive} or {@code -XX:AOTMode=record}, and
 * {@code -Dtheater.cds.archive=FILE}, when there is none yet; the JVM writes FILE at exit). It must come from a whole
 * run: one written by a run that failed at once (a busy port, a missing file) or was stopped while starting lacks
 * most of what the command loads, and the JVM never replaces an archive that is valid. So such a run leaves
 * {@code FILE.incomplete} beside it from its first moment until it has done its work, and {@code ./theater}
 * discards a file with that mark before the next start.
 */
final class ClassDataArchive {

    static final String PROPERTY = "theater.cds.archive";

    private final Optional<Path> mark;
    private volatile boolean failed;

    /** For the archive at {@code archive}; empty: this run writes none. */
    ClassDataArchive(Optional<Path> archive) {
        this.mark = archive.map(file -> file.resolveSibling(file.getFileName() + ".incomplete"));
    }

    /** The archive {@code ./theater} named in {@link #PROPERTY}, if any. */
    static ClassDataArchive fromSystemProperties() {
        String archive = System.getProperty(PROPERTY);
        return new ClassDataArchive(archive == null || archive.isBlank() ? Optional.empty()
                                                                         : Optional.of(Path.of(archive)));
    }

    /** Marks the archive this run will write incomplete, until {@link #completed()}. */
    void recording() {
        mark.ifPresent(file -> {
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, "");
            } catch (IOException e) {
                // No mark: at worst a partial archive stays, as before the mark existed.
            }
        });
    }

    /** The command did its work: the archive the JVM writes at exit is whole, unless {@link #failed()} was said. */
    void completed() {
        if (failed) {
            return;
        }
        mark.ifPresent(file -> {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // The mark stays: the next start discards this archive and writes another.
            }
        });
    }

    /** The command did not do its work, whatever its exit code: its archive stays marked incomplete. */
    void failed() {
        failed = true;
    }
}
