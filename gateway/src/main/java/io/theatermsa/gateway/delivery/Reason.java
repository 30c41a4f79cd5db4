package io.theatermsa.gateway.delivery;

/**
 * Why something was decided, in both languages the course speaks: Korean first, English beside.
 *
 * @param ko the Korean sentence
 * @param en the English sentence
 */
public record Reason(String ko, String en) {

    /** {@code ko / en}, as the CLI prints it. */
    public String text() {
        return ko + " / " + en;
    }
}
