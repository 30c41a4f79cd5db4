package io.theatermsa.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * A fish completion script made from a picocli command tree: each subcommand offered where its parent's path has been
 * typed, each option of a command with its description, and the option's completion candidates as its values.
 */
final class FishCompletion {

    private final String name;

    FishCompletion(String name) {
        this.name = name;
    }

    String script(CommandLine root) {
        List<String> lines = new ArrayList<>();
        lines.add("# " + name + " 자동 완성 / completion for fish: ./" + name + " completion fish | source");
        // True when the words typed after the command name, options left out, are exactly (-x) or start with the path.
        lines.add("function __" + name + "_path");
        lines.add("    set -l exact $argv[1]; set -e argv[1]");
        lines.add("    set -l words (commandline -opc); set -e words[1]");
        lines.add("    set -l path (string match -v -- '-*' $words)");
        lines.add("    if test \"$exact\" = -x; test (count $path) -eq (count $argv); else; test (count $path) -ge (count $argv); end; or return 1");
        lines.add("    for i in (seq (count $argv)); test \"$path[$i]\" = \"$argv[$i]\"; or return 1; end");
        lines.add("end");
        lines.add("complete -c " + name + " -f");
        add(root.getCommandSpec(), lines);
        return String.join("\n", lines) + "\n";
    }

    private void add(CommandSpec command, List<String> lines) {
        String path = path(command);
        command.subcommands().forEach((subName, sub) -> lines.add(
                "complete -c " + name + " -n '__" + name + "_path -x" + path + "' -a " + quote(subName)
                + " -d " + quote(summary(sub.getCommandSpec().usageMessage().description()))));
        for (OptionSpec option : command.options()) {
            StringBuilder line = new StringBuilder("complete -c " + name + " -n '__" + name + "_path -p" + path + "'");
            for (String optionName : option.names()) {
                line.append(optionName.startsWith("--") ? " -l " + optionName.substring(2)
                                                        : " -s " + optionName.substring(1));
            }
            if (option.arity().max() > 0) {
                List<String> values = new ArrayList<>();
                if (option.completionCandidates() != null) {
                    option.completionCandidates().forEach(values::add);
                }
                line.append(values.isEmpty() ? " -r -F" : " -x -a " + quote(String.join(" ", values)));
            }
            line.append(" -d ").append(quote(summary(option.description())));
            lines.add(line.toString());
        }
        command.positionalParameters().forEach(parameter -> {
            List<String> values = new ArrayList<>();
            if (parameter.completionCandidates() != null) {
                parameter.completionCandidates().forEach(values::add);
            }
            lines.add("complete -c " + name + " -n '__" + name + "_path -x" + path + "' "
                      + (values.isEmpty() ? "-F" : "-a " + quote(String.join(" ", values))));
        });
        command.subcommands().values().stream().distinct().forEach(sub -> add(sub.getCommandSpec(), lines));
    }

    /** The command's path below the root, each word after a space: {@code " fault error"}. */
    private String path(CommandSpec command) {
        String qualified = command.qualifiedName();
        return qualified.length() > name.length() ? qualified.substring(name.length()) : "";
    }

    private static String summary(String[] description) {
        return description.length == 0 ? "" : description[0].replace("${DEFAULT-VALUE}", "").replace("%n", " ");
    }

    private static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
