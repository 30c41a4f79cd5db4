package io.theatermsa.cli.lint;

import io.theatermsa.mesh.config.Diagnostic;
import io.theatermsa.mesh.config.LoadResult;

import java.util.List;

/**
 * A check {@code theater lint} runs on top of the loader's own validation, e.g. an outlier-detection trap the
 * course teaches. A rule reads what was loaded and reports findings; it never throws and never changes anything.
 */
@FunctionalInterface
public interface LintRule {

    List<Diagnostic> check(LoadResult loaded);
}
