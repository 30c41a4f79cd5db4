package io.theatermsa.mesh.config;

/** {@code redirect:} of a route as written; {@code redirectCode} absent means 301. */
public record HttpRedirect(String uri, String authority, Integer port, String scheme, Integer redirectCode) {
}
