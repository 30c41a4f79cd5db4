package io.theatermsa.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the shell blocks of one Markdown document and the mark above each (the format is in
 * docs/course/README.md, "문서가 곧 테스트 / docs as tests"). Problems of the document itself (an unmarked shell
 * block, an unknown key, a bad value) are collected, never thrown, so one run names them all.
 */
final class MarkedDocument {

    /** Fence languages that hold commands for a terminal. */
    static final Set<String> SHELL = Set.of("bash", "sh", "shell", "console", "zsh");
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(90);
    static final Duration DEFAULT_EJECTION_WAIT = Duration.ofSeconds(20);

    private static final Pattern FENCE = Pattern.compile("^(\\s*)```\\s*([A-Za-z0-9_-]*)(.*)$");
    private static final Pattern MARK = Pattern.compile("^\\s*<!--\\s*doc-test:\\s*(run|skip)\\b(.*?)-->\\s*$");
    private static final Pattern ATTRIBUTE = Pattern.compile("\\s*([a-z-]+)=(\"((?:[^\"\\\\]|\\\\.)*)\"|\\S+)");
    private static final Pattern HEREDOC = Pattern.compile("(?<!<)<<(?!<)-?\\s*['\"]?([A-Za-z_][A-Za-z0-9_]*)['\"]?");

    /** The document's shell blocks in order, and what is wrong with the document. */
    record Parsed(List<DocBlock> blocks, List<String> problems) {
    }

    private MarkedDocument() {
    }

    static Parsed read(Path root, Path file) {
        try {
            return parse(root.relativize(file), Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Parsed parse(Path name, List<String> lines) {
        List<DocBlock> blocks = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher fence = FENCE.matcher(lines.get(i));
            if (!fence.matches()) {
                continue;
            }
            int open = i;
            String indent = fence.group(1);
            List<String> body = new ArrayList<>();
            for (i++; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
                String line = lines.get(i);
                body.add(line.startsWith(indent) ? line.substring(indent.length()) : line.strip());
            }
            if (!SHELL.contains(fence.group(2))) {
                continue;
            }
            String where = name + ":" + (open + 1);
            String above = open > 0 ? lines.get(open - 1) : "";
            Matcher mark = MARK.matcher(above);
            if (!mark.matches()) {
                problems.add(where + ": unmarked " + fence.group(2) + " block: put <!-- doc-test: run ... --> or "
                        + "<!-- doc-test: skip REASON --> on the line above it");
                continue;
            }
            List<String> found = new ArrayList<>();
            Mark parsed = mark.group(1).equals("run") ? run(mark.group(2), where, found) : skip(mark.group(2), where, found);
            problems.addAll(found);
            if (found.isEmpty()) {
                blocks.add(new DocBlock(name, open + 1, parsed, commands(body, open + 2)));
            }
        }
        return new Parsed(blocks, problems);
    }

    private static Mark skip(String text, String where, List<String> problems) {
        String reason = text.strip().replaceFirst("^:\\s*", "");
        if (reason.isEmpty()) {
            problems.add(where + ": a skip mark needs a reason (<!-- doc-test: skip real clusters only -->)");
        }
        return new Mark.Skip(reason);
    }

    private static Mark run(String text, String where, List<String> problems) {
        String terminal = "1";
        Duration timeout = DEFAULT_TIMEOUT;
        List<Expectation> expectations = new ArrayList<>();
        Matcher m = ATTRIBUTE.matcher(text);
        int end = 0;
        while (m.find() && m.start() == end) {
            end = m.end();
            String key = m.group(1);
            String value = m.group(3) != null ? m.group(3).replace("\\\"", "\"").replace("\\\\", "\\") : m.group(2);
            try {
                switch (key) {
                    case "terminal" -> terminal = value;
                    case "timeout" -> timeout = seconds(value);
                    case "exit" -> expectations.add(new Expectation.ExitCode(Integer.parseInt(value)));
                    case "line" -> expectations.add(new Expectation.OutputLine(Pattern.compile(value)));
                    case "no-line" -> expectations.add(new Expectation.NoOutputLine(Pattern.compile(value)));
                    case "status" -> expectations.add(new Expectation.HttpStatus(Integer.parseInt(value)));
                    case "split" -> expectations.add(split(value));
                    case "ejected" -> expectations.add(ejection(value));
                    default -> problems.add(where + ": unknown key '" + key + "' (terminal, timeout, exit, line, "
                            + "no-line, status, split, ejected)");
                }
            } catch (IllegalArgumentException e) {
                problems.add(where + ": bad " + key + "=" + value + ": " + e.getMessage());
            }
        }
        if (!text.substring(end).isBlank()) {
            problems.add(where + ": cannot read the mark from '" + text.substring(end).strip() + "'");
        }
        if (expectations.stream().noneMatch(e -> e instanceof Expectation.ExitCode)) {
            expectations.addFirst(new Expectation.ExitCode(0));
        }
        return new Mark.Run(terminal, timeout, List.copyOf(expectations));
    }

    /** {@code ctx1=70}. */
    private static Expectation split(String value) {
        String[] parts = value.split("=", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected CLUSTER=PERCENT, e.g. ctx1=70");
        }
        double percent = Double.parseDouble(parts[1]);
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("a percentage is 0-100");
        }
        return new Expectation.ClusterSplit(parts[0], percent);
    }

    /** {@code user-service@ctx2} or {@code user-service@ctx2/40s}. */
    private static Expectation ejection(String value) {
        Matcher m = Pattern.compile("([a-z0-9-]+)@([a-z0-9-]+)(?:/(\\d+s))?").matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected SERVICE@CLUSTER[/WAITs], e.g. user-service@ctx2");
        }
        return new Expectation.Ejection(m.group(1), m.group(2),
                m.group(3) == null ? DEFAULT_EJECTION_WAIT : seconds(m.group(3)));
    }

    private static Duration seconds(String value) {
        if (!value.matches("\\d+s")) {
            throw new IllegalArgumentException("expected seconds, e.g. 30s");
        }
        return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
    }

    /** The commands of a block body whose first line is document line {@code firstLine}. */
    static List<DocBlock.Command> commands(List<String> body, int firstLine) {
        List<DocBlock.Command> commands = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            String line = body.get(i);
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            int start = i;
            StringBuilder text = new StringBuilder(line);
            while (text.toString().endsWith("\\") && i + 1 < body.size()) {
                text.append('\n').append(body.get(++i));
            }
            Matcher heredoc = HEREDOC.matcher(text);
            if (heredoc.find()) {
                String terminator = heredoc.group(1);
                while (i + 1 < body.size()) {
                    String next = body.get(++i);
                    text.append('\n').append(next);
                    if (next.strip().equals(terminator)) {
                        break;
                    }
                }
            }
            commands.add(new DocBlock.Command(firstLine + start, text.toString()));
        }
        return commands;
    }
}
