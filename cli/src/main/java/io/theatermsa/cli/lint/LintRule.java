package io.theatermsa.cli.lint;

import io.theatermsa.mesh.config.Diagnostics;

/**
 * A check {@code theater lint} runs on top of the loader's own validation, e.g. an outlier-detection trap the
 * course teaches. A rule reads what was loaded and appends findings; it never throws and never changes anything.
 */
@FunctionalInterface
public interface LintRule {

    void check(LintInput input, Diagnostics out);
}
