package io.theatermsa.mesh.route;

import java.util.ArrayList;
import java.util.List;

/**
 * A fast path for the regexes people actually write in a VirtualService, decided without running RE2's NFA:
 * an optional leading {@code (?i)}, then branches separated by {@code |}, each made only of ASCII literal
 * characters (punctuation may be escaped with {@code \}), {@code .*} and the no-op anchors {@code ^} (first) and
 * {@code $} (last). Under Envoy's full match (mesh-semantics §1.2) such a branch is a glob: literal pieces in order,
 * with {@code .*} standing for any run of characters other than {@code \n}.
 * <p>
 * The glob answers exactly as RE2 would for values of ASCII characters without {@code \n} (there, {@code (?i)}
 * is plain ASCII case folding); {@link #decides} says so, and the caller asks RE2 for any other value. Built once
 * at compile time; {@link #matches} allocates nothing.
 */
final class LiteralGlob {

    /** One branch: literal pieces between the stars, and whether it starts / ends with {@code .*}. */
    private record Branch(String[] pieces, boolean leadingStar, boolean trailingStar) {
    }

    private static final String ESCAPABLE = "\\.+*?()[]{}|^$-/#&~:=@!%,;<>'\"`";
    private static final String META = "\\.+*?()[]{}|^$";

    private final Branch[] branches;
    private final boolean ignoreCase;

    private LiteralGlob(Branch[] branches, boolean ignoreCase) {
        this.branches = branches;
        this.ignoreCase = ignoreCase;
    }

    /** The glob equivalent to {@code regex} (a valid RE2 expression), or {@code null} when it uses anything else. */
    static LiteralGlob of(String regex) {
        boolean ignoreCase = regex.startsWith("(?i)");
        String body = ignoreCase ? regex.substring(4) : regex;
        List<Branch> branches = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= body.length(); i++) {
            if (i == body.length() || body.charAt(i) == '|') {
                Branch b = branch(body, start, i);
                if (b == null) {
                    return null;
                }
                branches.add(b);
                start = i + 1;
            } else if (body.charAt(i) == '\\') {
                i++;
            }
        }
        return new LiteralGlob(branches.toArray(Branch[]::new), ignoreCase);
    }

    /** {@code s[from, to)} as a branch, or {@code null}. */
    private static Branch branch(String s, int from, int to) {
        if (from < to && s.charAt(from) == '^') {
            from++;
        }
        if (to > from && s.charAt(to - 1) == '$' && !escaped(s, to - 1, from)) {
            to--;
        }
        List<String> pieces = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        boolean leadingStar = false;
        boolean trailingStar = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '.' && i + 1 < to && s.charAt(i + 1) == '*') {
                if (!literal.isEmpty()) {
                    pieces.add(literal.toString());
                    literal.setLength(0);
                } else if (pieces.isEmpty()) {
                    leadingStar = true;
                }
                trailingStar = true;
                i++;
                continue;
            }
            trailingStar = false;
            if (c == '\\' && i + 1 < to && ESCAPABLE.indexOf(s.charAt(i + 1)) >= 0) {
                literal.append(s.charAt(++i));
            } else if (c >= 0x20 && c < 0x7F && META.indexOf(c) < 0) {
                literal.append(c);
            } else {
                return null;
            }
        }
        if (!literal.isEmpty()) {
            pieces.add(literal.toString());
        }
        return new Branch(pieces.toArray(String[]::new), leadingStar, trailingStar);
    }

    private static boolean escaped(String s, int at, int from) {
        int backslashes = 0;
        for (int i = at - 1; i >= from && s.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    /** True when the glob's answer for {@code value} is RE2's: ASCII only, no {@code \n}. */
    static boolean decides(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x80 || c == '\n') {
                return false;
            }
        }
        return true;
    }

    /** The full-match answer, valid when {@link #decides} is true for {@code value}. */
    boolean matches(String value) {
        for (Branch b : branches) {
            if (matches(b, value)) {
                return true;
            }
        }
        return false;
    }

    private boolean matches(Branch b, String value) {
        String[] pieces = b.pieces();
        int n = pieces.length;
        if (n == 0) {
            return b.leadingStar() || value.isEmpty();
        }
        int lo = 0;
        int hi = value.length();
        int first = 0;
        int last = n - 1;
        if (!b.leadingStar()) {
            if (!value.regionMatches(ignoreCase, 0, pieces[0], 0, pieces[0].length())) {
                return false;
            }
            lo = pieces[0].length();
            first = 1;
            if (n == 1 && !b.trailingStar()) {
                return lo == hi;
            }
        }
        if (!b.trailingStar() && last >= first) {
            String tail = pieces[last];
            hi -= tail.length();
            if (hi < lo || !value.regionMatches(ignoreCase, hi, tail, 0, tail.length())) {
                return false;
            }
            last--;
        }
        for (int k = first; k <= last; k++) {
            int at = indexOf(value, pieces[k], lo, hi);
            if (at < 0) {
                return false;
            }
            lo = at + pieces[k].length();
        }
        return true;
    }

    private int indexOf(String value, String piece, int from, int to) {
        for (int i = from; i + piece.length() <= to; i++) {
            if (value.regionMatches(ignoreCase, i, piece, 0, piece.length())) {
                return i;
            }
        }
        return -1;
    }
}
