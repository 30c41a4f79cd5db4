package io.theatermsa.cli;

import io.theatermsa.gateway.admin.PracticeScenario;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@code up --scenario} and {@code scenario apply} say about a path that does not exist: that it does not, and
 * the practice scenario the user most likely meant (a name as {@code scenario list -o wide} shows it, given without
 * its folder), or where the list is.
 */
final class MissingScenario {

    private MissingScenario() {
    }

    static String message(Path home, String given, Path resolved) {
        String name = Path.of(given).getFileName() == null ? given
                : Path.of(given).getFileName().toString().toLowerCase(Locale.ROOT);
        String hint = PracticeScenario.in(home).stream()
                .filter(s -> s.name().equals(name) || s.name().startsWith(name + "-") || s.name().endsWith("-" + name))
                .findFirst()
                .map(s -> "\n  혹시 / did you mean: " + s.path())
                .orElse("\n  실습 시나리오 목록 / the practice scenarios: ./theater scenario list");
        return "오류: 시나리오가 없습니다 / error: no such scenario: " + resolved + hint;
    }
}
