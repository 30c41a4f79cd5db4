package io.theatermsa.gateway;

import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.staticcontent.ClasspathHandlerConfig;
import io.helidon.webserver.staticcontent.StaticContentFeature;

/**
 * The dashboard page and its assets, served from the classpath folder {@code dashboard/}; {@code /} serves
 * {@code index.html}. Every asset is local: the page works in a classroom without internet access.
 */
final class Dashboard {

    static final String CLASSPATH_FOLDER = "dashboard";

    private Dashboard() {
    }

    static HttpService service() {
        return StaticContentFeature.createService(ClasspathHandlerConfig.builder()
                .location(CLASSPATH_FOLDER)
                .welcome("index.html")
                .build());
    }
}
