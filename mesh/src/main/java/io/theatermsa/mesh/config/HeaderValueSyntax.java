package io.theatermsa.mesh.config;

import java.util.Optional;

/**
 * The {@code %VAR%} syntax of a header value Envoy's header parser accepts ({@code source/common/router/
 * header_parser.cc}, ported by Istio's webhook): literal text, {@code %%} for a percent sign, {@code %VAR%}, and
 * {@code %VAR(args)%} whose args are a bare string or a JSON array of strings.
 */
final class HeaderValueSyntax {

    private enum State { LITERAL, NAME, EXPECT_ARRAY, EXPECT_STRING, STRING, EXPECT_DELIMITER, EXPECT_ARGS_END, EXPECT_END }

    private HeaderValueSyntax() {
    }

    static Optional<String> error(String value) {
        State state = State.LITERAL;
        for (int pos = 0; pos < value.length(); pos++) {
            char c = value.charAt(pos);
            boolean hasNext = pos + 1 < value.length();
            switch (state) {
                case LITERAL -> {
                    if (c == '%') {
                        if (!hasNext) {
                            return Optional.of("invalid header configuration. Un-escaped %");
                        }
                        if (value.charAt(pos + 1) == '%') {
                            pos++;
                        } else {
                            state = State.NAME;
                        }
                    }
                }
                case NAME -> state = c == '%' ? State.LITERAL : c == '(' ? State.EXPECT_ARRAY : State.NAME;
                case EXPECT_ARRAY -> state = c == '[' ? State.EXPECT_STRING : c == ' ' ? state : State.STRING;
                case EXPECT_DELIMITER -> {
                    if (c == ',') {
                        state = State.EXPECT_STRING;
                    } else if (c == ']') {
                        state = State.EXPECT_ARGS_END;
                    } else if (c != ' ') {
                        return Optional.of("invalid header configuration. Expecting ',', ']', or whitespace");
                    }
                }
                case EXPECT_STRING -> {
                    if (c == '"') {
                        state = State.STRING;
                    } else if (c != ' ') {
                        return Optional.of("invalid header configuration. Expecting '\"'");
                    }
                }
                case STRING -> {
                    if (c == '\\') {
                        if (!hasNext) {
                            return Optional.of("invalid header configuration. Un-terminated backslash in JSON string");
                        }
                        pos++;
                    } else if (c == ')') {
                        state = State.EXPECT_END;
                    } else if (c == '"') {
                        state = State.EXPECT_DELIMITER;
                    }
                }
                case EXPECT_ARGS_END -> {
                    if (c == ')') {
                        state = State.EXPECT_END;
                    } else if (c != ' ') {
                        return Optional.of("invalid header configuration. Expecting ')' or whitespace");
                    }
                }
                case EXPECT_END -> {
                    if (c == '%') {
                        state = State.LITERAL;
                    } else if (c != ' ') {
                        return Optional.of("invalid header configuration. Expecting '%' or whitespace");
                    }
                }
            }
        }
        return state == State.LITERAL ? Optional.empty()
                : Optional.of("invalid header configuration. Un-terminated variable expression '" + value + "'");
    }
}
