package io.theatermsa.cli.exercise;

/** The course's four levels (교육-강의스크립트), in the order they are taught. */
public enum Level {
    BASICS(1, Text.of("기본 이해", "Basics")),
    PRACTICE(2, Text.of("실전 적용", "Putting it to work")),
    FAILURES(3, Text.of("장애 대응", "Handling failures")),
    OPERATIONS(4, Text.of("고급 운영", "Advanced operations"));

    private final int number;
    private final Text name;

    Level(int number, Text name) {
        this.number = number;
        this.name = name;
    }

    public int number() {
        return number;
    }

    public Text title() {
        return name;
    }
}
