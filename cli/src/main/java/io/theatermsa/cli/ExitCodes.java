package io.theatermsa.cli;

/**
 * The exit codes of every {@code theater} command: one meaning per code, listed in each command's help under the same
 * heading. 0 and 1 say what success and refusal mean for that command; 2 and 3 read the same everywhere.
 */
final class ExitCodes {

    static final int OK = 0;
    /** The stack, Redis or the checks said no (refused, failed, findings that fail lint); nothing changed. */
    static final int REFUSED = 1;
    /** A bad option or argument, including a path, scenario or fault ID that does not exist (picocli's own code). */
    static final int USAGE = 2;
    /** No local stack is running, or it cannot be reached. */
    static final int NO_STACK = 3;

    static final String HEADING = "%n종료 코드 / Exit codes:%n";
    static final String USAGE_TEXT = "2:잘못된 사용: 옵션·인자 오류, 없는 경로·ID / usage: a bad option or argument, "
            + "a path or ID that does not exist";
    static final String USAGE_NAMES_TEXT = USAGE_TEXT + ", 토폴로지에 없는 서비스·클러스터 / a service or cluster "
            + "the topology does not have";
    static final String NO_STACK_TEXT = "3:실행 중인 로컬 스택 없음 (또는 닿지 않음) / no local stack running "
            + "(or it cannot be reached)";

    private ExitCodes() {
    }
}
