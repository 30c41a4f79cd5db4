package io.theatermsa.mesh.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The name and value rules Istio's webhook shares between fields (istio-validation.md C.1–C.12): hosts, DNS labels
 * (upper case allowed, unlike Kubernetes), label maps, header names and values, durations and ports. Each check
 * returns the problem in Istio's words, or empty when the value passes.
 */
final class IstioNames {

    private static final String LABEL = "[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?";
    private static final Pattern DNS1123_LABEL = Pattern.compile(LABEL);
    private static final Pattern WILDCARD_LABEL = Pattern.compile("\\*|(?:\\*|\\*-)?" + LABEL);
    private static final String QUALIFIED = "(?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final Pattern LABEL_KEY = Pattern.compile("(" + LABEL + "(?:\\." + LABEL + ")*/)?(" + QUALIFIED + ")");
    private static final Pattern LABEL_VALUE = Pattern.compile("(" + QUALIFIED + ")?");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~A-Za-z0-9]+");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Set<String> PSEUDO_HEADERS = Set.of(":method", ":scheme", ":authority", ":path", ":status");
    private static final String JWT_CLAIM_PREFIX = "@request.auth.claims.";
    private static final Set<String> GRPC_CODE_NAMES = Set.of("OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT",
            "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED",
            "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS",
            "UNAUTHENTICATED");

    private IstioNames() {
    }

    /** Istio's DNS-1123 label: at most 63 characters, letters of either case, digits and inner dashes. */
    static boolean isLabel(String value) {
        return value != null && value.length() <= 63 && DNS1123_LABEL.matcher(value).matches();
    }

    /** C.1: a host with an optional wildcard first label ({@code *}, {@code *.foo.com}, {@code *foo.com}). */
    static Optional<String> wildcardDomainError(String domain) {
        Optional<String> pre = preconditions(domain);
        if (pre.isPresent()) {
            return pre;
        }
        int dot = domain.indexOf('.');
        String first = dot < 0 ? domain : domain.substring(0, dot);
        if (first.length() > 63 || !WILDCARD_LABEL.matcher(first).matches()) {
            return Optional.of("domain name \"" + domain + "\" invalid (label \"" + first + "\" invalid)");
        }
        return dot < 0 ? Optional.empty() : labelsError(domain, domain.substring(dot + 1));
    }

    /** C.2: a fully qualified name without a wildcard. */
    static Optional<String> fqdnError(String domain) {
        return preconditions(domain).or(() -> labelsError(domain, domain));
    }

    private static Optional<String> preconditions(String domain) {
        if (domain == null || domain.isEmpty()) {
            return Optional.of("empty domain name not allowed");
        }
        return domain.length() > 255 ? Optional.of("domain name \"" + domain + "\" too long (max 255)")
                : Optional.empty();
    }

    private static Optional<String> labelsError(String domain, String rest) {
        String[] parts = rest.split("\\.", -1);
        String tld = parts[parts.length - 1];
        if (!tld.isEmpty() && tld.chars().allMatch(Character::isDigit)) {
            return Optional.of("domain name \"" + domain + "\" invalid (top level domain \"" + tld
                               + "\" cannot be all-numeric)");
        }
        for (int i = 0; i < parts.length; i++) {
            boolean trailingDot = i == parts.length - 1 && parts[i].isEmpty() && i > 0;
            if (!trailingDot && !isLabel(parts[i])) {
                return Optional.of("domain name \"" + domain + "\" invalid (label \"" + parts[i] + "\" invalid)");
            }
        }
        return Optional.empty();
    }

    /** An IPv4 or IPv6 literal, as Go's {@code net.ParseIP} reads one (no name lookup is made). */
    static boolean isIpAddress(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        if (IPV4.matcher(value).matches()) {
            return Arrays.stream(value.split("\\.")).allMatch(part -> Integer.parseInt(part) <= 255);
        }
        if (!value.contains(":") || !value.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return false;
        }
        try {
            InetAddress.getByName(value);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** An IP literal or a CIDR such as {@code 10.0.0.0/8}. */
    static boolean isIpOrCidr(String value) {
        int slash = value.indexOf('/');
        if (slash < 0) {
            return isIpAddress(value);
        }
        String bits = value.substring(slash + 1);
        String ip = value.substring(0, slash);
        int max = ip.contains(":") ? 128 : 32;
        return isIpAddress(ip) && !bits.isEmpty() && bits.length() <= 3 && bits.chars().allMatch(Character::isDigit)
               && Integer.parseInt(bits) <= max;
    }

    /** C.5 {@code Matches}: equal, or either is a wildcard whose suffix ends the other ({@code *} matches all). */
    static boolean hostsOverlap(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        boolean aWild = a.startsWith("*");
        boolean bWild = b.startsWith("*");
        if (aWild && bWild) {
            String sa = a.substring(1);
            String sb = b.substring(1);
            return sa.length() > sb.length() ? sa.endsWith(sb) : sb.endsWith(sa);
        }
        if (aWild) {
            return b.endsWith(a.substring(1));
        }
        return bWild && a.endsWith(b.substring(1));
    }

    /** C.5 {@code SubsetOf}: {@code a} lies within {@code b} ({@code a.b.com} within {@code *.b.com}). */
    static boolean hostWithin(String a, String b) {
        if (b.startsWith("*")) {
            String suffix = b.substring(1);
            return a.startsWith("*") ? a.substring(1).endsWith(suffix) : a.endsWith(suffix);
        }
        return !a.startsWith("*") && a.equals(b);
    }

    /** C.7: a label key (optional DNS prefix and {@code /}, then a qualified name) and its value. */
    static Optional<String> labelError(String key, String value) {
        var m = LABEL_KEY.matcher(key == null ? "" : key);
        if (!m.matches() || m.group(1) != null && m.group(1).length() - 1 > 253 || m.group(2).length() > 63) {
            return Optional.of("invalid tag key: \"" + key + "\"");
        }
        if (value == null || !LABEL_VALUE.matcher(value).matches()) {
            return Optional.of("invalid tag value: \"" + value + "\"");
        }
        return Optional.empty();
    }

    /** A match header name: an RFC 7230 token, an HTTP/2 pseudo-header or a JWT claim key. */
    static Optional<String> matchHeaderNameError(String name) {
        if (name.isEmpty()) {
            return Optional.of("header name cannot be empty");
        }
        if (isJwtClaim(name) || PSEUDO_HEADERS.contains(name) || TOKEN.matcher(name).matches()) {
            return Optional.empty();
        }
        return Optional.of("header name " + name + " is not a valid header name");
    }

    static boolean isToken(String name) {
        return TOKEN.matcher(name).matches();
    }

    static boolean isJwtClaim(String name) {
        return name.startsWith(JWT_CLAIM_PREFIX) && name.length() > JWT_CLAIM_PREFIX.length();
    }

    /** The name of a request {@code set}/{@code add}: {@code host} and {@code :authority} are allowed there. */
    static Optional<String> requestSetNameError(String name) {
        if (name.isEmpty()) {
            return Optional.of("header name cannot be empty");
        }
        return name.startsWith(":") && !isAuthority(name)
                ? Optional.of("invalid header \"" + name + "\": header cannot have \":\" prefix") : Optional.empty();
    }

    /** The name of a request {@code remove} or of any response operation. */
    static Optional<String> headerOperationNameError(String name) {
        if (name.isEmpty()) {
            return Optional.of("header name cannot be empty");
        }
        if (name.equalsIgnoreCase("host")) {
            return Optional.of("invalid header \"" + name + "\": cannot set Host header");
        }
        return name.startsWith(":") ? Optional.of("invalid header \"" + name + "\": header cannot have \":\" prefix")
                : Optional.empty();
    }

    static boolean isAuthority(String name) {
        return name.equalsIgnoreCase(":authority") || name.equalsIgnoreCase("host");
    }

    /**
     * A header value: no control character but TAB, and every {@code %} either doubled or opening a complete
     * {@code %VAR%} / {@code %VAR(args)%} expression, as Envoy's header parser reads it (A.4.2).
     */
    static Optional<String> headerValueError(String value) {
        for (char c : value.toCharArray()) {
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return Optional.of("header value configuration " + value.replace("\n", "\\n") + " is invalid");
            }
        }
        return HeaderValueSyntax.error(value).map(e -> "header value configuration: " + e);
    }

    /** The RE2 compile error for {@code expression} (C.12), or {@code null} when it compiles. */
    static String regexError(String expression) {
        try {
            com.google.re2j.Pattern.compile(expression);
            return null;
        } catch (com.google.re2j.PatternSyntaxException e) {
            return e.getMessage();
        }
    }

    /** C.6: a whole number of milliseconds, at least one. */
    static Optional<String> durationError(Duration d) {
        if (d.compareTo(Duration.ofMillis(1)) < 0) {
            return Optional.of("duration must be greater than 1ms");
        }
        return d.toNanos() % 1_000_000 != 0 ? Optional.of("only durations to ms precision are supported")
                : Optional.empty();
    }

    static boolean isPort(long port) {
        return port >= 1 && port <= 65535;
    }

    /** Upper-case gRPC code names Istio accepts for {@code abort.grpcStatus}. */
    static boolean isGrpcCodeName(String name) {
        return GRPC_CODE_NAMES.contains(name);
    }
}
