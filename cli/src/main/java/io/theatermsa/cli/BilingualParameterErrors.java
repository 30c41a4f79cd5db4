package io.theatermsa.cli;

import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.MutuallyExclusiveArgsException;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.util.stream.Collectors;

/**
 * What {@code theater} says about a command line picocli cannot parse: a line in Korean saying which kind of
 * mistake it is, picocli's own English line (it names the argument), its suggestions for a mistyped word, and where the
 * command's help is, instead of picocli's English message followed by the whole usage text. Exit code 2.
 */
final class BilingualParameterErrors implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("오류: " + kind(e) + " / error: " + e.getMessage());
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            String prefix = unmatched.isUnknownOption() ? "" : command.getCommandSpec().qualifiedName(" ") + " ";
            err.println("  혹시 / did you mean: " + unmatched.getSuggestions().stream().map(s -> prefix + s)
                    .collect(Collectors.joining(", ")));
        }
        err.println("  도움말 / help: ./" + command.getCommandSpec().qualifiedName(" ") + " --help");
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static String kind(ParameterException e) {
        return switch (e) {
            case UnmatchedArgumentException unmatched -> "알 수 없는 명령·옵션·인자입니다";
            case MissingParameterException missing -> "꼭 필요한 옵션이나 인자가 빠졌습니다";
            case OverwrittenOptionException twice -> "같은 옵션이 두 번 주어졌습니다";
            case MutuallyExclusiveArgsException exclusive -> "함께 쓸 수 없는 옵션입니다";
            default -> e.getMessage() != null && e.getMessage().startsWith("Invalid value")
                    ? "값이 올바르지 않습니다" : "명령줄이 올바르지 않습니다";
        };
    }
}
