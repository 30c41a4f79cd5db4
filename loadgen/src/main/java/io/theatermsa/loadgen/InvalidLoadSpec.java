package io.theatermsa.loadgen;

import java.util.List;
import java.util.stream.Collectors;

/** A {@link LoadSpec} that cannot run; {@link #problems()} names every field that is wrong. */
public final class InvalidLoadSpec extends IllegalArgumentException {

    private final transient List<LoadSpec.Problem> problems;

    public InvalidLoadSpec(List<LoadSpec.Problem> problems) {
        super(problems.stream().map(p -> p.field() + " " + p.problem()).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<LoadSpec.Problem> problems() {
        return problems;
    }
}
