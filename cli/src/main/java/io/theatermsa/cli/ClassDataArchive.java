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
 * discards a file with that mark before the next start — once: when the next run is not whole either, it keeps what
 * that one wrote as a provisional archive and names it in {@code -Dtheater.cds.provisional=ARCHIVE}. A whole run
 * that maps a provisional archive deletes it, so that the next start records a whole run's.
 */
final class ClassDataArchive {

    static final String PROPERTY = "theater.cds.archive";
    static final String PROVISIONAL_PROPERTY = "theater.cds.provisional";

    private final Optional<Path> mark;
    private final Optional<Path> provisional;
    private volatile boolean failed;

    /** For the archive at {@code archive}; empty: this run writes none. */
    ClassDataArchive(Optional<Path> archive) {
        this(archive, Optional.empty());
    }

    /** Also for the provisional archive this run maps, if any. */
    ClassDataArchive(Optional<Path> archive, Optional<Path> provisional) {
        this.mark = archive.map(file -> sibling(file, ".incomplete"));
        this.provisional = provisional;
    }

    /** The archives {@code ./theater} named in {@link #PROPERTY} and {@link #PROVISIONAL_PROPERTY}, if any. */
    static ClassDataArchive fromSystemProperties() {
        return new ClassDataArchive(path(System.getProperty(PROPERTY)),
                                    path(System.getProperty(PROVISIONAL_PROPERTY)));
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

    /**
     * The command did its work: the archive the JVM writes at exit is whole, and a provisional one this run mapped
     * goes; unless {@link #failed()} was said.
     */
    void completed() {
        if (failed) {
            return;
        }
        mark.ifPresent(ClassDataArchive::delete);
        provisional.ifPresent(archive -> {
            delete(archive); // first: a mark left alone is dropped by the next start that records
            delete(sibling(archive, ".provisional"));
        });
    }

    /** The command did not do its work, whatever its exit code: its archive stays marked incomplete. */
    void failed() {
        failed = true;
    }

    private static Optional<Path> path(String file) {
        return file == null || file.isBlank() ? Optional.empty() : Optional.of(Path.of(file));
    }

    private static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // It stays: the next start discards or keeps it as it finds it.
        }
    }
}
